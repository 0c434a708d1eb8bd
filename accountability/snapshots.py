"""What a report or an annual review shows, read "as at" a moment into a JSON-ready dict that is stored and
frozen (like a check-in pack: `councils.packs`). Statuses come from `metrics.status.metric_statuses(as_of=)`
and trends from the points known then, so a later revision of the data never changes a frozen document."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from councils.models import Action
from councils.packs.history import ACTION_STATUS_EVENT, action_status_at
from metrics import charts
from metrics.models import Metric
from metrics.status import metric_statuses
from missions.models import AuditEvent, Contribution

TREND_POINTS = 6


def metric_figures(metrics: Iterable[Metric], as_at: datetime | None) -> dict[int, dict]:
    """Each metric's computed status, latest value and trend as known at `as_at` (now when None)."""
    metrics = list(metrics)
    statuses = metric_statuses(metrics, as_of=as_at, recent=TREND_POINTS)
    return {m.pk: _figure(m, statuses[m.pk]) for m in metrics}


def _figure(metric: Metric, s) -> dict:
    labelled = [(metric.period_label(d), v) for d, v in s.recent]
    target = s.target
    return {
        "metric_id": metric.pk,
        "slug": metric.slug,
        "name": metric.name,
        "unit": metric.unit,
        "status": s.status,
        "status_label": s.label,
        "stale": s.stale,
        "explanation": s.assessment.explanation,
        "latest_period": s.latest_period or "",
        "latest_value": (
            charts.format_value(s.latest_value, metric.unit, metric.decimal_places)
            if s.latest_value is not None
            else ""
        ),
        "trend": charts.trend_words(labelled, metric.unit, metric.decimal_places),
        "target": (
            f"{charts.format_value(target.value, metric.unit, metric.decimal_places)} by {target.due_label}"
            if target is not None and target.value is not None
            else ""
        ),
    }


def _actions(letter, metric_ids: set[int], as_at: datetime) -> dict:
    """The department's actions on the letter's metrics or missions: done and overdue, as at `as_at`."""
    actions = list(
        Action.objects.filter(owner_organisation=letter.department_id, created_at__lte=as_at)
        .filter(metric_id__in=metric_ids)
        .select_related("metric")
        .order_by("due_date", "pk")
    )
    events: dict[int, list] = {}
    for event in AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Action),
        object_id__in=[str(a.pk) for a in actions],
        action=ACTION_STATUS_EVENT,
    ).order_by("at", "pk"):
        events.setdefault(int(event.object_id), []).append(event)
    today = timezone.localdate(as_at)
    done, overdue, open_ = [], [], []
    for action in actions:
        status = action_status_at(action, events.get(action.pk, []), as_at)
        row = {"title": action.title, "due_date": action.due_date.isoformat(), "metric_id": action.metric_id}
        if status == Action.Status.DONE:
            done.append(row)
        elif status in (Action.Status.OPEN, Action.Status.IN_PROGRESS):
            (overdue if action.due_date < today else open_).append(row)
    return {"done": done, "overdue": overdue, "open": open_}


def _self_assessment(commitment, as_at: datetime) -> dict | None:
    updates = [u for u in commitment.updates.all() if u.at <= as_at]
    if not updates:
        return None
    last = updates[-1]
    return {
        "status": last.status,
        "label": last.get_status_display(),
        "rationale": last.rationale,
        "by": last.by_name,
        "at": last.at.isoformat(),
    }


def review_content(letter, as_at: datetime) -> dict:
    """The annual review as drafted from the data: each commitment's metric status, the department's actions
    done and overdue, and its contributions to the letter's missions, all as at `as_at`."""
    commitments = list(letter.commitments.select_related("metric").prefetch_related("updates"))
    figures = metric_figures([c.metric for c in commitments], as_at)
    actions = _actions(letter, {c.metric_id for c in commitments}, as_at)
    contributions = Contribution.objects.filter(
        organisation=letter.department_id, mission__in=letter.missions.all(), created_at__lte=as_at
    ).select_related("mission")
    return {
        "as_at": timezone.localtime(as_at).isoformat(),
        "letter": {"id": letter.pk, "title": str(letter), "department": letter.department.name},
        "commitments": [
            {
                "id": c.pk,
                "number": c.number,
                "text": c.expected_contribution,
                "figure": figures[c.metric_id],
                "self_assessment": _self_assessment(c, as_at),
                "actions_done": [a for a in actions["done"] if a["metric_id"] == c.metric_id],
                "actions_overdue": [a for a in actions["overdue"] if a["metric_id"] == c.metric_id],
            }
            for c in commitments
        ],
        "actions": {key: len(rows) for key, rows in actions.items()},
        "contributions": [
            {"mission": c.mission.short_title, "outcome": c.outcome, "illustrative": c.illustrative}
            for c in contributions
        ],
        "illustrative": letter.illustrative,
    }


def report_metrics(report) -> list[Metric]:
    """The metrics a report judges, then the mission's other core metrics (the body's remit)."""
    judged = [j.metric for j in report.judgements.select_related("metric")]
    core = Metric.objects.filter(mission=report.body.mission_id, tier=Metric.Tier.CORE, restricted=False)
    return judged + [m for m in core if m.pk not in {j.pk for j in judged}]


def report_content(report, as_at: datetime) -> dict:
    metrics = report_metrics(report)
    figures = metric_figures(metrics, as_at)
    return {
        "as_at": timezone.localtime(as_at).isoformat(),
        "figures": {str(m.pk): figures[m.pk] for m in metrics},
        "order": [m.pk for m in metrics],
    }
