"""The one import path: counts add up, nothing is half-written, revisions are new vintages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from metrics.models import Observation, Upload
from metrics.selectors import observations_as_of
from metrics.services import observation_import
from tests.factories import MetricFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def metric(organisations):
    return MetricFactory(slug="gld", owner=organisations["dfe"], min_value=Decimal(0), max_value=Decimal(100))


def rows(*triples):
    return [{"metric": "gld", "period": p, "geography": "E92000001", "value": v} for p, v in triples]


def test_rows_are_created_then_unchanged_then_revised(metric, users):
    first = observation_import(
        rows=rows(("2022", "65.2"), ("2023", "67")), user=users["analyst"], format="json"
    )
    assert (first.created, first.revised, first.unchanged, first.rejected) == (2, 0, 0, 0)
    again = observation_import(
        rows=rows(("2022", "65.2"), ("2023", "67.0")), user=users["analyst"], format="json"
    )
    assert (again.created, again.revised, again.unchanged) == (0, 0, 2)
    revised = observation_import(rows=rows(("2023", "68")), user=users["analyst"], format="json")
    assert (revised.created, revised.revised, revised.unchanged) == (0, 1, 0)
    history = Observation.objects.filter(metric=metric, period_start=dt.date(2023, 1, 1)).order_by("revision")
    assert [(o.revision, o.value, o.superseded_at is None) for o in history] == [
        (1, Decimal("67"), False),
        (2, Decimal("68"), True),
    ]


def test_as_of_shows_what_was_known_then(metric, users):
    observation_import(rows=rows(("2023", "67")), user=users["analyst"], format="json")
    between = timezone.now()
    observation_import(rows=rows(("2023", "68")), user=users["analyst"], format="json")
    assert [o.value for o in observations_as_of(metric=metric, as_of=between)] == [Decimal("67")]
    assert [o.value for o in observations_as_of(metric=metric)] == [Decimal("68")]


def test_one_bad_row_writes_nothing_and_is_named(metric, users):
    summary = observation_import(
        rows=rows(("2021", "60"), ("2022", "1,234"), ("2023", "n/a")), user=users["analyst"], format="csv"
    )
    assert summary.rejected == 2
    assert summary.created + summary.revised + summary.unchanged + summary.rejected == 3
    assert [(e.row, e.column) for e in summary.errors] == [(3, "value"), (4, "value")]
    assert "plain number" in summary.errors[0].message
    assert not summary.written
    assert Observation.objects.count() == 0
    assert Upload.objects.get(pk=summary.upload_id).status == Upload.Status.REJECTED


def test_each_rule_names_row_column_and_reason(metric, users):
    future = str(timezone.localdate().year + 2)
    bad = [
        {"metric": "nope", "period": "2020", "geography": "E92000001", "value": "1"},
        {"metric": "gld", "period": "2020-Q1", "geography": "E92000001", "value": "1"},
        {"metric": "gld", "period": "2020", "geography": "XX", "value": "1"},
        {"metric": "gld", "period": "2020", "geography": "E92000001", "value": "101"},
        {"metric": "gld", "period": future, "geography": "E92000001", "value": "1"},
        {"metric": "gld", "period": "2019", "geography": "E92000001", "value": ""},
        {"metric": "gld", "period": "2018", "geography": "E92000001", "value": "1"},
        {"metric": "gld", "period": "2018", "geography": "E92000001", "value": "2"},
    ]
    summary = observation_import(rows=bad, user=users["analyst"], format="json", first_row_number=1)
    found = {(e.row, e.column) for e in summary.errors}
    assert found == {
        (1, "metric"),
        (2, "period"),
        (3, "geography"),
        (4, "value"),
        (5, "period"),
        (6, "value"),
        (8, "period"),
    }
    assert summary.rejected == 7 and summary.created == 1 and not summary.written


def test_an_organisation_cannot_write_another_organisations_metric(metric, users):
    summary = observation_import(rows=rows(("2020", "1")), user=users["ons_analyst"], format="json")
    assert summary.rejected == 1
    assert "does not supply" in summary.errors[0].message
    centre = observation_import(rows=rows(("2020", "1")), user=users["centre"], format="json")
    assert centre.created == 1


def test_dry_run_writes_nothing(metric, users):
    summary = observation_import(rows=rows(("2020", "1")), user=users["analyst"], format="json", dry_run=True)
    assert summary.created == 1 and summary.dry_run and not summary.written
    assert Observation.objects.count() == 0 and Upload.objects.count() == 0


def test_idempotency_key_returns_the_first_summary(metric, users):
    first = observation_import(
        rows=rows(("2020", "1")), user=users["analyst"], format="json", idempotency_key="k1"
    )
    second = observation_import(
        rows=rows(("2020", "2")), user=users["analyst"], format="json", idempotency_key="k1"
    )
    assert second.upload_id == first.upload_id and second.created == 1
    assert Observation.objects.get().value == Decimal("1")


def test_suppressed_blank_value_is_allowed(metric, users):
    summary = observation_import(
        rows=[
            {"metric": "gld", "period": "2020", "geography": "E92000001", "value": "", "status": "suppressed"}
        ],
        user=users["analyst"],
        format="json",
    )
    assert summary.created == 1
    assert Observation.objects.get().value is None
