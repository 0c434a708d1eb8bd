"""CSV and XLSX downloads round-trip and neutralise cells a spreadsheet would run as formulas."""

import csv
import io

import pytest
from openpyxl import load_workbook

from metrics.downloads import neutralise
from metrics.services import observation_import
from tests.factories import MetricFactory, MissionFactory

pytestmark = pytest.mark.django_db

NASTY = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rx"]


@pytest.fixture
def metric(organisations):
    mission = MissionFactory(slug="m")
    m = MetricFactory(slug="gld", mission=mission, owner=organisations["dfe"], source="=cmd|' /C calc'!A0")
    observation_import(
        rows=[
            {"metric": "gld", "period": "2022", "geography": "K02000001", "value": "-1.5", "note": "=1+1"},
            {"metric": "gld", "period": "2023", "geography": "K02000001", "value": "67.25", "note": "plain"},
        ],
        format="demo",
        system=True,
    )
    return m


@pytest.mark.parametrize("text", NASTY)
def test_formula_starts_are_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["plain", "", None, 3, -1.5])
def test_other_cells_are_unchanged(value):
    assert neutralise(value) == value


def test_csv_round_trips_and_neutralises(client_for, metric):
    response = client_for("dfe").get("/metrics/gld/data.csv")
    assert response["Content-Disposition"] == 'attachment; filename="gld.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["period"], r["value"]) for r in rows] == [("2022", "-1.5"), ("2023", "67.25")]
    assert rows[0]["note"] == "'=1+1" and rows[1]["note"] == "plain"
    assert rows[0]["source"].startswith("'=")


def test_xlsx_round_trips_and_neutralises(client_for, metric):
    response = client_for("dfe").get("/metrics/gld/data.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["data"].iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert header[:5] == ("metric", "period", "geography", "geography_name", "value")
    assert [(r[1], float(r[4])) for r in data] == [("2022", -1.5), ("2023", 67.25)]
    assert data[0][9] == "'=1+1" and str(data[0][10]).startswith("'=")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
