"""metric_statuses reads a few points per metric yet gives exactly what the full series gives."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics import progress
from metrics.models import Observation
from metrics.status import metric_statuses
from tests.factories import MetricFactory, ObservationFactory, TargetFactory, geography

pytestmark = pytest.mark.django_db


def _full_assessment(metric, target):
    points = [
        progress.Point(o.period_start, o.value)
        for o in Observation.objects.filter(
            metric=metric, geography=metric.default_geography, superseded_at__isnull=True
        ).order_by("period_start")
    ]
    return progress.assess(
        points,
        direction=metric.direction,
        target_value=target.value if target else None,
        target_date=target.due_date if target else None,
        baseline=None,
        unit=metric.unit,
        decimal_places=metric.decimal_places,
        frequency=metric.frequency,
    )


def _series(metric, values, start=2000, geo="K02000001"):
    for offset, value in enumerate(values):
        ObservationFactory(
            metric=metric,
            geography=geography(geo),
            period_start=dt.date(start + offset, 1, 1),
            value=Decimal(value),
        )


@pytest.mark.parametrize(
    "values,target,expected",
    [
        (["50", "52", "54", "56", "58", "60"], "70", progress.ON_TRACK),
        (["50", "50.5", "51", "51.2", "51.4", "51.5"], "70", progress.OFF_TRACK),
        (["50", "51.2", "52.4", "53.6", "54.8", "56"], "70", progress.AT_RISK),
        (["60", "59", "58", "57", "56", "55"], "70", progress.DETERIORATING),
        (["50", "60", "71"], "70", progress.ACHIEVED),
        (["50"], "70", progress.NOT_ENOUGH_DATA),
        (["50", "51", "52"], None, progress.NO_TARGET),
    ],
)
def test_status_matches_the_full_series(values, target, expected):
    metric = MetricFactory()
    _series(metric, values)
    _series(metric, ["1"] * len(values), geo="E92000001")  # other geographies do not count
    t = TargetFactory(metric=metric, value=Decimal(target), due_date=dt.date(2010, 1, 1)) if target else None
    s = metric_statuses([metric])[metric.pk]
    full = _full_assessment(metric, t)
    assert s.status == expected == full.status
    assert s.assessment.explanation == full.explanation
    assert s.assessment.inputs == full.inputs | {"method": full.method}
    assert s.points == len(values)
    assert WORDS[expected] in s.assessment.explanation


WORDS = {
    progress.ON_TRACK: ": on track (ratio",
    progress.OFF_TRACK: ": off track (ratio",
    progress.AT_RISK: ": at risk (ratio",
    progress.DETERIORATING: ": deteriorating (ratio",
    progress.ACHIEVED: "met: the latest value is",
    progress.NOT_ENOUGH_DATA: "Not enough data: progress needs a baseline",
    progress.NO_TARGET: "No target is set.",
}


def test_a_baseline_date_picks_the_first_point_on_or_after_it():
    metric = MetricFactory()
    _series(metric, ["40", "45", "50", "52", "54"])
    TargetFactory(
        metric=metric, value=Decimal("70"), due_date=dt.date(2012, 1, 1), baseline_date=dt.date(2002, 1, 1)
    )
    s = metric_statuses([metric])[metric.pk]
    assert s.assessment.inputs["baseline_value"] == 50.0
    assert s.assessment.inputs["observations"] == 5


def test_recent_points_feed_the_sparkline():
    metric = MetricFactory()
    _series(metric, [str(v) for v in range(30)])
    s = metric_statuses([metric], recent=12)[metric.pk]
    assert [float(v) for _, v in s.recent] == [float(v) for v in range(18, 30)]
    short = MetricFactory()
    _series(short, ["1", "2", "3"])
    assert len(metric_statuses([short], recent=12)[short.pk].recent) == 3


def test_queries_do_not_grow_with_the_number_of_metrics():
    def count(n):
        metrics = [MetricFactory() for _ in range(n)]
        for m in metrics:
            _series(m, ["1", "2", "3"])
            TargetFactory(metric=m)
        with CaptureQueriesContext(connection) as queries:
            metric_statuses(metrics, recent=5)
        return len(queries)

    assert count(3) == count(30)
