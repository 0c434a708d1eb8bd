"""Connector parsers, run on the real samples in tests/data/formats (pure pytest, no Django)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sources.connectors import CONNECTORS, ConnectorError, SourceRow, get_connector, parse
from sources.connectors.ons_timeseries import release_info

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


IHYQ = "ons_timeseries_ihyq_pn2_data.json"
CPIH_SINGLE = "ons_beta_api_cmd_observations_cpih01_single.json"
CPIH_WILDCARD = "ons_beta_api_cmd_observations_cpih01_wildcard.json"
NOMIS_JSA = "nomis_NM_18_1_data_csv_select_sample.csv"
NOMIS_ESA = "nomis_NM_134_1_csv_select_sample.csv"
NOMIS_BULK = "nomis_census_bulk_csv_sample_head.csv"
EXR_V1 = "sdmx_json_v1_exr_time_series_sample.json"
EXR_V2 = "sdmx_json_v2_exr_time_series_sample.json"
OECD_GDP = "sdmx_csv_oecd_refseries_gbr_gdp.csv"
OECD_DEBT = "sdmx_csv_oecd_gov_debt_gbr.csv"
OWID_GRAPHER = "owid_grapher_annual_co2_emissions_excerpt.csv"
OWID_CO2 = "owid_co2_data_uk_rows_2002_2023.csv"
OWID_ENERGY = "owid_energy_data_uk_rows_1990_2025.csv"
SDG = "open_sdg_ons_indicator_8-1-1.csv"
SMC = "smc_son_in11_gld_by_fsm_and_year_chart_format.csv"


def csv_dicts(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------- registry


def test_registry_ids_and_specs():
    assert set(CONNECTORS) == {
        "ons_timeseries",
        "ons_api",
        "nomis_csv",
        "sdmx_json",
        "sdmx_csv",
        "owid_csv",
        "csv",
    }
    for connector_id, spec in CONNECTORS.items():
        assert spec.id == connector_id
        assert spec.label and spec.description and spec.options
        assert all(isinstance(doc, str) and doc for doc in spec.options.values())
        assert callable(spec.parse)


def test_unknown_connector_and_unknown_option():
    with pytest.raises(ConnectorError, match="Unknown connector 'nope'"):
        get_connector("nope")
    with pytest.raises(ConnectorError, match="Unknown option 'freq'"):
        parse("ons_timeseries", sample(IHYQ), {"freq": "quarters"})


def test_source_row_is_frozen():
    row = SourceRow(period="2024 Q3", value="0.1")
    assert (row.geography, row.status, row.note) == (None, None, "")
    with pytest.raises(AttributeError):
        row.value = "0.2"  # type: ignore[misc]


# --------------------------------------------------------------------------- ons_timeseries


def test_ons_timeseries_ihyq_quarters_match_file_exactly():
    document = json.loads(sample(IHYQ))
    rows = parse("ons_timeseries", sample(IHYQ), {})
    assert len(rows) == 278 == len(document["quarters"])
    assert rows[0] == SourceRow(period="1955 Q2", value="0.0")
    assert rows[-1] == SourceRow(period="2024 Q3", value="0.1")
    assert [(r.period, r.value) for r in rows] == [(p["date"], p["value"]) for p in document["quarters"]]
    assert all(r.geography is None and r.status is None for r in rows)


def test_ons_timeseries_frequency_option():
    assert parse("ons_timeseries", sample(IHYQ), {"frequency": "Quarters"})[-1].period == "2024 Q3"
    with pytest.raises(ConnectorError, match="The response has no 'months' series"):
        parse("ons_timeseries", sample(IHYQ), {"frequency": "months"})
    with pytest.raises(ConnectorError, match="The response has no 'years' series"):
        parse("ons_timeseries", sample(IHYQ), {"frequency": "years"})
    with pytest.raises(ConnectorError, match="Unknown frequency 'weekly'"):
        parse("ons_timeseries", sample(IHYQ), {"frequency": "weekly"})


def test_ons_timeseries_default_falls_back_to_months_then_years_and_marks_missing():
    doc = {
        "years": [{"date": "2023", "value": "1.0"}],
        "quarters": [],
        "months": [{"date": "2024 JAN", "value": "2.5"}, {"date": "2024 FEB", "value": ""}],
    }
    rows = parse("ons_timeseries", json.dumps(doc).encode(), {})
    assert rows[0] == SourceRow(period="2024 JAN", value="2.5")
    assert rows[1] == SourceRow("2024 FEB", None, status="suppressed", note="No value published")
    doc["months"] = []
    assert parse("ons_timeseries", json.dumps(doc).encode(), {}) == [SourceRow("2023", "1.0")]


def test_ons_timeseries_release_info():
    info = release_info(sample(IHYQ))
    assert info["release_date"] == "2024-11-15T00:00:00.000Z"
    assert info["next_release"] == "23 December 2024"
    assert (info["cdid"], info["dataset_id"], info["unit"]) == ("IHYQ", "PN2", "%")
    assert (info["latest_period"], info["latest_value"]) == ("2024 Q3", "0.1")
    assert CONNECTORS["ons_timeseries"].info is release_info


def test_ons_timeseries_not_a_timeseries_document():
    with pytest.raises(ConnectorError, match="not an ONS time series"):
        parse("ons_timeseries", sample(CPIH_SINGLE), {})
    with pytest.raises(ConnectorError, match="no 'quarters', 'months' or 'years'"):
        parse("ons_timeseries", b'{"years": [], "quarters": [], "months": []}', {})
    with pytest.raises(ConnectorError, match="Point 2 of the 'quarters' series has no date"):
        parse("ons_timeseries", b'{"quarters": [{"date": "2024 Q1", "value": "1"}, {"value": "2"}]}', {})


# --------------------------------------------------------------------------- ons_api


def test_ons_api_single_observation():
    assert parse("ons_api", sample(CPIH_SINGLE), {}) == [SourceRow("Mar-18", "105.1", "K02000001")]


def test_ons_api_wildcard_sorted_by_month():
    document = json.loads(sample(CPIH_WILDCARD))
    rows = parse("ons_api", sample(CPIH_WILDCARD), {})
    assert len(rows) == 159 == document["total_observations"]
    assert rows[0] == SourceRow("Jan-05", "78.3", "K02000001")
    assert rows[1] == SourceRow("Feb-05", "78.5", "K02000001")
    assert rows[-1] == SourceRow("Mar-18", "105.1", "K02000001")
    published = {o["dimensions"]["time"]["label"]: o["observation"] for o in document["observations"]}
    assert {r.period: r.value for r in rows} == published
    assert (
        document["observations"][0]["dimensions"]["time"]["label"] == "Sep-16"
    )  # source order is not by time


def test_ons_api_info_and_errors():
    info = CONNECTORS["ons_api"].info(sample(CPIH_WILDCARD))
    assert info["unit_of_measure"] == "Index: 2015=100"
    assert info["metadata_url"].endswith("/cpih01/editions/time-series/versions/6/metadata")
    with pytest.raises(ConnectorError, match="no 'observations' list \\(the API said: invalid dimension\\)"):
        parse("ons_api", b'{"errors": [{"message": "invalid dimension"}]}', {})
    paged = {"total_observations": 3, "offset": 0, "observations": [{"observation": "1"}]}
    with pytest.raises(ConnectorError, match="only 1 of 3 observations"):
        parse("ons_api", json.dumps(paged).encode(), {})
    with pytest.raises(ConnectorError, match="Observation 1 has no 'time' dimension"):
        parse("ons_api", b'{"observations": [{"observation": "1"}]}', {})


# --------------------------------------------------------------------------- nomis_csv


@pytest.mark.parametrize("name", [NOMIS_JSA, NOMIS_ESA])
def test_nomis_select_csv_matches_file(name):
    expected = csv_dicts(name)
    rows = parse("nomis_csv", sample(name), {})
    assert len(rows) == len(expected) == 2
    assert [(r.period, r.value, r.geography) for r in rows] == [
        (e["DATE_NAME"], e["OBS_VALUE"], e["GEOGRAPHY_CODE"]) for e in expected
    ]
    assert all(r.status is None and r.note == "" for r in rows)  # "Normal Value" is not repeated in notes


def test_nomis_values():
    assert parse("nomis_csv", sample(NOMIS_JSA), {})[1] == SourceRow("January 2018", "2355", "E09000002")
    assert parse("nomis_csv", sample(NOMIS_ESA), {})[0] == SourceRow("January 2018", "0.4", "E09000001")


def test_nomis_column_options_and_filter():
    rows = parse(
        "nomis_csv",
        sample(NOMIS_JSA),
        {"geography_column": "GEOGRAPHY_NAME", "filter": "GEOGRAPHY_CODE=E09000002"},
    )
    assert rows == [SourceRow("January 2018", "2355", "Barking and Dagenham")]
    rows = parse(
        "nomis_csv", sample(NOMIS_JSA), {"geography_column": "none", "filter": "GEOGRAPHY_CODE=E09000001"}
    )
    assert rows == [SourceRow("January 2018", "25", None)]
    with pytest.raises(ConnectorError, match="Column 'DATE_CODE' \\(option 'period_column'\\) is missing"):
        parse("nomis_csv", sample(NOMIS_JSA), {"period_column": "DATE_CODE"})


def test_nomis_bulk_census_layout():
    column = "Area/Population Density: Density (number of persons per hectare); measures: Value"
    options = {"period_column": "date", "geography_column": "geography code", "value_column": column}
    rows = parse("nomis_csv", sample(NOMIS_BULK), options)
    assert len(rows) == 5
    assert rows[0] == SourceRow("2011", "133.4", "E01000907")
    assert rows[-1] == SourceRow("2011", "10.6", "E01000913")
    with pytest.raises(ConnectorError, match="Column 'OBS_VALUE' \\(option 'value_column'\\) is missing"):
        parse("nomis_csv", sample(NOMIS_BULK), {"period_column": "date"})


def test_nomis_suppressed_row_uses_status_text():
    body = (
        b'"DATE","GEOGRAPHY_CODE","OBS_VALUE","OBS_STATUS","OBS_STATUS_NAME"\r\n'
        b'"2024-03","E09000001",,"Q","These figures are missing."\r\n'
        b'"2024-03","E09000002",120,"P","Provisional"\r\n'
    )
    rows = parse("nomis_csv", body, {})
    assert rows[0] == SourceRow("2024-03", None, "E09000001", "suppressed", "These figures are missing.")
    assert rows[1] == SourceRow("2024-03", "120", "E09000002", None, "Provisional")
    with pytest.raises(ConnectorError, match="Column 'DATE' is missing"):
        parse("nomis_csv", b'"GEOGRAPHY_CODE","OBS_VALUE"\n"E1",1\n', {})


# --------------------------------------------------------------------------- sdmx_json


@pytest.mark.parametrize("name", [EXR_V1, EXR_V2])
def test_sdmx_json_series_key(name):
    rows = parse("sdmx_json", sample(name), {"series": "D.NZD.EUR.SP00.A"})
    assert rows == [SourceRow("2013-01-18", "1.5931"), SourceRow("2013-01-21", "1.5925")]


@pytest.mark.parametrize("name", [EXR_V1, EXR_V2])
def test_sdmx_json_dimension_filter_and_wildcard_key(name):
    expected = [SourceRow("2013-01-18", "40.3426"), SourceRow("2013-01-21", "40.3")]
    assert parse("sdmx_json", sample(name), {"series": "CURRENCY=RUB"}) == expected
    assert parse("sdmx_json", sample(name), {"series": "CURRENCY=RUB,FREQ=D"}) == expected
    assert parse("sdmx_json", sample(name), {"series": ".RUB..."}) == expected


@pytest.mark.parametrize("name", [EXR_V1, EXR_V2])
def test_sdmx_json_errors(name):
    with pytest.raises(ConnectorError, match="several series \\(CURRENCY: 'NZD', 'RUB'\\)"):
        parse("sdmx_json", sample(name), {})
    with pytest.raises(
        ConnectorError, match="No series matches 'D.USD.EUR.SP00.A': CURRENCY has no value 'USD'"
    ):
        parse("sdmx_json", sample(name), {"series": "D.USD.EUR.SP00.A"})
    with pytest.raises(ConnectorError, match="has 2 parts but this data has 5 dimensions"):
        parse("sdmx_json", sample(name), {"series": "D.USD"})
    with pytest.raises(ConnectorError, match="Dimension 'COUNTRY' is not in this data"):
        parse("sdmx_json", sample(name), {"series": "COUNTRY=GB"})


def test_sdmx_json_flat_message_with_status_and_missing_value():
    message = {
        "structure": {
            "dimensions": {
                "observation": [
                    {"id": "REF_AREA", "keyPosition": 0, "values": [{"id": "GBR"}, {"id": "FRA"}]},
                    {"id": "TIME_PERIOD", "values": [{"id": "2022"}, {"id": "2023"}]},
                ]
            },
            "attributes": {"observation": [{"id": "OBS_STATUS", "values": [{"id": "A"}, {"id": "P"}]}]},
        },
        "dataSets": [{"observations": {"0:0": [1.10, 0], "0:1": [2.25, 1], "1:1": [None, None]}}],
    }
    text = json.dumps(message).replace("1.1,", "1.10,").encode()
    rows = parse("sdmx_json", text, {})
    assert rows[0] == SourceRow("2022", "1.10", "GBR")  # published digits kept
    assert rows[1] == SourceRow("2023", "2.25", "GBR", None, "OBS_STATUS=P")
    assert rows[2] == SourceRow("2023", None, "FRA", "suppressed", "No value published")
    assert parse("sdmx_json", text, {"series": "FRA"}) == [rows[2]]


def test_sdmx_json_not_a_data_message():
    with pytest.raises(ConnectorError, match="no 'dataSets'"):
        parse("sdmx_json", sample(CPIH_SINGLE), {})
