"""A check-in's departmental return: the department files it (drafts, then submits); the council reads the
submitted versions beside the computed status and trend, with mismatches called out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from councils import permissions as council_permissions
from councils import returns, services
from councils.models import Confidence, DepartmentalReturn
from councils.views.meetings import conflict, visible_meeting

FIELDS = ("confidence", "reason", "risks", "asks")


def _return(request, pk) -> DepartmentalReturn:
    meeting = visible_meeting(request, pk)
    found = DepartmentalReturn.objects.filter(meeting=meeting).select_related("organisation").first()
    if found is None or not council_permissions.can_read_submitted_return(request.user, found):
        raise Http404("No return has been requested for this meeting.")
    found.meeting = meeting
    return found


def _subjects(meeting) -> list[tuple[str, str, object, str]]:
    """(form prefix, kind, object, name) for each metric and contribution the return covers."""
    metrics, contributions = returns.subjects(meeting)
    return [(f"m{m.pk}", "metric", m, m.name) for m in metrics] + [
        (f"c{c.pk}", "contribution", c, c.outcome) for c in contributions
    ]


def _posted_entries(post, subjects) -> list[dict]:
    return [
        {kind: obj, **{f: post.get(f"{prefix}-{f}", "") for f in FIELDS}} for prefix, kind, obj, _ in subjects
    ]


def _initial(version, subjects) -> dict:
    """The form starts from the latest version the department filed (draft or submitted)."""
    if version is None:
        return {}
    by_subject = {(e.metric_id, e.contribution_id): e for e in version.entries.all()}
    initial = {}
    for prefix, kind, obj, _ in subjects:
        entry = by_subject.get((obj.pk, None) if kind == "metric" else (None, obj.pk))
        for field in FIELDS:
            initial[f"{prefix}-{field}"] = getattr(entry, field, "") if entry else ""
    return initial


@login_required
def return_detail(request, pk):
    departmental_return = _return(request, pk)
    meeting = departmental_return.meeting
    can_file = council_permissions.can_file_return(request.user, departmental_return)
    open_for_filing = can_file and meeting.starts_at > timezone.now()
    subjects = _subjects(meeting) if can_file else []
    errors, values = [], None
    if request.method == "POST":
        if not can_file:
            raise PermissionDenied("Only the department under review files its return.")
        submit = request.POST.get("action") == "submit"
        try:
            version = services.return_file(
                departmental_return=departmental_return,
                by=request.user,
                entries=_posted_entries(request.POST, subjects),
                submit=submit,
            )
        except services.StateConflict as exc:
            return conflict(request, meeting, exc)
        except ValidationError as exc:
            errors, values = exc.messages, request.POST
        else:
            word = "submitted" if submit else "saved as a draft"
            messages.success(request, f"Version {version.number} of the return {word}")
            return redirect("councils:return", pk=meeting.pk)
    versions = list(departmental_return.versions.order_by("-number"))
    if not council_permissions.can_read_drafts(request.user, departmental_return):
        versions = [v for v in versions if v.submitted_at]
    shown = _chosen(request, versions)
    return render(
        request,
        "councils/return_detail.html",
        {
            "meeting": meeting,
            "ret": departmental_return,
            "state": returns.state(departmental_return),
            "versions": versions,
            "shown": shown,
            "shown_late": returns.is_late(departmental_return, shown)
            if shown and shown.submitted_at
            else False,
            "rows": returns.beside_the_data(returns.entries_of(shown)) if shown else [],
            "can_file": open_for_filing,
            "subjects": subjects,
            "values": values or _initial(versions[0] if versions and can_file else None, subjects),
            "confidence_choices": Confidence.choices,
            "errors": errors,
            "reads_council": council_permissions.can_view_council(request.user, meeting.council),
        },
    )


def _chosen(request, versions):
    wanted = request.GET.get("version")
    if wanted and wanted.isdigit():
        for version in versions:
            if version.number == int(wanted):
                return version
        raise Http404("No such version of this return.")
    submitted = [v for v in versions if v.submitted_at]
    return submitted[0] if submitted else (versions[0] if versions else None)
