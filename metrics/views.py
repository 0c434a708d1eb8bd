"""Metric pages: a chart with its target, the data as a table and a CSV download."""

import csv

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from metrics import charts
from metrics.models import Metric
from metrics.selectors import metrics_visible_to, observations_as_of
from metrics.status import metric_statuses
from missions import permissions


def _rows(metric: Metric):
    qs = (
        observations_as_of(metric=metric)
        .select_related("geography")
        .order_by("geography__code", "period_start")
    )
    return [
        {
            "period": metric.period_label(o.period_start),
            "period_start": o.period_start,
            "geography": o.geography.name,
            "geography_code": o.geography.code,
            "value": o.value,
            "status": o.status,
            "revision": o.revision,
            "note": o.note,
        }
        for o in qs
    ]


def _figure_json(metric: Metric, rows, status) -> str:
    by_geo: dict[str, charts.Series] = {}
    for row in rows:
        s = by_geo.setdefault(row["geography"], charts.Series(row["geography"], [], [], [], []))
        s.x.append(row["period_start"])
        s.y.append(float(row["value"]) if row["value"] is not None else None)
        s.provisional.append(row["status"] == "provisional")
        s.revised.append(row["revision"] > 1)
    marks = []
    target = status.target
    if target is not None and target.value is not None:
        marks.append(charts.TargetMark(f"Target: {target.due_label}", target.due_date, float(target.value)))
    fig = charts.metric_figure(list(by_geo.values()), title=metric.name, unit=metric.unit, targets=marks)
    return fig.to_json()


def _render_metric(request, metric: Metric, *, public: bool):
    rows = _rows(metric)
    status = metric_statuses([metric])[metric.pk]
    return render(
        request,
        "metrics/metric_detail.html",
        {
            "metric": metric,
            "rows": rows,
            "s": status,
            "figure": _figure_json(metric, rows, status),
            "public": public,
        },
    )


@login_required
def metric_detail(request, slug):
    if not permissions.is_official(request.user):
        raise PermissionDenied("This page is for signed-in officials.")
    metric = get_object_or_404(metrics_visible_to(user=request.user), slug=slug)
    return _render_metric(request, metric, public=False)


def public_metric_detail(request, slug):
    metric = get_object_or_404(metrics_visible_to(user=AnonymousUser()), slug=slug)
    return _render_metric(request, metric, public=True)


def _csv_response(metric: Metric) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{metric.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["metric", "period", "geography", "value", "status", "note", "revision", "unit", "source"]
    )
    for row in _rows(metric):
        writer.writerow(
            [
                metric.slug,
                row["period"],
                row["geography_code"],
                row["value"],
                row["status"],
                _neutralise(row["note"]),
                row["revision"],
                metric.unit,
                _neutralise(metric.source),
            ]
        )
    return response


def _neutralise(text: str) -> str:
    """Stop spreadsheets running a cell as a formula (OWASP CSV injection)."""
    return "'" + text if text and text[0] in "=+-@\t\r" else text


@login_required
def metric_csv(request, slug):
    if not permissions.is_official(request.user):
        raise PermissionDenied("This download is for signed-in officials.")
    return _csv_response(get_object_or_404(metrics_visible_to(user=request.user), slug=slug))


def public_metric_csv(request, slug):
    return _csv_response(get_object_or_404(metrics_visible_to(user=AnonymousUser()), slug=slug))
