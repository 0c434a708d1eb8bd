"""A fiscal event's modelled impact on each core metric per year: the sum of the approved cases it carries,
charted against the metric's trajectory; and the fiscal lock (a package of 1% of GDP or more needs an
independent OBR assessment). Computed when read."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from metrics.models import Metric
from metrics.selectors import default_series
from metrics.status import metric_statuses
from spending.appraisal import evaluate
from spending.dashboard import figures
from spending.models import BusinessCase, FiscalEvent
from spending.views.common import csv_response

FISCAL_LOCK_SHARE = Decimal("0.01")


def fiscal_lock(costs_by_year: dict[int, Decimal], gdp_m: Decimal | None) -> dict:
    """The largest single year's cost of the package against 1% of GDP."""
    peak_year, peak = max(costs_by_year.items(), key=lambda kv: kv[1], default=(None, Decimal(0)))
    if not gdp_m:
        return {
            "applies": None,
            "peak_year": peak_year,
            "peak_m": peak,
            "threshold_m": None,
            "reason": "No GDP figure is recorded for this event, so the lock cannot be judged.",
        }
    threshold = gdp_m * FISCAL_LOCK_SHARE
    return {
        "applies": peak >= threshold,
        "peak_year": peak_year,
        "peak_m": peak,
        "threshold_m": threshold,
        "reason": "",
    }


def _trajectory(status) -> tuple[list, list, str]:
    target = status.target if status else None
    if target is None or target.value is None:
        return [], [], ""
    points = list(target.trajectory.all())
    if points:
        return [p.period_start for p in points], [float(p.value) for p in points], "Published trajectory"
    if target.baseline_date and target.baseline_value is not None:
        return (
            [target.baseline_date, target.due_date],
            [float(target.baseline_value), float(target.value)],
            "Trajectory (derived: straight line from baseline to target)",
        )
    return [target.due_date], [float(target.value)], "Target"


def fiscal_event_view(event: FiscalEvent, *, download: str | None = None):
    cases = list(
        event.cases.filter(status=BusinessCase.Status.APPROVED)
        .select_related("lead_department")
        .order_by("title")
    )
    appraisals = evaluate(cases)
    costs: dict[int, Decimal] = defaultdict(Decimal)
    impact: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    metrics: dict[int, Metric] = {}
    for c in cases:
        a = appraisals[c.pk]
        for cost in a.costs:
            costs[cost.fiscal_year] += cost.uplifted_m
        for i in a.impacts:
            metric = a.metrics[i.metric_id]
            if metric.tier == Metric.Tier.CORE and i.default_geography and c.start_year is not None:
                metrics[metric.pk] = metric
                impact[metric.pk][c.start_year + i.year - 1] += float(i.impact)
    table = [
        [metrics[mid].name, f"{fy}-{(fy + 1) % 100:02d}", round(value, 6)]
        for mid in sorted(metrics, key=lambda m: metrics[m].name)
        for fy, value in sorted(impact[mid].items())
    ]
    if download == "impacts":
        return csv_response(
            f"{event.slug}-modelled-impact.csv",
            ["Core metric", "Year", "Modelled impact (sum of cases)"],
            table,
        )
    statuses = metric_statuses(metrics.values())
    series = default_series(metrics=metrics.values())
    charts = []
    for mid, metric in sorted(metrics.items(), key=lambda kv: kv[1].name):
        s = statuses.get(mid)
        observed = [
            (p["period_start"], float(p["value"])) for p in series.get(mid, []) if p["value"] is not None
        ]
        tx, ty, tlabel = _trajectory(s)
        years = sorted(impact[mid])
        lines = {"Observed": ([d for d, _ in observed], [v for _, v in observed])}
        if tx:
            lines[tlabel] = (tx, ty)
        if observed:
            latest = observed[-1][1]
            lines["Latest figure plus the event's modelled impact"] = (
                [date(y, 4, 1) for y in years],
                [latest + impact[mid][y] for y in years],
            )
        summary = (
            f"{metric.name}: the event's approved cases are modelled to move it by "
            + ", ".join(f"{impact[mid][y]:+.3g} in {y}-{(y + 1) % 100:02d}" for y in years)
            + f" ({metric.unit})."
        )
        charts.append(
            {
                "metric": metric,
                "summary": summary,
                "rows": [(f"{y}-{(y + 1) % 100:02d}", impact[mid][y]) for y in years],
                "figure": figures.lines(
                    [],
                    lines,
                    title=metric.name,
                    unit=metric.unit,
                    dashed=frozenset({"Latest figure plus the event's modelled impact"}),
                ),
            }
        )
    return {
        "event": event,
        "cases": [(c, appraisals[c.pk]) for c in cases],
        "carried_not_approved": event.cases.exclude(status=BusinessCase.Status.APPROVED),
        "costs": sorted(costs.items()),
        "lock": fiscal_lock(costs, event.gdp_m),
        "charts": charts,
        "table": table,
    }
