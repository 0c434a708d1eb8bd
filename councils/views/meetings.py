"""Running a meeting in the product: agenda builder, return requested, decisions (with actions), minutes.

Thin: a scoped selector finds the meeting (404 for what the user may not see), a named rule decides the
change (403), a service makes it (409 when the state does not allow it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from councils import forms, services
from councils import permissions as council_permissions
from councils.selectors import agenda_choices, meetings_visible_to

CONFLICT = 409


def visible_meeting(request, pk):
    return get_object_or_404(meetings_visible_to(user=request.user), pk=pk)


def managed_meeting(request, pk):
    if not council_permissions.may_manage_councils(request.user):
        raise PermissionDenied("Only a council's secretariat and the centre run its meetings.")
    meeting = visible_meeting(request, pk)
    if not council_permissions.can_manage_council(request.user, meeting.council):
        raise PermissionDenied("Only the council's secretariat and the centre run its meetings.")
    return meeting


def conflict(request, meeting, exc) -> HttpResponse:
    return render(
        request, "councils/conflict.html", {"meeting": meeting, "message": str(exc)}, status=CONFLICT
    )


@login_required
def agenda(request, pk):
    if request.method == "POST":
        return _agenda_add(request, managed_meeting(request, pk))
    meeting = visible_meeting(request, pk)
    can_manage = council_permissions.can_manage_council(request.user, meeting.council)
    form = forms.AgendaItemForm(choices=agenda_choices(meeting=meeting)) if can_manage else None
    return _agenda_page(request, meeting, form, can_manage)


def _agenda_add(request, meeting):
    form = forms.AgendaItemForm(request.POST, choices=agenda_choices(meeting=meeting))
    if not form.is_valid():
        return _agenda_page(request, meeting, form, True)
    data = form.cleaned_data
    item = services.agenda_item_add(
        meeting=meeting,
        by=request.user,
        title=data["title"],
        owner=data["owner"],
        minutes_allotted=data["minutes_allotted"],
        **data["links"],
    )
    messages.success(request, f"Added “{item.title}” to the agenda")
    return redirect("councils:agenda", pk=meeting.pk)


def _agenda_page(request, meeting, form, can_manage):
    items = meeting.agenda.select_related(
        "metric", "contribution", "action", "business_case", "commitment__letter", "commitment__metric"
    )
    return render(
        request,
        "councils/agenda.html",
        {
            "meeting": meeting,
            "items": items,
            "form": form,
            "can_manage": can_manage,
            "total_minutes": sum(i.minutes_allotted or 0 for i in items),
            "reads_council": council_permissions.can_view_council(request.user, meeting.council),
        },
    )


def _item(request, pk, item_pk):
    meeting = managed_meeting(request, pk)
    return get_object_or_404(meeting.agenda, pk=item_pk)


@login_required
@require_POST
def agenda_move(request, pk, item_pk):
    item = _item(request, pk, item_pk)
    services.agenda_item_move(item=item, by=request.user, up=request.POST.get("direction") == "up")
    return redirect("councils:agenda", pk=pk)


@login_required
@require_POST
def agenda_remove(request, pk, item_pk):
    item = _item(request, pk, item_pk)
    services.agenda_item_remove(item=item, by=request.user)
    messages.success(request, f"Removed “{item.title}” from the agenda")
    return redirect("councils:agenda", pk=pk)


@login_required
def return_request(request, pk):
    meeting = managed_meeting(request, pk)
    form = forms.ReturnRequestForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_request(meeting=meeting, by=request.user, deadline=form.cleaned_data["deadline"])
        except services.StateConflict as exc:
            return conflict(request, meeting, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Return requested from {meeting.department}")
            return redirect(meeting)
    return render(request, "councils/return_request.html", {"meeting": meeting, "form": form})


@login_required
def decision_create(request, pk):
    meeting = managed_meeting(request, pk)
    form = forms.DecisionForm(request.POST or None, mission=meeting.council.mission)
    if request.method == "POST" and form.is_valid():
        services.decision_record(
            meeting=meeting, by=request.user, text=form.cleaned_data["text"], actions=form.actions()
        )
        messages.success(request, "Decision recorded" + (" with its action" if form.actions() else ""))
        return redirect(meeting)
    return render(request, "councils/decision_form.html", {"meeting": meeting, "form": form})


@login_required
def minutes(request, pk):
    meeting = managed_meeting(request, pk)
    form = forms.MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_minutes_save(
                meeting=meeting, by=request.user, minutes=form.cleaned_data["minutes"]
            )
        except services.StateConflict as exc:
            return conflict(request, meeting, exc)
        messages.success(request, "Minutes saved (not yet published to members)")
        return redirect(meeting)
    return render(request, "councils/minutes_form.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
def minutes_publish(request, pk):
    meeting = managed_meeting(request, pk)
    try:
        services.meeting_minutes_publish(meeting=meeting, by=request.user)
    except services.StateConflict as exc:
        return conflict(request, meeting, exc)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("councils:minutes", pk=meeting.pk)
    messages.success(request, "Minutes published to the council's members")
    return redirect(meeting)
