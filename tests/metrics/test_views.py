"""The metric page: as-at selector, geographies, status explained, metadata, paginated table."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from metrics.services import observation_import
from tests.factories import MetricFactory, MissionFactory, TargetFactory

pytestmark = pytest.mark.django_db


def _import(rows, when):
    return observation_import(
        rows=[{"metric": "gld", "geography": g, "period": p, "value": v} for g, p, v in rows],
        format="demo",
        system=True,
        recorded_at=when,
    )


@pytest.fixture
def metric(organisations):
    mission = MissionFactory(slug="opportunity", lead_organisation=organisations["dfe"])
    gld = MetricFactory(
        slug="gld", name="Good level of development", mission=mission, owner=organisations["dfe"]
    )
    TargetFactory(metric=gld)
    first = timezone.now() - dt.timedelta(days=20)
    _import(
        [("K02000001", "2022", "65.2"), ("K02000001", "2023", "67.2"), ("E92000001", "2023", "68.0")], first
    )
    _import([("K02000001", "2023", "66.9")], timezone.now() - dt.timedelta(days=2))  # a revision
    return gld


def test_as_at_shows_the_earlier_vintage_after_a_revision(client_for, metric):
    client = client_for("dfe")
    latest = client.get("/metrics/gld/")
    assert "66.9" in latest.text and "(revised, version 2)" in latest.text
    earlier = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    before = client.get(f"/metrics/gld/?as_at={earlier}")
    table = before.text.split('id="data-table"')[1]
    assert "67.2" in table and "66.9" not in table
    assert "Showing the figures as they were known" in before.text
    assert float(before.context["s"].latest_value) == pytest.approx(67.2)
    csv = client.get(f"/metrics/gld/data.csv?as_at={earlier}").content.decode()
    assert ",67.2," in csv and ",66.9," not in csv


def test_the_vintages_are_offered_in_the_as_at_selector(client_for, metric):
    page = client_for("dfe").get("/metrics/gld/").text
    assert '<select class="govuk-select" id="as_at" name="as_at"' in page
    assert (timezone.localdate() - dt.timedelta(days=2)).isoformat() in page


@pytest.mark.parametrize("value", ["yesterday", "2024-13-01"])
def test_a_bad_as_at_date_is_explained(client_for, metric, value):
    response = client_for("dfe").get(f"/metrics/gld/?as_at={value}")
    assert response.status_code == 200 and "There is a problem" in response.text
    assert response.context["query"].as_at is None


def test_geographies_can_be_compared(client_for, metric):
    client = client_for("dfe")
    default = client.get("/metrics/gld/")
    figure = json.loads(default.context["figure"])
    assert [t["name"] for t in figure["data"] if t["mode"] != "markers"][0] == "United Kingdom"
    both = client.get("/metrics/gld/?geography=K02000001&geography=E92000001")
    names = {t["name"] for t in json.loads(both.context["figure"])["data"]}
    assert {"United Kingdom", "England", "United Kingdom: revised"} <= names
    assert "68.0" in both.text.split('id="data-table"')[1]


def test_status_is_explained_with_its_method_and_inputs(client_for, metric):
    page = client_for("dfe").get("/metrics/gld/").text
    assert "How this status was worked out" in page
    assert "Rate needed" in page and "Rate achieved" in page and "Observations used" in page
    assert "Needs growth of" in page or "Target of" in page


def test_metadata_includes_last_updated_and_next_expected(client_for, metric):
    metric.next_release = dt.date(2030, 5, 1)
    metric.save()
    page = client_for("dfe").get("/metrics/gld/").text
    assert "Last updated" in page and "1 May 2030" in page and "Test source" in page


def test_the_table_pages_through_long_series(client_for, organisations):
    mission = MissionFactory(slug="m")
    MetricFactory(slug="gld", mission=mission, frequency="monthly")
    _import([("K02000001", f"{2000 + m // 12}-{m % 12 + 1:02d}", str(m)) for m in range(120)], timezone.now())
    client = client_for("centre")
    first = client.get("/metrics/gld/")
    assert "page 1 of 3" in first.text and "Next" in first.text
    assert "page 3 of 3" in client.get("/metrics/gld/?page=3").text
    figure = json.loads(first.context["figure"])
    assert max(len(t["x"]) for t in figure["data"]) <= 1000
