"""Everything a metric page shows, assembled from selectors in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.core.paginator import Paginator

from metrics import charts, formatting, progress
from metrics.models import Metric, Target
from metrics.periods import Frequency, period_at
from metrics.selectors import geographies_with_data, observations_as_of, series_rows, vintage_dates
from metrics.status import MetricStatus, metric_statuses
from metrics.views.approval_panel import approvals_context
from metrics.views.query import MetricQuery, choose_geographies, parse_as_at

TABLE_PAGE_SIZE = 50


def metric_page(request, metric: Metric, *, public: bool) -> dict:
    query = parse_as_at(request)
    available = list(geographies_with_data(metric=metric, as_of=query.as_of))
    choose_geographies(request, query, metric, available)
    status = metric_statuses([metric], as_of=query.as_of)[metric.pk]
    rows = series_rows(metric=metric, geography_ids=[g.pk for g in query.geographies], as_of=query.as_of)
    names = {g.pk: g.name for g in available}
    vintages = vintage_dates(metric=metric)
    return {
        "metric": metric,
        "s": status,
        "public": public,
        "query": query,
        "available": available,
        "chosen_codes": {g.code for g in query.geographies},
        "vintages": vintages,
        "last_updated": vintages[0] if vintages else None,
        "figure": figure_json(metric, rows, status, names, breaks=break_dates([metric]).get(metric.pk, [])),
        "summary": summary(metric, rows, status, names),
        "inputs": plain_inputs(metric, status),
        "table": _table(metric, query, names),
        "targets": _targets(metric),
        "approvals": approvals_context(request.user, metric, public=public),
    }


def break_dates(metrics) -> dict[int, list[date]]:
    """Per metric, where its chart's lines must not join (one query): each declared break, and both edges of
    a span that is not comparable with the rest of the series (ADR 16)."""
    from metrics.models import SeriesBreak

    found: dict[int, list[date]] = {}
    for b in SeriesBreak.objects.filter(metric__in=metrics).only("metric_id", "kind", "starts", "ends"):
        dates = found.setdefault(b.metric_id, [])
        dates.append(b.starts)
        if b.kind == SeriesBreak.Kind.SPAN and b.ends is not None:
            dates.append(b.ends + timedelta(days=1))
    return {pk: sorted(dates) for pk, dates in found.items()}


def figure_json(
    metric: Metric,
    rows: list[dict],
    status: MetricStatus,
    names: dict[int, str],
    *,
    breaks: Sequence[date] = (),
) -> str:
    """The metric's chart: each geography's line (broken at missing periods and at `breaks`, the first
    period after each declared break in the series), its target and the path to it."""
    by_geo: dict[int, charts.Series] = {}
    point_in_time = metric.frequency == Frequency.DAILY
    for row in rows:
        name = names.get(row["geography_id"], "")
        s = by_geo.setdefault(
            row["geography_id"], charts.Series(name, [], [], [], [], None if point_in_time else [])
        )
        period = period_at(row["period_start"], metric.frequency, metric.period_span)
        s.x.append(row["period_start"])
        s.y.append(float(row["value"]) if row["value"] is not None else None)
        s.provisional.append(row["status"] == "provisional")
        s.revised.append(row["revision"] > 1)
        if s.ends is not None:
            s.ends.append(period.end)
        s.labels.append(period.label)
    marks, trajectory = target_marks(status.target, metric.unit)
    if trajectory is None and marks:
        trajectory = charts.derived_path(_baseline(status), marks[0])
    return charts.figure_json(
        list(by_geo.values()),
        title=metric.name,
        unit=metric.unit,
        targets=marks,
        trajectory=trajectory,
        breaks=breaks,
    )


def _baseline(status: MetricStatus) -> tuple[date, float] | None:
    """The baseline the status method measured from (its inputs are shown under the chart)."""
    inputs = status.assessment.inputs if status.assessment else {}
    when, value = inputs.get("baseline_date"), inputs.get("baseline_value")
    if not when or value is None:
        return None
    return date.fromisoformat(when), float(value)


def target_marks(
    target: Target | None, unit: str = ""
) -> tuple[list[charts.TargetMark], charts.Series | None]:
    if target is None or target.value is None or target.form != "level":  # a budget's total is not a level
        return [], None
    label = f"Target: {formatting.target_words(target.value, unit, target.due_label)}"
    marks = [charts.TargetMark(label, target.due_date, float(target.value))]
    points = list(target.trajectory.all())
    trajectory = None
    if points:
        trajectory = charts.Series(
            "Trajectory (published)", [p.period_start for p in points], [float(p.value) for p in points]
        )
    return marks, trajectory


def target_words(metric: Metric, target: Target | None) -> str | None:
    if target is None or not target.is_judged:
        return None
    if target.form != "level":  # relative, gap, comparator, budget: the form in words, as the table shows it
        return f"{target.headline()} {formatting.by_due(target.due_label)}"
    return formatting.target_words(target.value, metric.unit, target.due_label)


def summary(metric: Metric, rows: list[dict], status: MetricStatus, names: dict[int, str]) -> str:
    default = [r for r in rows if r["geography_id"] == metric.default_geography_id] or rows
    geography = names.get(default[0]["geography_id"], "") if default else metric.default_geography.name
    values = [(metric.period_label(r["period_start"]), r["value"]) for r in default]
    trend = charts.trend_words(values, metric.unit, metric.decimal_places)
    return charts.chart_summary(
        name=metric.name,
        geography=geography,
        trend=trend,
        target=target_words(metric, status.target),
        status=status.label,
    )


def plain_inputs(metric: Metric, status: MetricStatus) -> list[tuple[str, str]]:
    """The status method's inputs, in words, for the summary list under the explanation."""
    a = status.assessment
    i = a.inputs

    def value(v):
        return "Not set" if v is None else charts.format_value(v, metric.unit, metric.decimal_places)

    def rate(r):
        return (
            "Not measured"
            if r is None
            else f"{r * 100:.2f}% a year"
            if "compound" in a.method
            else f"{r:,.3f} a year"
        )

    return [
        ("Method", a.method),
        (
            "Baseline",
            f"{value(i.get('baseline_value'))} ({formatting.govuk_date(i.get('baseline_date')) or 'none'})",
        ),
        (
            "Latest",
            f"{value(i.get('latest_value'))} ({formatting.govuk_date(i.get('latest_date')) or 'none'})",
        ),
        (
            "Target",
            f"{value(i.get('target_value'))} by {formatting.govuk_date(i.get('target_date')) or 'no date'}",
        ),
        ("Rate needed", rate(a.required_rate)),
        ("Rate achieved", rate(a.observed_rate)),
        ("Ratio (achieved ÷ needed)", "Not applicable" if a.ratio is None else f"{a.ratio:.2f}"),
        ("Thresholds", threshold_words()),
        ("Better when", metric.get_direction_display().lower()),
        ("Observations used", str(i.get("observations", 0))),
    ]


