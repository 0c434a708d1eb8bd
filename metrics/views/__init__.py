"""Metric pages and downloads (see `pages`); page data is assembled in `context`."""

from metrics.views.pages import (
    metric_csv,
    metric_detail,
    metric_xlsx,
    public_metric_csv,
    public_metric_detail,
    public_metric_xlsx,
    public_open_data,
)

__all__ = [
    "metric_csv",
    "metric_detail",
    "metric_xlsx",
    "public_metric_csv",
    "public_metric_detail",
    "public_metric_xlsx",
    "public_open_data",
]
