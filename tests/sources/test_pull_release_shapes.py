"""Issue 15: pulls of real-shaped releases end to end: counts only from what committed, projections kept out
on request, float artefacts and first-of-month dates accepted, and every digit stored on both databases."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from metrics.models import Observation
from metrics.services import observation_import
from sources.models import PullRun
from tests import http_server as server
from tests.factories import MetricFactory
from tests.http_server import make_source, pull

http_server = server.http_server  # the fixture
pytestmark = pytest.mark.django_db

RELEASES = Path(__file__).resolve().parents[1] / "data" / "releases"
YEAR_VALUE = {"period_column": "year", "value_column": "value"}


def test_a_failed_pull_reports_no_new_or_revised_rows(http_server):
    url = http_server.set("/r.csv", b"year,value\n2020,1.0\n2021,1.1\n", conditional=False)
    source = make_source(url, connector="csv", frequency="annual", options=YEAR_VALUE)
    assert pull(source).created == 2
    # the next release revises 2021, adds 2022 and 2023, and has one row the import refuses
    http_server.set(
        "/r.csv", b"year,value\n2020,1.0\n2021,1.2\n2022,1.3\n2023,1.4\n2024-Q1,1.5\n", conditional=False
    )
    run = pull(source)
    assert run.outcome == PullRun.Outcome.FAILED and "nothing was written" in run.error
    assert (run.created, run.revised, run.unchanged, run.rejected) == (0, 0, 0, 1)
    assert Observation.objects.count() == 2


def test_projections_are_refused_by_default_and_left_out_on_request(http_server):
    url = http_server.set("/p.csv", (RELEASES / "with_projections.csv").read_bytes())
    refused = pull(make_source(url, connector="csv", frequency="annual", options=YEAR_VALUE))
    assert refused.outcome == "failed" and "in the future" in refused.error
    kept = pull(
        make_source(url, connector="csv", frequency="annual", options={**YEAR_VALUE, "projections": "drop"})
    )
    assert kept.outcome == "succeeded" and kept.created == 3  # 2022, 2023, 2024; not 2030 or 2035
    with pytest.raises(ValidationError, match="'reject' or 'drop'"):
        make_source(url, connector="csv", frequency="annual", options={**YEAR_VALUE, "projections": "maybe"})


def test_a_float_artefact_does_not_block_the_release(http_server):
    url = http_server.set("/f.csv", (RELEASES / "float_artefact.csv").read_bytes())
    run = pull(make_source(url, connector="csv", frequency="annual", options=YEAR_VALUE))
    assert run.outcome == "succeeded" and run.created == 2
    obs = Observation.objects.get(period_start__year=2022)
    assert obs.value == Decimal("0.06083064944535502")
    assert "Published as 0.060830649445355024" in obs.note


def test_monthly_release_with_first_of_month_dates_as_text(http_server):
    url = http_server.set("/m.csv", (RELEASES / "monthly_first_of_month.csv").read_bytes())
    options = {"period_column": "date", "value_column": "value", "geography_column": "area"}
    run = pull(make_source(url, connector="csv", frequency="monthly", options=options))
    assert run.outcome == "succeeded" and run.created == 3


@pytest.mark.parametrize(
    "text", ["0.06083064944535502", "123456789012345.12345678901234567", "-0.00000000000000001"]
)
def test_every_digit_is_stored_and_read_back_exactly(organisations, text):
    MetricFactory(slug="exact", frequency="annual", owner=organisations["dfe"])
    row = {"metric": "exact", "period": "2023", "geography": "K02000001", "value": text}
    summary = observation_import(rows=[row], format="json", system=True)
    assert summary.created == 1
    assert Observation.objects.get().value == Decimal(text)
    again = observation_import(rows=[row], format="json", system=True)
    assert (again.unchanged, again.revised) == (1, 0)
    changed = observation_import(rows=[{**row, "value": text[:-1] + "9"}], format="json", system=True)
    assert changed.revised == 1  # a change in the last digit is a revision, on SQLite too