def _table(metric: Metric, query: MetricQuery, names: dict[int, str]):
    qs = (
        observations_as_of(metric=metric, as_of=query.as_of)
        .filter(geography_id__in=[g.pk for g in query.geographies])
        .order_by("geography__code", "-period_start")
        .values("geography_id", "period_start", "value", "status", "revision", "note")
    )
    page = Paginator(qs, TABLE_PAGE_SIZE).get_page(query.page)
    page.rows = [
        {**r, "period": metric.period_label(r["period_start"]), "geography": names.get(r["geography_id"], "")}
        for r in page.object_list
    ]
    return page


def _targets(metric: Metric) -> list[Target]:
    return list(metric.targets.select_related("geography").order_by("due_date"))


def threshold_words() -> str:
    """The status thresholds in words, from metrics.progress's constants (never typed out by hand)."""
    labels = {key: label.lower() for key, label in progress.STATUS_LABELS.items()}
    on, risk, off = (
        f"{t:g}"
        for t in (progress.THRESHOLD_ON_TRACK, progress.THRESHOLD_AT_RISK, progress.THRESHOLD_OFF_TRACK)
    )
    return (
        f"{labels[progress.ON_TRACK]} {on} or more; {labels[progress.AT_RISK]} {risk} to {on}; "
        f"{labels[progress.OFF_TRACK]} {off} to {risk}; {labels[progress.DETERIORATING]} below {off}"
    )
