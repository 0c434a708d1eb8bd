"""Computed statuses are cached and a new vintage (or target) makes them untrue at once (issue 13)."""

import os
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.models import Metric
from metrics.services import observation_import
from metrics.status import metric_statuses
from tests.factories import MetricFactory, ObservationFactory, TargetFactory

pytestmark = pytest.mark.django_db


def _metric():
    metric = MetricFactory(frequency="annual")
    TargetFactory(
        metric=metric, geography=metric.default_geography, value=Decimal("100"), due_date=date(2035, 1, 1)
    )
    for year, value in ((2019, "40"), (2020, "45"), (2021, "50")):
        ObservationFactory(
            metric=metric,
            geography=metric.default_geography,
            period_start=date(year, 1, 1),
            value=Decimal(value),
        )
    return Metric.objects.get(pk=metric.pk)


def _statuses(metric):
    with CaptureQueriesContext(connection) as queries:
        result = metric_statuses([metric])[metric.pk]
    return result, len(queries)


def test_a_second_reading_is_served_from_the_cache(reference_data):
    metric = _metric()
    first, cold = _statuses(metric)
    again, warm = _statuses(metric)
    assert (again.latest_value, again.status) == (first.latest_value, first.status)
    assert warm < cold, f"{warm} queries warm vs {cold} cold"


def test_a_new_vintage_through_the_import_is_seen_at_once(reference_data, django_capture_on_commit_callbacks):
    metric = _metric()
    before, _ = _statuses(metric)
    assert before.latest_value == Decimal("50")
    with django_capture_on_commit_callbacks(execute=True):
        summary = observation_import(
            rows=[
                {
                    "metric": metric.slug,
                    "period": "2021",
                    "geography": metric.default_geography.code,
                    "value": "61",
                }
            ],
            format="json",
            system=True,
        )
    assert summary.written and summary.revised == 1, summary.errors
    after, _ = _statuses(metric)
    assert after.latest_value == Decimal("61")


def test_a_changed_target_is_seen_at_once(reference_data, django_capture_on_commit_callbacks):
    metric = _metric()
    before, _ = _statuses(metric)
    with django_capture_on_commit_callbacks(execute=True):
        target = metric.targets.get()
        target.value = Decimal("51")
        target.save()
    assert before.target.value == Decimal("100")
    after, _ = _statuses(metric)
    assert after.target.value == Decimal("51")


def test_historical_statuses_are_computed_not_cached(reference_data):
    from django.utils import timezone

    metric = _metric()
    metric_statuses([metric], as_of=timezone.now())
    _, after_history = _statuses(metric)
    _, warm = _statuses(metric)
    assert warm < after_history, "the historical reading stored nothing, so the first current one was cold"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis at REDIS_URL")
def test_with_redis_as_the_cache(reference_data, settings, django_capture_on_commit_callbacks):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    from django.core.cache import cache as redis_cache

    redis_cache.clear()
    metric = _metric()
    first, cold = _statuses(metric)
    again, warm = _statuses(metric)
    assert warm < cold and again.latest_value == first.latest_value
    with django_capture_on_commit_callbacks(execute=True):
        ObservationFactory(
            metric=metric,
            geography=metric.default_geography,
            period_start=date(2022, 1, 1),
            value=Decimal("70"),
        )
    after, _ = _statuses(metric)
    assert after.latest_value == Decimal("70")
    redis_cache.clear()
