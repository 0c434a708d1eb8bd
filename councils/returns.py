"""Departmental returns read beside the data: what a return covers, its state (outstanding, submitted,
late), and the department's delivery confidence set against the computed status and trend, with any
difference between the two called out in words (the delivery units' stocktake pairing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from councils.models import Confidence, DepartmentalReturn, Meeting, ReturnEntry, ReturnVersion
from metrics import charts
from metrics.models import Metric
from metrics.status import metric_statuses
from missions.models import Contribution

OPTIMISTIC = {Confidence.HIGHLY_LIKELY, Confidence.LIKELY}
PESSIMISTIC = {Confidence.UNLIKELY, Confidence.HIGHLY_UNLIKELY}
BEHIND = {"off_track", "deteriorating"}
AHEAD = {"on_track", "achieved"}
UNJUDGED = {"no_target", "not_enough_data"}
#: Statuses ordered worst first: a contribution is judged on the worst of its metrics.
SEVERITY = ["deteriorating", "off_track", "at_risk", "on_track", "achieved", "not_enough_data", "no_target"]
#: The confidence scale as numbers, for the trend chart (4 = highly likely).
SCORE = {
    Confidence.HIGHLY_LIKELY: 4,
    Confidence.LIKELY: 3,
    Confidence.UNLIKELY: 2,
    Confidence.HIGHLY_UNLIKELY: 1,
}


def mismatch(confidence: str, status: str, status_label: str) -> str:
    """The difference between the department's judgement and the computed status, in words ("" if none).

    A confident judgement on a metric that is off track or deteriorating (or "highly likely" when it is at
    risk) is optimism the data do not support; a pessimistic one on a metric on track or achieved (or
    "highly unlikely" when merely at risk) is pessimism the data do not show."""
    if not confidence:
        return ""
    said = Confidence(confidence).label
    if status in UNJUDGED:
        return ""
    optimistic = confidence in OPTIMISTIC and (
        status in BEHIND or (confidence == Confidence.HIGHLY_LIKELY and status == "at_risk")
    )
    pessimistic = confidence in PESSIMISTIC and (
        status in AHEAD or (confidence == Confidence.HIGHLY_UNLIKELY and status == "at_risk")
    )
    if optimistic:
        return (
            f"Mismatch: the department says “{said}” but the data say {status_label.lower()}. "
            "The centre should ask what will close the gap."
        )
    if pessimistic:
        return (
            f"Mismatch: the department says “{said}” but the data say {status_label.lower()}. "
            "The centre should ask what the department sees that the data do not yet show."
        )
    return ""


def subjects(meeting: Meeting) -> tuple[list[Metric], list[Contribution]]:
    """What a check-in's return covers: the department's own metrics and contributions in the mission
    (those every council member may read, since the return goes into the pack)."""
    mission = meeting.council.mission_id
    metrics = list(
        Metric.objects.filter(mission=mission, owner=meeting.department_id, restricted=False).order_by(
            "tier", "pk"
        )
    )
    contributions = list(
        Contribution.objects.filter(
            mission=mission, organisation=meeting.department_id, restricted=False
        ).prefetch_related("metrics")
    )
    return metrics, contributions


def submitted_as_at(
    departmental_return: DepartmentalReturn, as_at: datetime | None = None
) -> ReturnVersion | None:
    """The latest version submitted by `as_at` (now when None): what a pack made then contains."""
    qs = departmental_return.versions.filter(submitted_at__isnull=False)
    if as_at is not None:
        qs = qs.filter(submitted_at__lte=as_at)
    return qs.order_by("-number").first()


def is_late(departmental_return: DepartmentalReturn, version: ReturnVersion | None) -> bool:
    return version is not None and version.submitted_at > departmental_return.deadline


@dataclass(frozen=True)
class ReturnState:
    label: str
    tag: str
    late: bool
    outstanding: bool


def state(departmental_return: DepartmentalReturn, now: datetime | None = None) -> ReturnState:
    """Outstanding (before or after the deadline), submitted, or submitted late: read from the versions."""
    now = now or timezone.now()
    version = submitted_as_at(departmental_return)
    if version is None:
        overdue = now > departmental_return.deadline
        label = "Overdue" if overdue else "Requested"
        return ReturnState(label, "govuk-tag--red" if overdue else "govuk-tag--blue", overdue, True)
    if is_late(departmental_return, version):
        return ReturnState("Submitted late", "govuk-tag--orange", True, False)
    return ReturnState("Submitted", "govuk-tag--green", False, False)


@dataclass(frozen=True)
class Row:
    """One line of a return beside the data."""

    kind: str
    name: str
    url: str
    confidence: str
    confidence_label: str
    reason: str
    risks: str
    asks: str
    status: str
    status_label: str
    explanation: str
    trend: str
    mismatch: str


def _statuses(metrics: list[Metric], as_at: datetime | None) -> dict:
    return metric_statuses(metrics, as_of=as_at, recent=8)


def _trend(metric: Metric, status) -> str:
    values = [(metric.period_label(start), value) for start, value in status.recent]
    return charts.trend_words(values, metric.unit, metric.decimal_places)


def _worst(statuses: list) -> object | None:
    return min(statuses, key=lambda s: SEVERITY.index(s.status) if s.status in SEVERITY else 99, default=None)


def beside_the_data(entries: list[ReturnEntry], as_at: datetime | None = None) -> list[Row]:
    """Each entry with the computed status and trend of its metric (a contribution: the worst of its
    metrics'), as known at `as_at`, and the mismatch called out."""
    metrics = {e.metric_id: e.metric for e in entries if e.metric_id}
    for entry in entries:
        if entry.contribution_id:
            metrics |= {m.pk: m for m in entry.contribution.metrics.all()}
    statuses = _statuses(list(metrics.values()), as_at)
    rows = []
    for entry in entries:
        if entry.metric_id:
            status = statuses[entry.metric_id]
            kind, name, url = "Metric", entry.metric.name, entry.metric.get_absolute_url()
            trend = _trend(entry.metric, status)
        else:
            linked = [statuses[m.pk] for m in entry.contribution.metrics.all()]
            status = _worst(linked)
            kind, name = "Contribution", entry.contribution.outcome
            url = entry.contribution.mission.get_absolute_url()
            trend = "; ".join(_trend(m, statuses[m.pk]) for m in entry.contribution.metrics.all())
        code = status.status if status else "no_target"
        label = status.label if status else "No metric linked"
        rows.append(
            Row(
                kind=kind,
                name=name,
                url=url,
                confidence=entry.confidence,
                confidence_label=entry.get_confidence_display() if entry.confidence else "Not given",
                reason=entry.reason,
                risks=entry.risks,
                asks=entry.asks,
                status=code,
                status_label=label,
                explanation=status.assessment.explanation if status else "",
                trend=trend or "No figures yet.",
                mismatch=mismatch(entry.confidence, code, label),
            )
        )
    return rows


def entries_of(version: ReturnVersion) -> list[ReturnEntry]:
    qs: QuerySet[ReturnEntry] = version.entries.select_related(
        "metric", "metric__mission", "contribution", "contribution__mission"
    ).prefetch_related("contribution__metrics")
    return list(qs)
