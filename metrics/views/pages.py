"""Metric pages: chart, status explained, metadata, data table, as-at selector and downloads."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from metrics import downloads
from metrics.selectors import metrics_visible_to
from metrics.views.context import metric_page
from metrics.views.query import parse_as_at
from missions import permissions


def _official_metric(request, slug):
    if not permissions.is_official(request.user):
        raise PermissionDenied("This page is for signed-in officials.")
    return get_object_or_404(metrics_visible_to(user=request.user), slug=slug)


def _public_metric(slug):
    return get_object_or_404(metrics_visible_to(user=AnonymousUser()), slug=slug)


@login_required
def metric_detail(request, slug):
    metric = _official_metric(request, slug)
    return render(request, "metrics/metric_detail.html", metric_page(request, metric, public=False))


def public_metric_detail(request, slug):
    metric = _public_metric(slug)
    return render(request, "metrics/metric_detail.html", metric_page(request, metric, public=True))


@login_required
def metric_csv(request, slug):
    return downloads.csv_response(_official_metric(request, slug), as_of=parse_as_at(request).as_of)


@login_required
def metric_xlsx(request, slug):
    return downloads.xlsx_response(_official_metric(request, slug), as_of=parse_as_at(request).as_of)


def public_metric_csv(request, slug):
    return downloads.csv_response(_public_metric(slug), as_of=parse_as_at(request).as_of)


def public_metric_xlsx(request, slug):
    return downloads.xlsx_response(_public_metric(slug), as_of=parse_as_at(request).as_of)


def public_open_data(request):
    return downloads.open_data_csv(metrics_visible_to(user=AnonymousUser()))
