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
from django.db.models import Prefetch, Q
from django.utils import timezone

from metrics import progress, status_cache, target_forms
from metrics.models import ComparatorValue, Metric, Observation, Target, TrajectoryPoint
from metrics.periods import period_from_start
from metrics.vintages import current_at, current_at_sql

#: Forms whose status reads whole series (the gap's groups, our series to rank or to add up).
SERIES_FORMS = {target_forms.GAP, target_forms.COMPARATOR, target_forms.BUDGET}


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
    """The target a status is judged against: the earliest one still ahead, else the latest past.

    Only targets that can be judged count (a level needs a number); one with no published date counts as
    ahead, after every dated one."""
    judged = sorted((t for t in targets if t.is_judged), key=lambda t: (t.due_date is None, t.due_date))
    ahead = [t for t in judged if t.due_date is None or t.due_date >= today]
    if ahead:
        return ahead[0]
    return judged[-1] if judged else None


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
    if as_of is None and status_cache.enabled():
        return status_cache.cached_statuses(
            metrics, primary, today, recent, lambda some: _computed(some, primary, as_of, today, recent)
        )
    return _computed(metrics, primary, as_of, today, recent)


def _computed(metrics, primary, as_of, today, recent) -> dict[int, MetricStatus]:
    summaries = _summaries(metrics, primary, as_of, recent)
    series = _points(metrics, summaries, as_of)
    whole, comparators = _form_inputs(metrics, primary, as_of)
    return {
        m.pk: _status(
            m,
            series.get(m.pk, []),
            _spec(m, primary[m.pk], whole, comparators),
            primary[m.pk],
            summaries.get(m.pk),
            today,
            recent,
        )
        for m in metrics
    }


def _form_inputs(metrics, primary, as_of):
    """Whole series for gap, comparator and budget targets, and comparator values: two queries at most."""
    pairs: set[tuple[int, int]] = set()
    comparator_targets = []
    for m in metrics:
        t = primary[m.pk]
        if t is None or t.form not in SERIES_FORMS:
            continue
        pairs.add((m.pk, t.geography_id))
        pairs |= {(m.pk, g.pk) for g in t.gap_geographies.all()}
        pairs |= {(other.pk, t.geography_id) for other in t.gap_metrics.all()}
        if t.form == target_forms.COMPARATOR:
            comparator_targets.append(t.pk)
    whole: dict[tuple[int, int], list[progress.Point]] = defaultdict(list)
    if pairs:
        condition = Q()
        for metric_id, geography_id in sorted(pairs):
            condition |= Q(metric_id=metric_id, geography_id=geography_id)
        rows = (
            Observation.objects.filter(current_at(as_of), condition, value__isnull=False)
            .order_by("metric_id", "geography_id", "period_start")
            .values_list("metric_id", "geography_id", "period_start", "value")
        )
        for metric_id, geography_id, start, value in rows:
            whole[(metric_id, geography_id)].append(progress.Point(start, value))
    comparators: dict[int, dict[str, list[progress.Point]]] = defaultdict(lambda: defaultdict(list))
    if comparator_targets:
        values = ComparatorValue.objects.filter(target_id__in=comparator_targets).order_by("period_start")
        for target_id, name, start, value in values.values_list("target_id", "name", "period_start", "value"):
            comparators[target_id][name].append(progress.Point(start, value))
    return whole, comparators


def _spec(metric, target, whole, comparators) -> target_forms.TargetSpec | None:
    if target is None:
        return None
    groups = {g.name: whole.get((metric.pk, g.pk), []) for g in target.gap_geographies.all()}
    if target.gap_metrics.all():
        groups[metric.name] = whole.get((metric.pk, target.geography_id), [])
        for other in target.gap_metrics.all():
            groups[other.name] = whole.get((other.pk, target.geography_id), [])
    return target_forms.TargetSpec(
        form=target.form,
        value=target.value,
        due=target.due_date,
        baseline_date=target.baseline_date,
        baseline_value=target.baseline_value,
        factor=target.factor,
        rank=target.rank,
        budget_start=target.budget_start,
        trajectory=[progress.Point(tp.period_start, tp.value) for tp in target.trajectory.all()],
        groups=groups,
        comparators=dict(comparators.get(target.pk, {})),
        own_name=target.geography.name,
        own_series=whole.get((metric.pk, target.geography_id), []),
        comparator_label=target.comparator_label,
    )


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
    qs = (
        Target.objects.filter(metric__in=metrics)
        .select_related("geography")
        .prefetch_related(
            Prefetch("trajectory", queryset=TrajectoryPoint.objects.order_by("period_start")),
            "gap_geographies",
            "gap_metrics",
        )
    )
    for target in qs:
        if target.geography_id == default_geo[target.metric_id]:
            by_metric[target.metric_id].append(target)
    return by_metric


def _status(metric, rows, spec, target, summary: _Summary | None, today: date, recent: int) -> MetricStatus:
    points = [progress.Point(start, value) for start, value, _ in rows]
    count = summary.count if summary else 0
    words = target_forms.Series(
        direction=metric.direction,
        unit=metric.unit,
        decimal_places=metric.decimal_places,
        frequency=metric.frequency,
        span=metric.period_span,
    )
    if spec is None:
        assessment = progress.assess(points, direction=metric.direction, observations=count, **words.words)
    else:
        if spec.form in (target_forms.COMPARATOR, target_forms.BUDGET):
            points = list(spec.own_series)
        assessment = target_forms.assess_target(spec, points, words, observations=count)
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
