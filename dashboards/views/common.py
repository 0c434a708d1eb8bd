"""Helpers the mission pages share: access checks, statuses with sparklines, roll-ups, chart blocks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from metrics import charts, progress
from metrics.models import Metric
from metrics.selectors import default_series, metrics_visible_to
from metrics.status import MetricStatus, metric_statuses
from metrics.views.context import break_dates, figure_json, summary, target_words
from missions import permissions

SPARK_POINTS = 12
TABLE_ROWS = 24  # the latest rows of a chart's table on mission pages; the metric page pages through them all


def official_required(request) -> None:
    if not permissions.is_official(request.user):
        raise PermissionDenied("This page is for signed-in officials.")


def with_statuses(metrics: list[Metric]) -> list[dict]:
    """Each metric with its status, a sparkline of its latest values against the trajectory, in words too."""
    statuses = metric_statuses(metrics, recent=SPARK_POINTS)
    return [_item(m, statuses[m.pk]) for m in metrics]


def _item(metric: Metric, s: MetricStatus) -> dict:
    trajectory = []
    if s.target is not None:
        trajectory = [(tp.period_start, tp.value) for tp in s.target.trajectory.all()]
    labelled = [(metric.period_label(d), v) for d, v in s.recent]
    return {
        "metric": metric,
        "s": s,
        "sparkline": charts.sparkline_svg(s.recent, trajectory, places=metric.decimal_places),
        "trend": charts.trend_words(labelled, metric.unit, metric.decimal_places) if s.recent else "",
    }


def rollup(items: list[dict]) -> dict:
    """Counts of core metrics per status and the worst one: no weights (DESIGN §3)."""
    counts, worst = progress.rollup(item["s"].status for item in items)
    shown = [(progress.STATUS_LABELS[k], k, n) for k, n in counts.items() if n]
    return {
        "counts": shown,
        "worst": worst,
        "worst_label": progress.STATUS_LABELS[worst],
        "total": len(items),
        "stale": sum(1 for item in items if item["s"].stale),
    }


def chart_blocks(metrics: list[Metric], items: list[dict]) -> list[dict]:
    """Large charts for core metrics: figure, one-sentence summary and the table, from one series query."""
    series = default_series(metrics=metrics)
    breaks = break_dates(metrics)
    blocks = []
    for item in items:
        metric, s = item["metric"], item["s"]
        rows = series.get(metric.pk, [])
        names = {metric.default_geography_id: metric.default_geography.name}
        table = [
            {**r, "period": metric.period_label(r["period_start"])} for r in reversed(rows[-TABLE_ROWS:])
        ]
        blocks.append(
            {
                **item,
                "figure": figure_json(metric, rows, s, names, breaks=breaks.get(metric.pk, [])),
                "summary": summary(metric, rows, s, names),
                "target_words": target_words(metric, s.target),
                "table": table,
                "truncated": len(rows) > TABLE_ROWS,
                "total_rows": len(rows),
            }
        )
    return blocks


def visible_metrics(user):
    return metrics_visible_to(user=user)
