"""Issue 15: connectors against the shapes real releases take (files in tests/data/releases/, derived from the
samples in tests/data/formats/ and the SDMX standard; see PROVENANCE.md there)."""

from pathlib import Path

import pytest

from metrics.periods import parse_period
from sources.connectors import ConnectorError, SourceRow, parse
from sources.mapping import float_artefact

RELEASES = Path(__file__).resolve().parents[1] / "data" / "releases"


def release(name: str) -> bytes:
    return (RELEASES / name).read_bytes()


def test_sdmx_json_attribute_lists_with_null_and_unit_multipliers_at_each_level():
    rows = parse("sdmx_json", release("sdmx_json_v1_null_attributes_unit_mult.json"), {})
    by_key = {(r.geography, r.period): r for r in rows}
    # GBR: series-level UNIT_MULT=3 overrides the data set's 6; OBS_STATUS null means "no status"
    assert by_key["GBR", "2021"] == SourceRow(
        "2021", "2270100", "GBR", None, "UNIT_MULT=3 applied: published as 2270.1 (thousands)"
    )
    assert by_key["GBR", "2022"].value == "2520500"
    assert by_key["GBR", "2023"].note == "OBS_STATUS=P; UNIT_MULT=3 applied: published as 2690.25 (thousands)"
    # FRA: its series attributes are all null, so the data set's UNIT_MULT=6 applies
    assert by_key["FRA", "2021"] == SourceRow(
        "2021", "2500200000", "FRA", None, "UNIT_MULT=6 applied: published as 2500.2 (millions)"
    )


def test_sdmx_json_unit_multiplier_can_be_left_unapplied_with_a_note():
    rows = parse(
        "sdmx_json", release("sdmx_json_v1_null_attributes_unit_mult.json"), {"unit_multiplier": "ignore"}
    )
    assert rows[0].value == "2270.1" and rows[0].note == "UNIT_MULT=3 not applied (published in thousands)"
    with pytest.raises(ConnectorError, match="'apply' or 'ignore'"):
        parse("sdmx_json", release("sdmx_json_v1_null_attributes_unit_mult.json"), {"unit_multiplier": "x"})


def test_sdmx_csv_columns_in_any_order():
    rows = parse("sdmx_csv", release("sdmx_csv_columns_reordered.csv"), {})
    assert rows == [
        SourceRow("2016", "117.203", "GBR"),
        SourceRow("2017", "116.72", "GBR"),
        SourceRow("2018", "113.39", "GBR"),
    ]
    assert parse("sdmx_csv", release("sdmx_csv_columns_reordered.csv"), {"series": "MEASURE=GGD"}) == rows


def test_first_of_month_dates_as_text_are_monthly_periods():
    options = {"period_column": "date", "value_column": "value", "geography_column": "area"}
    rows = parse("csv", release("monthly_first_of_month.csv"), options)
    assert [r.period for r in rows] == ["2015-01-01", "2015-02-01", "2015-03-01"]
    assert parse_period("2015-01-01", "monthly").label == "2015-01"
    assert parse_period("2015-04-01", "quarterly").label == "2015-Q2"
    with pytest.raises(ValueError, match="single date"):
        parse_period("2015-01-15", "monthly")  # not the first day of a month: still refused


def test_no_data_yet_placeholder_is_not_a_period():
    with pytest.raises(ConnectorError, match="no data yet: it says 'No data yet'"):
        parse("csv", release("no_data_yet.csv"), {"period_column": "period", "value_column": "value"})
    body = b"period,value\n2023,4.1\nNo data yet,\n"
    assert parse("csv", body, {"period_column": "period", "value_column": "value"}) == [
        SourceRow("2023", "4.1")
    ]


def test_a_float_printed_in_full_is_stored_to_17_decimals_with_the_published_text_noted():
    value, note = float_artefact("0.060830649445355024")
    assert value == "0.06083064944535502"
    assert "0.060830649445355024" in note and "float" in note
    assert float_artefact("0.05912") == ("0.05912", "")
    # a genuinely tiny, precise figure is not a float artefact: left for the import to refuse in words
    assert float_artefact("0.000000000000000001234") == ("0.000000000000000001234", "")
