"""Connectors, part 2: SDMX-CSV, OWID, generic CSV and the failures every connector shares (samples and
helpers in test_connectors)."""

from __future__ import annotations

import pytest

from sources.connectors import ConnectorError, SourceRow, parse
from sources.connectors.base import clean_value
from tests.sources.test_connectors import (
    CPIH_SINGLE,
    NOMIS_JSA,
    OECD_DEBT,
    OECD_GDP,
    OWID_CO2,
    OWID_ENERGY,
    OWID_GRAPHER,
    SDG,
    SMC,
    csv_dicts,
    sample,
)

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
