"""Progress status of metrics from the database: the adapter between our tables and `metrics.progress`.

Bounded queries whatever the number of metrics: one for the points, one for the targets and their
trajectories, so pages that list metrics do not issue a query per metric.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch, Q
from django.utils import timezone

from metrics import progress
from metrics.models import Metric, Observation, Target, TrajectoryPoint
from metrics.periods import period_from_start


@dataclass(frozen=True)
class MetricStatus:
    metric_id: int
    assessment: progress.Assessment
    target: Target | None
    latest_period: str | None
    latest_value: object | None
    latest_status: str | None
    stale: bool
    points: int

    @property
    def status(self) -> str:
        return self.assessment.status

    @property
    def label(self) -> str:
        return self.assessment.label


def primary_target(targets: Iterable[Target], today: date) -> Target | None:
    """The target a status is judged against: the earliest numeric one still ahead, else the latest past."""
    numeric = sorted((t for t in targets if t.value is not None), key=lambda t: t.due_date)
    ahead = [t for t in numeric if t.due_date >= today]
    if ahead:
        return ahead[0]
    return numeric[-1] if numeric else None


def metric_statuses(metrics: Iterable[Metric], *, as_of: datetime | None = None) -> dict[int, MetricStatus]:
    """Status of each metric at its default geography, as known at `as_of` (now when None)."""
    metrics = list(metrics)
    if not metrics:
        return {}
    today = timezone.localdate(as_of) if as_of else timezone.localdate()
    series = _series(metrics, as_of)
    targets = _targets(metrics)
    return {m.pk: _status(m, series.get(m.pk, []), targets.get(m.pk, []), today) for m in metrics}


def _series(metrics: list[Metric], as_of: datetime | None) -> dict[int, list[tuple]]:
    condition = Q()
    for metric in metrics:
        condition |= Q(metric_id=metric.pk, geography_id=metric.default_geography_id)
    qs = Observation.objects.filter(condition, value__isnull=False)
    if as_of is None:
        qs = qs.filter(superseded_at__isnull=True)
    else:
        qs = qs.filter(recorded_at__lte=as_of).filter(
            Q(superseded_at__isnull=True) | Q(superseded_at__gt=as_of)
        )
    rows: dict[int, list[tuple]] = defaultdict(list)
    for metric_id, start, value, status in qs.order_by("metric_id", "period_start").values_list(
        "metric_id", "period_start", "value", "status"
    ):
        rows[metric_id].append((start, value, status))
    return rows


def _targets(metrics: list[Metric]) -> dict[int, list[Target]]:
    by_metric: dict[int, list[Target]] = defaultdict(list)
    default_geo = {m.pk: m.default_geography_id for m in metrics}
    qs = Target.objects.filter(metric__in=metrics).prefetch_related(
        Prefetch("trajectory", queryset=TrajectoryPoint.objects.order_by("period_start"))
    )
    for target in qs:
        if target.geography_id == default_geo[target.metric_id]:
            by_metric[target.metric_id].append(target)
    return by_metric


def _status(metric: Metric, rows: list[tuple], targets: list[Target], today: date) -> MetricStatus:
    target = primary_target(targets, today)
    points = [progress.Point(start, value) for start, value, _ in rows]
    baseline = None
    if target is not None and target.baseline_date is not None:
        if target.baseline_value is not None:
            baseline = progress.Point(target.baseline_date, target.baseline_value)
        else:
            baseline = next((p for p in points if p.when >= target.baseline_date), None)
    trajectory = (
        [progress.Point(tp.period_start, tp.value) for tp in target.trajectory.all()] if target else []
    )
    assessment = progress.assess(
        points,
        direction=metric.direction,
        target_value=target.value if target else None,
        target_date=target.due_date if target else None,
        baseline=baseline,
        trajectory=trajectory or None,
        unit=metric.unit,
        decimal_places=metric.decimal_places,
        frequency=metric.frequency,
        span=metric.period_span,
    )
    latest = rows[-1] if rows else None
    stale = False
    latest_label = None
    if latest is not None:
        period = period_from_start(latest[0], metric.frequency, metric.period_span)
        latest_label = period.label
        stale = progress.is_stale(period.end, metric.frequency, today, span=metric.period_span)
    return MetricStatus(
        metric_id=metric.pk,
        assessment=assessment,
        target=target,
        latest_period=latest_label,
        latest_value=latest[1] if latest else None,
        latest_status=latest[2] if latest else None,
        stale=stale,
        points=len(rows),
    )
