"""Department self-service: its check-ins, its returns and its actions (with their status, audited), and
the page of one action, which every mention of an action links to."""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from councils import permissions as council_permissions
from councils import returns
from councils.models import Action
from councils.packs.history import ACTION_STATUS_EVENT
from councils.selectors import (
    actions_for_pages,
    actions_visible_to,
    department_check_ins,
    meetings_visible_to,
)
from missions.models import AuditEvent


@login_required
def my_check_ins(request):
    if not council_permissions.has_check_ins(request.user):
        raise PermissionDenied("This page is for officials of a department.")
    now = timezone.now()
    meetings = list(department_check_ins(user=request.user))
    rows = []
    for meeting in meetings:
        requested = getattr(meeting, "departmental_return", None)
        rows.append(
            {"meeting": meeting, "ret": requested, "state": returns.state(requested) if requested else None}
        )
    actions = list(
        actions_visible_to(user=request.user)
        .filter(owner_organisation=request.user.organisation_id)
        .order_by("due_date", "pk")
    )
    return render(
        request,
        "councils/mine.html",
        {
            "organisation": request.user.organisation,
            "upcoming": [r for r in rows if r["meeting"].starts_at >= now][::-1],
            "past": [r for r in rows if r["meeting"].starts_at < now],
            "actions": actions,
            "can_update": True,
            "meeting_ids": set(meetings_visible_to(user=request.user).values_list("pk", flat=True)),
            "status_choices": Action.Status.choices,
        },
    )


@login_required
def action_detail(request, pk):
    action = get_object_or_404(actions_for_pages(user=request.user), pk=pk)
    history = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Action),
        object_id=str(action.pk),
        action=ACTION_STATUS_EVENT,
    ).select_related("actor")
    return render(
        request,
        "councils/action_detail.html",
        {
            "action": action,
            "history": [
                {
                    "at": e.at,
                    "actor": e.actor,
                    "from": Action.Status(e.changes["status"][0]).label,
                    "to": Action.Status(e.changes["status"][1]).label,
                }
                for e in history.order_by("at", "pk")
            ],  # fmt: skip
            "can_update": council_permissions.can_update_action(request.user, action),
            "can_open_meeting": action.meeting_id is not None
            and council_permissions.can_view_meeting(request.user, action.meeting),
            "status_choices": Action.Status.choices,
        },
    )
