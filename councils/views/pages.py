"""Councils, meetings and actions. Thin: a scoped selector (404 for what the user may not see), a
permission check for changes (403), a service, a template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from councils import forms, rhythm, services
from councils import permissions as council_permissions
from councils import returns as return_rules
from councils.models import Action, DepartmentalReturn
from councils.selectors import (
    actions_for_pages,
    council_actions_visible_to,
    councils_visible_to,
    meetings_visible_to,
)


def _require_manage(user, council):
    if not council_permissions.can_manage_council(user, council):
        raise PermissionDenied("Only the council's secretariat and the centre can change its papers.")


@login_required
def council_list(request):
    if not council_permissions.can_see_councils(request.user):
        raise PermissionDenied("Council papers are for the centre, secretariats and council members.")
    councils = councils_visible_to(user=request.user).prefetch_related("members")
    return render(request, "councils/council_list.html", {"councils": councils})


@login_required
def council_detail(request, slug):
    council = get_object_or_404(councils_visible_to(user=request.user), slug=slug)
    taskforce = getattr(council.mission, "taskforce", None)
    actions = list(council_actions_visible_to(user=request.user).filter(meeting__council=council))
    past, upcoming = rhythm.meetings_split(council)
    points = rhythm.confidence_points(council)
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": council,
            "members": council.members.select_related("organisation"),
            "taskforce": taskforce,
            "staff": taskforce.members.select_related("organisation") if taskforce else [],
            "past_meetings": past,
            "upcoming_meetings": upcoming,
            "outstanding": rhythm.outstanding_returns(council),
            "by_status": rhythm.actions_by_status(actions),
            "points": points,
            "confidence_figure": rhythm.confidence_figure(points) if points else None,
            "confidence_summary": rhythm.confidence_summary(points),
            "actions": actions,
            "can_manage": council_permissions.can_manage_council(request.user, council),
            "status_choices": Action.Status.choices,
        },
    )


@login_required
def confidence_csv(request, slug):
    council = get_object_or_404(councils_visible_to(user=request.user), slug=slug)
    return rhythm.confidence_csv(council, rhythm.confidence_points(council))


@login_required
def meeting_create(request, slug):
    council = get_object_or_404(councils_visible_to(user=request.user), slug=slug)
    _require_manage(request.user, council)
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(council=council, by=request.user, **form.cleaned_data)
        messages.success(request, f"Meeting “{meeting.title}” added")
        return redirect(meeting)
    return render(request, "councils/meeting_form.html", {"council": council, "form": form})


@login_required
def meeting_detail(request, pk):
    meeting = get_object_or_404(meetings_visible_to(user=request.user), pk=pk)
    user = request.user
    requested = DepartmentalReturn.objects.filter(meeting=meeting).select_related("organisation").first()
    reads_council = council_permissions.can_view_council(user, meeting.council)
    return render(
        request,
        "councils/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda.select_related(
                "metric",
                "contribution",
                "action",
                "business_case",
                "commitment__letter",
                "commitment__metric",
            ),
            "decisions": meeting.decisions.prefetch_related("actions"),
            "actions": meeting.actions.select_related("owner_organisation", "metric"),
            "packs": meeting.packs.select_related("created_by") if reads_council else [],
            "reads_council": reads_council,
            "ret": requested,
            "ret_state": return_rules.state(requested) if requested else None,
            "minutes_visible": council_permissions.minutes_visible(user, meeting),
            "pack_form": forms.PackRequestForm(),
            "can_manage": council_permissions.can_manage_council(user, meeting.council),
            "can_update_own": council_permissions.department_id(user),
            "status_choices": Action.Status.choices,
        },
    )


@login_required
def action_list(request):
    if not council_permissions.can_see_councils(request.user):
        raise PermissionDenied("Council actions are for the centre, secretariats and council members.")
    actions = list(council_actions_visible_to(user=request.user).order_by("due_date", "pk"))
    overdue = [a for a in actions if a.is_overdue()]
    others = [a for a in actions if not a.is_overdue()]
    return render(
        request, "councils/action_list.html", {"actions": overdue + others, "overdue_count": len(overdue)}
    )


@login_required
def action_create(request, pk):
    meeting = get_object_or_404(meetings_visible_to(user=request.user), pk=pk)
    _require_manage(request.user, meeting.council)
    form = forms.ActionForm(request.POST or None, mission=meeting.council.mission)
    if request.method == "POST" and form.is_valid():
        services.action_create(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, "Action added")
        return redirect(meeting)
    return render(request, "councils/action_form.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
def action_status(request, pk):
    """The secretariat and the centre for their councils' actions; a department for its own (audited)."""
    if not council_permissions.may_update_actions(request.user):
        raise PermissionDenied(
            "Only the council's secretariat, the centre and the owning department do this."
        )
    action = get_object_or_404(actions_for_pages(user=request.user), pk=pk)
    if not council_permissions.can_update_action(request.user, action):
        raise PermissionDenied(
            "Only the council's secretariat, the centre and the owning department do this."
        )
    form = forms.ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.action_update_status(action=action, status=form.cleaned_data["status"], by=request.user)
        except services.StateConflict as exc:
            return render(
                request, "councils/conflict.html", {"action": action, "message": str(exc)}, status=409
            )
        label = Action.Status(form.cleaned_data["status"]).label.lower()
        messages.success(request, f"“{action.title}” is now {label}")
    return redirect(request.POST.get("next") if _safe_next(request) else action)


def _safe_next(request) -> bool:
    target = request.POST.get("next")
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
