"""The stale flag: a metric whose latest observation is older than its frequency allows (cadence plus a
documented grace period, metrics.progress.STALENESS_DEFAULTS) is flagged, on its page too, and a pull of a
newer release clears it."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from metrics.periods import period_from_start
from metrics.progress import allowed_age_days
from metrics.status import metric_statuses
from tests import http_server as server
from tests.factories import MetricFactory, ObservationFactory
from tests.http_server import FORMATS, make_source, pull

http_server = server.http_server  # the fixture
pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.mark.parametrize(
    ("frequency", "start", "allowed"),
    [
        ("annual", dt.date(2023, 1, 1), 365 + 180),
        ("financial_year", dt.date(2023, 4, 1), 365 + 180),
        ("quarterly", dt.date(2024, 7, 1), 92 + 92),
        ("monthly", dt.date(2024, 9, 1), 31 + 62),
    ],
)
def test_stale_exactly_after_cadence_plus_grace(frequency, start, allowed):
    metric = MetricFactory(frequency=frequency)
    ObservationFactory(metric=metric, period_start=start, recorded_at=at(start))
    assert allowed_age_days(frequency) == allowed
    end = period_from_start(start, frequency).end
    last_fresh_day = end + dt.timedelta(days=allowed)
    assert not metric_statuses([metric], as_of=at(last_fresh_day))[metric.pk].stale
    assert metric_statuses([metric], as_of=at(last_fresh_day + dt.timedelta(days=1)))[metric.pk].stale


def test_a_metric_with_no_data_is_not_called_stale():
    metric = MetricFactory(frequency="quarterly")
    status = metric_statuses([metric])[metric.pk]
    assert not status.stale and status.latest_period is None


def test_the_metric_page_flags_stale_data_and_a_newer_release_clears_it(http_server, client_for):
    source = make_source(
        http_server.set("/ihyq.json", (FORMATS / "ons_timeseries_ihyq_pn2_data.json").read_bytes())
    )
    metric = source.metric
    pull(source)  # latest quarter in the sample: 2024 Q3
    client = client_for("centre")
    today = timezone.localdate()
    if (today - dt.date(2024, 9, 30)).days > allowed_age_days("quarterly"):
        assert metric_statuses([metric])[metric.pk].stale
        assert 'govuk-tag--purple">Stale' in client.get(metric.get_absolute_url()).text

    doc = json.loads((FORMATS / "ons_timeseries_ihyq_pn2_data.json").read_text())
    quarter = dt.date(2024, 10, 1)
    while period_from_start(quarter, "quarterly").end < today:  # every quarter that has ended since
        label = f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}"
        doc["quarters"].append({**doc["quarters"][-1], "date": label, "value": "0.3"})
        quarter = period_from_start(quarter, "quarterly").end + dt.timedelta(days=1)
    http_server.set("/ihyq.json", json.dumps(doc))
    source.refresh_from_db()
    assert pull(source).outcome == "succeeded"
    assert not metric_statuses([metric])[metric.pk].stale
    assert "Stale</strong>" not in client.get(metric.get_absolute_url()).text
