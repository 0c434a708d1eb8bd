"""State "as at" a moment of things that change in place (actions, business cases), from their state-change
rows: the audit trail for actions, BusinessCaseStatusChange for business cases."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from councils.models import Action, Meeting, is_overdue
from councils.permissions import council_audience_sees_business_case_status
from missions.models import AuditEvent

ACTION_STATUS_EVENT = "action.status"


def action_status_at(action: Action, events: list[AuditEvent], as_at: datetime) -> str:
    """The action's status at `as_at`: the last audited change before it, else its status before the first
    change; an action never changed through the service is judged by its completion date."""
    if not events:
        if action.status == Action.Status.DONE and action.completed_at and action.completed_at > as_at:
            return Action.Status.IN_PROGRESS
        return action.status
    before = [e for e in events if e.at <= as_at]
    if before:
        return before[-1].changes["status"][1]
    return events[0].changes["status"][0]


def _action_events(actions: list[Action]) -> dict[int, list[AuditEvent]]:
    by_action: dict[int, list[AuditEvent]] = defaultdict(list)
    qs = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Action),
        object_id__in=[str(a.pk) for a in actions],
        action=ACTION_STATUS_EVENT,
    ).order_by("at", "pk")
    for event in qs:
        by_action[int(event.object_id)].append(event)
    return by_action


def previous_actions(meeting: Meeting, as_at: datetime) -> list[Action]:
    """Actions set at the mission's earlier meetings (for a check-in: those the department owns)."""
    qs = Action.objects.filter(
        meeting__council__mission=meeting.council.mission_id,
        meeting__starts_at__lt=meeting.starts_at,
        created_at__lte=as_at,
    ).select_related("owner_organisation", "metric", "meeting")
    if meeting.department_id:
        qs = qs.filter(owner_organisation=meeting.department_id)
    return list(qs.order_by("due_date", "pk"))


def actions_as_at(meeting: Meeting, as_at: datetime) -> list[dict]:
    actions = previous_actions(meeting, as_at)
    events = _action_events(actions)
    today = timezone.localdate(as_at)
    rows = []
    for action in actions:
        status = action_status_at(action, events.get(action.pk, []), as_at)
        rows.append(
            {
                "title": action.title,
                "owner": ", ".join(filter(None, [str(action.owner_organisation), action.owner_name])),
                "due_date": action.due_date.isoformat(),
                "status": status,
                "status_label": Action.Status(status).label,
                "overdue": is_overdue(status=status, due_date=action.due_date, today=today),
                "metric": action.metric.name if action.metric else "",
                "meeting": action.meeting.title,
                "illustrative": action.illustrative,
            }
        )
    return rows


def _case_status_at(case, as_at: datetime) -> str | None:
    changes = list(case.status_changes.all())
    if not changes:
        return case.status
    before = [c for c in changes if c.at <= as_at]
    return before[-1].to_status if before else None


def business_cases_as_at(cases, as_at: datetime, *, fmt) -> list[dict]:
    """Cases that existed and had been submitted by `as_at`, with their latest assessment by then."""
    from spending.appraisal import evaluate

    cases = list(cases)
    appraisals = evaluate(cases)  # the three tests are computed when the pack is built, never stored
    rows = []
    for case in cases:
        if case.created_at > as_at:
            continue
        status = _case_status_at(case, as_at)
        if status is None or not council_audience_sees_business_case_status(status):
            continue
        assessments = [a for a in case.assessments.all() if a.assessed_at <= as_at]
        latest = max(assessments, key=lambda a: a.assessed_at, default=None)
        rows.append(
            {
                "title": case.title,
                "lead": str(case.lead_department),
                "partners": [str(p) for p in case.partner_departments.all()],
                "status": case.Status(status).label,
                "category": case.get_category_display(),
                "prevention": case.prevention,
                "total_cost": fmt(sum(c.amount_m for c in case.costs.all())),
                "price_base": case.price_base,
                "tests": _tests(latest, appraisals[case.pk]),
                "illustrative": case.illustrative,
            }
        )
    return rows


def _tests(assessment, appraisal) -> dict | None:
    if assessment is None:
        return None
    labels = {"pass": "Passes", "fail": "Fails", "not_assessable": "Not assessable"}
    shown = {name: f"{labels[r.result]}: {r.summary}" for name, r in appraisal.tests.items()}
    return {
        **shown,
        "judgement": assessment.judgement,
        "assessed_at": assessment.assessed_at.isoformat(),
    }
