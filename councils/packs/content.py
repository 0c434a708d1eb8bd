"""Assemble what a check-in pack shows, "as at" a moment, as a JSON-ready dict that is stored and frozen.

Everything is read as it was known at `as_at`: observations through `observations_as_of`, statuses through
`metric_statuses(as_of=)`, actions, business cases and contributions by their recorded dates and state
changes. The pack is read by the whole council (ministers of several departments, mayors), so it holds only
what every member may see: no restricted metrics or contributions, no draft business cases.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from councils.models import Meeting
from councils.packs import history
from councils.packs import returns as pack_returns
from councils.selectors import business_cases_for_council_audience, commitments_for_council_audience
from metrics import formatting
from metrics.models import Metric
from metrics.selectors import observations_as_of
from metrics.status import metric_statuses
from missions.models import Contribution

TABLE_ROWS = 6


def fmt_value(value, places: int) -> str:
    if value is None:
        return "No data"
    return formatting.format_number(value, places)


def assemble(meeting: Meeting, as_at: datetime) -> dict:
    """The frozen content of a pack for `meeting` as known at `as_at`."""
    council = meeting.council
    metrics = pack_returns.agenda_order(meeting, pack_metrics(meeting))
    return {
        "cover": cover(meeting, as_at),
        "metrics": metric_sections(metrics, as_at),
        "actions": history.actions_as_at(meeting, as_at),
        "contributions": contributions(meeting, as_at),
        "commitments": commitments(meeting, as_at),
        "business_cases": history.business_cases_as_at(
            _business_cases(meeting), as_at, fmt=lambda v: fmt_value(v, 1)
        ),
        "illustrative": bool(meeting.illustrative or council.illustrative),
        **pack_returns.sections(meeting, as_at),
    }


def cover(meeting: Meeting, as_at: datetime) -> dict:
    council = meeting.council
    return {
        "council": council.name,
        "council_illustrative": council.illustrative,
        "mission": council.mission.title,
        "chair": council.chair,
        "meeting": meeting.title,
        "meeting_id": meeting.pk,
        "kind": meeting.get_kind_display(),
        "starts_at": timezone.localtime(meeting.starts_at).isoformat(),
        "location": meeting.location,
        "department": meeting.department.name if meeting.department else "",
        "as_at": timezone.localtime(as_at).isoformat(),
        "generated_at": timezone.localtime().isoformat(),
    }


def pack_metrics(meeting: Meeting) -> list[Metric]:
    """The mission's metrics, then the metrics the department under review owns; restricted ones left out."""
    condition = Q(mission=meeting.council.mission_id)
    if meeting.department_id:
        condition |= Q(owner=meeting.department_id)
    qs = Metric.objects.filter(condition, restricted=False).select_related("mission", "owner")
    return sorted(qs, key=lambda m: (m.mission_id != meeting.council.mission_id, m.tier != "core", m.pk))


def metric_sections(metrics: list[Metric], as_at: datetime) -> list[dict]:
    statuses = metric_statuses(metrics, as_of=as_at)
    return [_metric_section(metric, statuses[metric.pk], as_at) for metric in metrics]


def _metric_section(metric: Metric, status, as_at: datetime) -> dict:
    rows = _rows(metric, as_at)
    target = status.target
    places = metric.decimal_places
    return {
        "id": metric.pk,
        "slug": metric.slug,
        "name": metric.name,
        "mission": metric.mission.short_title,
        "owner": str(metric.owner),
        "tier": metric.get_tier_display(),
        "unit": metric.unit,
        "decimal_places": places,
        "direction": metric.get_direction_display(),
        "source": metric.source,
        "source_url": metric.source_url,
        "status": status.status,
        "status_label": status.label,
        "stale": status.stale,
        "explanation": status.assessment.explanation,
        "method": status.assessment.method,
        "latest_period": status.latest_period,
        "latest_value": fmt_value(status.latest_value, places) if status.latest_value is not None else "",
        "target": _target(target, places),
        "series": rows,
        "vintages": _vintages(rows),
    }


def _rows(metric: Metric, as_at: datetime) -> list[dict]:
    qs = (
        observations_as_of(metric=metric, as_of=as_at)
        .filter(geography_id=metric.default_geography_id)
        .order_by("period_start")
        .values_list("period_start", "value", "status", "revision", "recorded_at", "upload_id")
    )
    return [
        {
            "start": start.isoformat(),
            "period": metric.period_label(start),
            "value": None if value is None else str(value),
            "display": fmt_value(value, metric.decimal_places),
            "status": obs_status,
            "revision": revision,
            "recorded_at": recorded_at.isoformat(),
            "upload": upload_id,
        }
        for start, value, obs_status, revision, recorded_at, upload_id in qs
    ]


def _target(target, places: int) -> dict | None:
    if target is None:
        return None
    return {
        "kind": target.get_kind_display(),
        "value": None if target.value is None else str(target.value),
        "display": formatting.format_number(target.value, as_published=True)
        if target.value is not None
        else target.headline(),
        "due_date": target.due_date.isoformat() if target.due_date else None,
        "form": target.form,
        "form_label": target.get_form_display(),
        "headline": target.headline(),
        "due_label": target.due_label,
        "wording": target.wording,
        "source": target.source_document,
        "trajectory": [
            {"start": p.period_start.isoformat(), "value": str(p.value)} for p in target.trajectory.all()
        ],
    }


def _vintages(rows: list[dict]) -> dict:
    recorded = [row["recorded_at"] for row in rows]
    return {
        "observations": len(rows),
        "uploads": sorted({row["upload"] for row in rows if row["upload"] is not None}),
        "first_recorded_at": min(recorded) if recorded else None,
        "last_recorded_at": max(recorded) if recorded else None,
        "revised": sum(1 for row in rows if row["revision"] > 1),
    }


def contributions(meeting: Meeting, as_at: datetime) -> list[dict]:
    qs = Contribution.objects.filter(
        mission=meeting.council.mission_id, restricted=False, created_at__lte=as_at
    ).select_related("organisation")
    if meeting.department_id:
        qs = qs.filter(organisation=meeting.department_id)
    return [
        {
            "organisation": c.organisation.name,
            "outcome": c.outcome,
            "description": c.description,
            "metrics": [m.name for m in c.metrics.all()],
            "illustrative": c.illustrative,
        }
        for c in qs.prefetch_related("metrics")
    ]


def commitments(meeting: Meeting, as_at: datetime) -> list[dict]:
    if not meeting.department_id:
        return []
    qs = commitments_for_council_audience(organisation=meeting.department).filter(
        letter__issued_on__lte=timezone.localdate(as_at)
    )
    return [
        {
            "minister": f"{c.letter.minister_name}, {c.letter.minister_title}",
            "issued_on": c.letter.issued_on.isoformat(),
            "metric": c.metric.name,
            "expected_contribution": c.expected_contribution,
            "illustrative": c.letter.illustrative,
        }
        for c in qs
    ]


def _business_cases(meeting: Meeting):
    if not meeting.department_id:
        return []
    return business_cases_for_council_audience(
        organisation=meeting.department, mission=meeting.council.mission_id
    )
