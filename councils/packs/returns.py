"""Pack sections for running a check-in: the actions from the council's last meeting (the pack opens with
them), the agenda it follows, and the department's submitted return as it stood at the pack's as-at moment,
beside the data. Everything is read as at `as_at`: a return submitted later is not in the pack; a rebuild
after it is."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from django.utils import timezone

from councils import returns
from councils.models import Action, AgendaItem, DepartmentalReturn, Meeting
from councils.packs import history


def sections(meeting: Meeting, as_at: datetime) -> dict:
    return {
        "last_meeting": last_meeting(meeting, as_at),
        "agenda": agenda(meeting),
        "departmental_return": departmental_return(meeting, as_at),
    }


def agenda_order(meeting: Meeting, metrics: list) -> list:
    """Metrics on the agenda first, in its order; the rest after, as they were."""
    order = {
        metric_id: index
        for index, metric_id in enumerate(
            AgendaItem.objects.filter(meeting=meeting, metric__isnull=False)
            .order_by("order")
            .values_list("metric_id", flat=True)
        )
    }
    return sorted(metrics, key=lambda m: order.get(m.pk, len(order)))


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(council=meeting.council_id, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at")
        .first()
    )


def last_meeting(meeting: Meeting, as_at: datetime) -> dict | None:
    """The council's previous meeting and the actions it set, each with its status as at `as_at`."""
    previous = previous_meeting(meeting)
    if previous is None:
        return None
    actions = list(
        Action.objects.filter(meeting=previous, created_at__lte=as_at)
        .select_related("owner_organisation", "metric")
        .order_by("due_date", "pk")
    )
    events = history._action_events(actions)
    today = timezone.localdate(as_at)
    rows = []
    for action in actions:
        status = history.action_status_at(action, events.get(action.pk, []), as_at)
        rows.append(
            {
                "id": action.pk,
                "title": action.title,
                "owner": ", ".join(filter(None, [str(action.owner_organisation), action.owner_name])),
                "due_date": action.due_date.isoformat(),
                "status": status,
                "status_label": Action.Status(status).label,
                "overdue": status in (Action.Status.OPEN, Action.Status.IN_PROGRESS)
                and action.due_date < today,
                "metric": action.metric.name if action.metric else "",
                "illustrative": action.illustrative,
            }
        )
    return {
        "id": previous.pk,
        "title": previous.title,
        "starts_at": timezone.localtime(previous.starts_at).isoformat(),
        "actions": rows,
    }


def agenda(meeting: Meeting) -> list[dict]:
    return [
        {"order": item.order, "title": item.title, "owner": item.owner, "minutes": item.minutes_allotted}
        for item in AgendaItem.objects.filter(meeting=meeting).order_by("order")
    ]


def departmental_return(meeting: Meeting, as_at: datetime) -> dict | None:
    """The return as submitted by `as_at` (the latest version by then), beside the data as known then."""
    requested = DepartmentalReturn.objects.filter(meeting=meeting, requested_at__lte=as_at).first()
    if requested is None:
        return None
    version = returns.submitted_as_at(requested, as_at)
    result = {
        "organisation": str(requested.organisation),
        "deadline": timezone.localtime(requested.deadline).isoformat(),
        "overdue_at_as_at": version is None and as_at > requested.deadline,
        "version": None,
        "rows": [],
    }
    if version is not None:
        result["version"] = {
            "number": version.number,
            "submitted_at": timezone.localtime(version.submitted_at).isoformat(),
            "late": returns.is_late(requested, version),
        }
        result["rows"] = [asdict(row) for row in returns.beside_the_data(returns.entries_of(version), as_at)]
    return result
