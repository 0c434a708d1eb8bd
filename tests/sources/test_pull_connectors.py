"""Each connector end to end: a real sample served over HTTP, pulled, its observations in the database."""

import json
from decimal import Decimal

import pytest

from metrics.models import Geography, Observation
from sources.models import PullRun
from tests import http_server as server
from tests.factories import MetricFactory
from tests.http_server import FORMATS, make_source, pull

http_server = server.http_server  # the fixture

pytestmark = pytest.mark.django_db

IHYQ = "ons_timeseries_ihyq_pn2_data.json"


def current(metric):
    return Observation.objects.filter(metric=metric, superseded_at__isnull=True)


def test_ons_timeseries_ihyq_yields_its_278_quarters_exactly(http_server):
    source = make_source(http_server.sample_url(IHYQ))
    run = pull(source)
    assert run.outcome == PullRun.Outcome.SUCCEEDED, run.error
    assert (run.created, run.revised, run.unchanged, run.rejected) == (278, 0, 0, 0)
    quarters = json.loads((FORMATS / IHYQ).read_text())["quarters"]
    stored = {o.period_start.isoformat(): o.value for o in current(source.metric)}
    assert len(stored) == 278
    first, last = quarters[0], quarters[-1]
    assert stored["1955-04-01"] == Decimal(first["value"])  # 1955 Q2
    assert stored["2024-07-01"] == Decimal(last["value"])  # 2024 Q3
    assert sorted(stored.values()) == sorted(Decimal(q["value"]) for q in quarters)
    assert run.bytes == (FORMATS / IHYQ).stat().st_size and run.etag and len(run.checksum) == 64
    assert run.upload.format == "pull" and run.upload.row_count == 278


def test_ons_api_wildcard_months(http_server):
    url = http_server.sample_url("ons_beta_api_cmd_observations_cpih01_wildcard.json")
    run = pull(make_source(url, connector="ons_api", frequency="monthly"))
    assert run.outcome == "succeeded", run.error
    assert run.created == 159
    metric = run.source.metric
    assert current(metric).get(period_start="2018-03-01").value == Decimal("105.1")


def test_nomis_csv_local_authorities(http_server):
    for code, name in (("E09000001", "City of London"), ("E09000002", "Barking and Dagenham")):
        Geography.objects.create(code=code, name=name, level="local")
    url = http_server.sample_url("nomis_NM_18_1_data_csv_select_sample.csv")
    run = pull(make_source(url, connector="nomis_csv", frequency="monthly"))
    assert run.outcome == "succeeded", run.error
    values = dict(current(run.source.metric).values_list("geography__code", "value"))
    assert values == {"E09000001": Decimal(25), "E09000002": Decimal(2355)}


def test_sdmx_json_one_series_to_the_default_geography(http_server):
    url = http_server.sample_url("sdmx_json_v1_exr_time_series_sample.json")
    source = make_source(
        url, connector="sdmx_json", frequency="daily", options={"series": "D.NZD.EUR.SP00.A"}
    )
    run = pull(source)
    assert run.outcome == "succeeded", run.error
    rows = list(current(source.metric).values_list("period_start", "value", "geography__code"))
    assert [(str(d), v, g) for d, v, g in rows] == [
        ("2013-01-18", Decimal("1.5931"), "K02000001"),
        ("2013-01-21", Decimal("1.5925"), "K02000001"),
    ]


def test_sdmx_csv_with_a_geography_map(http_server):
    url = http_server.sample_url("sdmx_csv_oecd_gov_debt_gbr.csv")
    source = make_source(url, connector="sdmx_csv", frequency="annual", geography_map={"GBR": "K02000001"})
    run = pull(source)
    assert run.outcome == "succeeded", run.error
    assert run.created == 17
    assert current(source.metric).get(period_start="2016-01-01").value == Decimal("117.203")


def test_owid_csv_with_a_scale_factor(http_server):
    url = http_server.sample_url("owid_energy_data_uk_rows_1990_2025.csv")
    source = make_source(
        url,
        connector="owid_csv",
        frequency="annual",
        options={"code": "GBR", "column": "low_carbon_share_elec"},
        geography_map={"GBR": "K02000001"},
        scale_factor=Decimal("0.01"),  # percent to a fraction
    )
    run = pull(source)
    assert run.outcome == "succeeded", run.error
    assert run.created == 36
    assert current(source.metric).get(period_start="1990-01-01").value == Decimal("0.22355")


def test_generic_csv_with_column_mapping_and_filter(http_server):
    url = http_server.sample_url("smc_son_in11_gld_by_fsm_and_year_chart_format.csv")
    options = {
        "period_column": "time_period",
        "value_column": "value",
        "geography_column": "area_code",
        "filter": "primary_split_value=Eligible for free school meals",
    }
    metric = MetricFactory(frequency="academic_year")
    run = pull(make_source(url, metric=metric, connector="csv", options=options))
    assert run.outcome == "succeeded", run.error
    assert run.created == 12
    assert current(metric).get(period_start="2018-09-01").value == Decimal(57)
    assert set(current(metric).values_list("geography__code", flat=True)) == {"E92000001"}
