"""Progress status of metrics from the database: the adapter between our tables and `metrics.progress`.

Bounded queries whatever the number of metrics and however long their series: the targets (with their
trajectories), one summary row per metric (count, first, latest, baseline and tail dates, each found by an
index lookup on the metric's default geography), and the few points the method reads. The full series is
never loaded, so a metric with a million observations costs what one with ten does (ADR 0006).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone

from metrics import progress
from metrics.models import Metric, Observation, Target, TrajectoryPoint
from metrics.periods import period_from_start
from metrics.vintages import current_at_sql


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
    recent: tuple[tuple[date, object], ...] = ()

    @property
    def status(self) -> str:
        return self.assessment.status

    @property
    def label(self) -> str:
        return self.assessment.label


@dataclass(frozen=True)
class _Summary:
    count: int
    dates: frozenset[date]
    tail_from: date | None


def primary_target(targets: Iterable[Target], today: date) -> Target | None:
    """The target a status is judged against: the earliest numeric one still ahead, else the latest past."""
    numeric = sorted((t for t in targets if t.value is not None), key=lambda t: t.due_date)
    ahead = [t for t in numeric if t.due_date >= today]
    if ahead:
        return ahead[0]
    return numeric[-1] if numeric else None


def metric_statuses(
    metrics: Iterable[Metric], *, as_of: datetime | None = None, recent: int = 0
) -> dict[int, MetricStatus]:
    """Status of each metric at its default geography, as known at `as_of` (now when None).

    `recent` > 0 also returns each metric's latest `recent` points (for sparklines), at no extra query.
    """
    metrics = list(metrics)
    if not metrics:
        return {}
    today = timezone.localdate(as_of) if as_of else timezone.localdate()
    targets = _targets(metrics)
    primary = {m.pk: primary_target(targets.get(m.pk, []), today) for m in metrics}
    summaries = _summaries(metrics, primary, as_of, recent)
    series = _points(metrics, summaries, as_of)
    return {
        m.pk: _status(m, series.get(m.pk, []), primary[m.pk], summaries.get(m.pk), today, recent)
        for m in metrics
    }


def _baseline_date(target: Target | None) -> date | None:
    if target is None or target.baseline_value is not None:
        return None
    return target.baseline_date


def _summaries(metrics, primary, as_of, recent: int) -> dict[int, _Summary]:
    """One row per metric: how many points, and the dates of the first, latest, baseline and tail points."""
    cast = "CAST(%s AS date)" if connection.vendor == "postgresql" else "%s"
    values, params = [], []
    for m in metrics:
        values.append(f"(%s, %s, {cast})")
        baseline = _baseline_date(primary[m.pk])
        params += [m.pk, m.default_geography_id, baseline.isoformat() if baseline else None]
    current, current_params = _current_sql(as_of)
    match = (
        f"o.metric_id = w.metric_id AND o.geography_id = w.geography_id AND o.value IS NOT NULL AND {current}"
    )
    # Only fixed SQL fragments and the table name are interpolated; every value is a parameter.
    table = Observation._meta.db_table
    tail = (
        f"(SELECT o.period_start FROM {table} o WHERE {match} ORDER BY o.period_start DESC LIMIT 1 OFFSET %s)"  # noqa: S608
        if recent
        else "NULL"
    )
    sql = (
        f"WITH w(metric_id, geography_id, baseline) AS (VALUES {', '.join(values)}) "  # noqa: S608
        f"SELECT w.metric_id, (SELECT COUNT(*) FROM {table} o WHERE {match}), "
        f"(SELECT MIN(o.period_start) FROM {table} o WHERE {match}), "
        f"(SELECT MAX(o.period_start) FROM {table} o WHERE {match}), "
        f"(SELECT MIN(o.period_start) FROM {table} o WHERE {match} AND o.period_start >= w.baseline), "
        f"{tail} FROM w"
    )
    params += current_params * 4 + ((current_params + [recent - 1]) if recent else [])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        metric_id: _Summary(
            count=count,
            dates=frozenset(d for d in map(_as_date, (first, last, base)) if d is not None),
            tail_from=_as_date(tail_from or first) if recent else None,
        )
        for metric_id, count, first, last, base, tail_from in rows
    }


def _current_sql(as_of: datetime | None) -> tuple[str, list]:
    return current_at_sql(as_of, alias="o")


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _points(metrics, summaries: dict[int, _Summary], as_of) -> dict[int, list[tuple]]:
    """The first, baseline and latest points of each metric, and its tail when asked for.

    A join on a small VALUES list, so each metric is an index range scan whatever the planner thinks of
    a long OR of conditions (which it once answered with a bitmap over every current row).
    """
    cast = "CAST(%s AS date)" if connection.vendor == "postgresql" else "%s"
    values, params = [], []
    for m in metrics:
        summary = summaries.get(m.pk)
        if summary is None or summary.count == 0:
            continue
        singles = sorted(summary.dates)
        low = summary.tail_from or singles[-1]
        first, second = singles[0], singles[1] if len(singles) > 1 else singles[0]
        values.append(f"(%s, %s, {cast}, {cast}, {cast})")
        params += [m.pk, m.default_geography_id, low.isoformat(), first.isoformat(), second.isoformat()]
    rows: dict[int, list[tuple]] = defaultdict(list)
    if not values:
        return rows
    current, current_params = _current_sql(as_of)
    table = Observation._meta.db_table
    join = f"JOIN {table} o ON o.metric_id = w.metric_id AND o.geography_id = w.geography_id"
    where = f"o.value IS NOT NULL AND {current}"
    sql = (
        f"WITH w(metric_id, geography_id, low, d1, d2) AS (VALUES {', '.join(values)}) "  # noqa: S608
        f"SELECT o.metric_id, o.period_start, o.value, o.status FROM w {join} "
        f"AND o.period_start >= w.low WHERE {where} "
        f"UNION SELECT o.metric_id, o.period_start, o.value, o.status FROM w {join} "
        f"AND o.period_start IN (w.d1, w.d2) WHERE {where} ORDER BY 1, 2"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params + current_params + current_params)
        for metric_id, start, value, status in cursor.fetchall():
            rows[metric_id].append((_as_date(start), _decimal(value), status))
    return rows


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


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


def _status(metric, rows, target, summary: _Summary | None, today: date, recent: int) -> MetricStatus:
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
    count = summary.count if summary else 0
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
        observations=count,
    )
    latest = rows[-1] if rows else None
    stale = False
    latest_label = None
    if latest is not None:
        period = period_from_start(latest[0], metric.frequency, metric.period_span)
        latest_label = period.label
        stale = progress.is_stale(period.end, metric.frequency, today, span=metric.period_span)
    tail = ()
    if recent and summary is not None and summary.tail_from is not None:
        tail = tuple((start, value) for start, value, _ in rows if start >= summary.tail_from)
    return MetricStatus(
        metric_id=metric.pk,
        assessment=assessment,
        target=target,
        latest_period=latest_label,
        latest_value=latest[1] if latest else None,
        latest_status=latest[2] if latest else None,
        stale=stale,
        points=count,
        recent=tail,
    )
