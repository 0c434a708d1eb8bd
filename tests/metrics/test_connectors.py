"""Connector parsers, run on the real samples in tests/data/formats (pure pytest, no Django)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from metrics.connectors import CONNECTORS, ConnectorError, SourceRow, get_connector, parse
from metrics.connectors.base import clean_value
from metrics.connectors.ons_timeseries import release_info

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


# --------------------------------------------------------------------------- sdmx_csv


def test_sdmx_csv_gov_debt_keeps_source_order():
    expected = csv_dicts(OECD_DEBT)
    rows = parse("sdmx_csv", sample(OECD_DEBT), {})
    assert len(rows) == 17 == len(expected)
    assert rows[0] == SourceRow("2016", "117.203", "GBR")
    assert rows[-1] == SourceRow("2015", "110.007", "GBR")
    assert [(r.period, r.value) for r in rows] == [(e["TIME_PERIOD"], e["OBS_VALUE"]) for e in expected]


def test_sdmx_csv_gdp_needs_a_series_choice():
    with pytest.raises(ConnectorError, match="several series \\(UNIT_MEASURE: 'USD', 'XDC'\\)"):
        parse("sdmx_csv", sample(OECD_GDP), {})
    gbp = parse("sdmx_csv", sample(OECD_GDP), {"series": "UNIT_MEASURE=XDC"})
    assert len(gbp) == 10
    # UNIT_MULT=6 (millions) is applied exactly, and the note keeps the published figure (issue 15)
    applied = "UNIT_MULT=6 applied: published as {} (millions)"
    assert gbp[0] == SourceRow("2013", "1781361000", "GBR", None, applied.format("1781.361"))
    assert gbp[-1] == SourceRow("2022", "2505981000", "GBR", None, applied.format("2505.981"))
    kept = parse("sdmx_csv", sample(OECD_GDP), {"series": "UNIT_MEASURE=XDC", "unit_multiplier": "ignore"})
    assert kept[0] == SourceRow(
        "2013", "1781.361", "GBR", None, "UNIT_MULT=6 not applied (published in millions)"
    )
    usd = parse("sdmx_csv", sample(OECD_GDP), {"series": "GBR.B1GQ_V.USD.A", "unit_multiplier": "ignore"})
    assert (usd[0].value, usd[-1].value) == ("2784851.664", "3088838.682")
    assert parse("sdmx_csv", sample(OECD_GDP), {"series": "..USD.", "unit_multiplier": "ignore"}) == usd


def test_sdmx_csv_errors():
    with pytest.raises(
        ConnectorError, match="No series matches 'UNIT_MEASURE=EUR': UNIT_MEASURE has no value 'EUR'"
    ):
        parse("sdmx_csv", sample(OECD_GDP), {"series": "UNIT_MEASURE=EUR"})
    with pytest.raises(ConnectorError, match="has 3 parts but this data has 4 dimensions"):
        parse("sdmx_csv", sample(OECD_GDP), {"series": "GBR.B1GQ_V.USD"})
    with pytest.raises(ConnectorError, match="not SDMX-CSV"):
        parse("sdmx_csv", sample(SDG), {})
    with pytest.raises(ConnectorError, match="Column 'OBS_VALUE' is missing from the CSV"):
        parse("sdmx_csv", b"DATAFLOW,REF_AREA,TIME_PERIOD,VALUE\nX:Y(1.0),GBR,2020,1\n", {})


def test_sdmx_csv_v2_semicolon_labels_and_missing():
    body = (
        b"STRUCTURE[;];STRUCTURE_ID;ACTION;REF_AREA: Reference area;TIME_PERIOD;OBS_VALUE;OBS_STATUS\r\n"
        b"dataflow;ESTAT:NA_MAIN(1.6.0);I;GBR: United Kingdom;2019;12.5;A\r\n"
        b"dataflow;ESTAT:NA_MAIN(1.6.0);I;GBR: United Kingdom;2020;;M\r\n"
        b"dataflow;ESTAT:NA_MAIN(1.6.0);I;FRA: France;2020;NaN;M\r\n"
    )
    rows = parse("sdmx_csv", body, {"series": "REF_AREA=GBR"})
    assert rows == [
        SourceRow("2019", "12.5", "GBR"),
        SourceRow("2020", None, "GBR", "suppressed", "No value published; OBS_STATUS=M"),
    ]
    assert parse("sdmx_csv", body, {"series": "FRA"})[0].note == "Source marker 'NaN'; OBS_STATUS=M"


# --------------------------------------------------------------------------- owid_csv


def test_owid_grapher_single_value_column():
    rows = parse("owid_csv", sample(OWID_GRAPHER), {})
    assert len(rows) == 8
    assert rows[0] == SourceRow("1846", "2868912", "NLD")
    assert rows[-1] == SourceRow("2023", "118668370", "NLD")
    assert parse("owid_csv", sample(OWID_GRAPHER), {"code": "nld", "column": "Annual CO₂ emissions"}) == rows
    with pytest.raises(ConnectorError, match="No rows for GBR"):
        parse("owid_csv", sample(OWID_GRAPHER), {"code": "GBR"})


def test_owid_catalogue_co2():
    expected = csv_dicts(OWID_CO2)
    rows = parse("owid_csv", sample(OWID_CO2), {"column": "co2", "code": "GBR"})
    assert len(rows) == 22 == len(expected)
    assert rows[0] == SourceRow("2002", "560.273", "GBR")
    assert rows[-1] == SourceRow("2023", "305.146", "GBR")
    assert parse("owid_csv", sample(OWID_CO2), {"column": "co2", "entity": "united kingdom"}) == rows
    gdp = parse("owid_csv", sample(OWID_CO2), {"column": "gdp"})
    assert gdp[0].value == "1983994265600.000"  # exact text, no float rounding
    assert gdp[-1] == SourceRow("2023", None, "GBR", "suppressed", "No value published")


def test_owid_catalogue_energy_and_errors():
    rows = parse(
        "owid_csv", sample(OWID_ENERGY), {"column": "electricity_generation", "entity": "United Kingdom"}
    )
    assert len(rows) == 36
    assert (rows[0].period, rows[0].value) == ("1990", "319.750")
    assert (rows[-1].period, rows[-1].value) == ("2025", "292.310")
    with pytest.raises(ConnectorError, match="Choose the value column with the option 'column'"):
        parse("owid_csv", sample(OWID_ENERGY), {})
    with pytest.raises(
        ConnectorError, match="Column 'co2_per_capitaa' \\(option 'column'\\) is missing.*did you mean"
    ):
        parse("owid_csv", sample(OWID_CO2), {"column": "co2_per_capitaa"})
    with pytest.raises(ConnectorError, match="not an OWID file"):
        parse("owid_csv", sample(SDG), {"column": "Value"})


# --------------------------------------------------------------------------- csv (generic)


def test_csv_open_sdg():
    expected = csv_dicts(SDG)
    rows = parse("csv", sample(SDG), {"period_column": "Year", "value_column": "Value"})
    assert len(rows) == len(expected) == 23
    assert rows[0] == SourceRow("2000", "3.7")
    assert rows[-1] == (SourceRow("2022", "3.4"))
    assert [r.value for r in rows] == [e["Value"] for e in expected]


def test_csv_smc_filter_geography_and_missing_years():
    options = {"period_column": "time_period", "value_column": "value", "geography_column": "area_code"}
    with pytest.raises(
        ConnectorError, match="more than one value for period 2018/19 and geography E92000001"
    ):
        parse("csv", sample(SMC), options)
    rows = parse(
        "csv", sample(SMC), {**options, "filter": "primary_split_value=Eligible for free school meals"}
    )
    assert len(rows) == 12
    assert rows[0] == SourceRow("2018/19", "57", "E92000001")
    assert rows[-1] == SourceRow("2021/22", "49", "E92000001")
    missing = [r for r in rows if r.value is None]
    assert [r.period for r in missing] == ["2019/20", "2020/21"]
    assert all(r.status == "suppressed" for r in missing)
    with pytest.raises(ConnectorError, match="No rows match the filter primary_split_value='FSM'"):
        parse("csv", sample(SMC), {**options, "filter": "primary_split_value=FSM"})
    with pytest.raises(ConnectorError, match="is not in the form NAME=VALUE"):
        parse("csv", sample(SMC), {**options, "filter": "primary_split_value"})


def test_csv_bom_crlf_markers_and_delimiter():
    body = '\ufeffPeriod,Area,Value\r\n2021,E1,"1,234"\r\n2022,E1,..\r\n2023,E1,[c]\r\n2024,E1,x\r\n'.encode()
    rows = parse(
        "csv", body, {"period_column": "period", "value_column": "VALUE", "geography_column": "Area"}
    )
    assert rows == [
        SourceRow("2021", "1234", "E1"),
        SourceRow("2022", None, "E1", "suppressed", "Source marker '..'"),
        SourceRow("2023", None, "E1", "suppressed", "Source marker '[c]'"),
        SourceRow("2024", None, "E1", "suppressed", "Source marker 'x'"),
    ]
    tsv = b"year\tvalue\n2020\t5\n2021\t6\n"
    assert (
        parse("csv", tsv, {"period_column": "year", "value_column": "value", "delimiter": "tab"})[-1].value
        == "6"
    )
    latin1 = "Année,Value\n2020,1\n".encode("cp1252")
    assert parse("csv", latin1, {"period_column": "Année", "value_column": "Value"}) == [
        SourceRow("2020", "1")
    ]


def test_csv_required_options_and_missing_column():
    with pytest.raises(ConnectorError, match="The option 'value_column' is required"):
        parse("csv", sample(SDG), {"period_column": "Year"})
    with pytest.raises(
        ConnectorError, match="Column 'OBS_VALUE' \\(option 'value_column'\\) is missing from the CSV"
    ):
        parse("csv", sample(SDG), {"period_column": "Year", "value_column": "OBS_VALUE"})


# --------------------------------------------------------------------------- common failures

JSON_CONNECTORS = ["ons_timeseries", "ons_api", "sdmx_json"]
CSV_CONNECTORS = ["nomis_csv", "sdmx_csv", "owid_csv", "csv"]
CSV_OPTIONS = {"csv": {"period_column": "Year", "value_column": "Value"}}
HTML = b"<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body>busy</body></html>"


@pytest.mark.parametrize("connector_id", JSON_CONNECTORS + CSV_CONNECTORS)
@pytest.mark.parametrize("body", [b"", b"  \r\n", None])
def test_empty_body(connector_id, body):
    with pytest.raises(ConnectorError, match="^The response is empty$"):
        parse(connector_id, body, CSV_OPTIONS.get(connector_id))


@pytest.mark.parametrize("connector_id", JSON_CONNECTORS + CSV_CONNECTORS)
def test_html_error_page(connector_id):
    with pytest.raises(ConnectorError, match="HTML page \\('503 Service Unavailable'\\)"):
        parse(connector_id, HTML, CSV_OPTIONS.get(connector_id))


@pytest.mark.parametrize("connector_id", JSON_CONNECTORS + CSV_CONNECTORS)
def test_xml_body(connector_id):
    with pytest.raises(ConnectorError, match="The response is XML"):
        parse(connector_id, b'<?xml version="1.0"?><message:GenericData/>', CSV_OPTIONS.get(connector_id))


@pytest.mark.parametrize("connector_id", JSON_CONNECTORS)
def test_malformed_json(connector_id):
    with pytest.raises(ConnectorError, match="^The response is not valid JSON \\(line 1, column 15\\)$"):
        parse(connector_id, b'{"quarters": [', {})
    with pytest.raises(ConnectorError, match="^The response is not valid JSON \\(line 1, column 1\\)$"):
        parse(connector_id, b"Service temporarily unavailable", {})


@pytest.mark.parametrize("connector_id", CSV_CONNECTORS)
def test_json_sent_to_csv_connector(connector_id):
    with pytest.raises(ConnectorError, match="^The response is JSON, not CSV$"):
        parse(connector_id, sample(CPIH_SINGLE), CSV_OPTIONS.get(connector_id))


@pytest.mark.parametrize("connector_id", CSV_CONNECTORS)
def test_header_only_csv(connector_id):
    header = next(iter(sample({"nomis_csv": NOMIS_JSA, "sdmx_csv": OECD_DEBT, "owid_csv": OWID_GRAPHER,
                               "csv": SDG}[connector_id]).splitlines(keepends=True)))  # fmt: skip
    with pytest.raises(ConnectorError, match="no data rows"):
        parse(connector_id, header, CSV_OPTIONS.get(connector_id))


def test_malformed_csv():
    body = b'Year,Value\n2020,"1\n2021,2\n'  # unterminated quote runs to end of file
    with pytest.raises(ConnectorError, match="The CSV is malformed near line"):
        parse("csv", body, CSV_OPTIONS["csv"])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0.0", ("0.0", None, "")),
        (" -1.50 ", ("-1.50", None, "")),
        ("1e-7", ("1e-7", None, "")),
        (12, ("12", None, "")),
        ("1,234.5", ("1234.5", None, "")),
        (None, (None, "suppressed", "No value published")),
        ("", (None, "suppressed", "No value published")),
        (":", (None, "suppressed", "Source marker ':'")),
        ("NaN", (None, "suppressed", "Source marker 'NaN'")),
        ("[z]", (None, "suppressed", "Source marker '[z]'")),
        ("12.5 (p)", (None, "suppressed", "Non-numeric value '12.5 (p)' treated as missing")),
    ],
)
def test_clean_value(raw, expected):
    assert clean_value(raw) == expected
