"""Issue 15: the series breaks a metric declares (RTT February 2024, the A&E field-test span) reach its chart,
so no line joins values that are not comparable."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from metrics.models import SeriesBreak
from metrics.views.context import break_dates
from tests.factories import MetricFactory, ObservationFactory

pytestmark = pytest.mark.django_db

D = dt.date


def test_breaks_and_both_edges_of_a_span_are_where_lines_stop():
    metric = MetricFactory(slug="rtt-like", frequency="annual")
    other = MetricFactory(slug="no-breaks")
    SeriesBreak.objects.create(metric=metric, kind="break", starts=D(2024, 1, 1), note="New method")
    SeriesBreak.objects.create(
        metric=metric, kind="span", starts=D(2019, 1, 1), ends=D(2020, 1, 1), note="Field test"
    )
    found = break_dates([metric, other])
    assert found[metric.pk] == [D(2019, 1, 1), D(2020, 1, 2), D(2024, 1, 1)]
    assert other.pk not in found


def test_the_metric_page_chart_does_not_join_across_a_declared_break(client, users):
    metric = MetricFactory(slug="broken-series", frequency="annual")
    for year, value in [(2021, 60), (2022, 61), (2023, 62), (2024, 70), (2025, 71)]:
        ObservationFactory(metric=metric, period_start=D(year, 1, 1), value=Decimal(value))
    SeriesBreak.objects.create(metric=metric, kind="break", starts=D(2024, 1, 1), note="New method")

    client.force_login(users["centre"])
    response = client.get(metric.get_absolute_url())
    assert response.status_code == 200
    spec = json.loads(response.context["figure"])
    line = spec["data"][0]
    assert line["y"][:3] == [60.0, 61.0, 62.0] and line["y"][3] is None and line["y"][4:6] == [70.0, 71.0]
    assert "Series break" in [a["text"] for a in spec["layout"]["annotations"]]
