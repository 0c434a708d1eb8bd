"""Every validation rule of issue 3, through a CSV file: each error names its row, column and reason."""

import pytest
from django.utils import timezone

from metrics.ingest.files import open_table
from metrics.models import Observation
from metrics.services import observation_import
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisations):
    return ingest_world.build(organisations)


def send(text, user, **kwargs):
    upload = csv_file(text, **{k: kwargs.pop(k) for k in ("bom", "crlf") if k in kwargs})
    table = open_table(upload.file, filename=upload.name)
    return observation_import(rows=table, user=user, format=table.format, **kwargs)


def only_error(summary):
    assert summary.error_count == 1, summary.as_dict()
    error = summary.errors[0]
    return error.row, error.column, error.message


FUTURE = str(timezone.localdate().year + 1)


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ("nope,2020,E92000001,1", "metric", "There is no metric called 'nope'"),
        ("waiting,2020-01,E92000001,1", "metric", "does not supply data for the metric 'waiting'"),
        ("gld,2020,XX123,1", "geography", "'XX123' is not a geography we know"),
        ("gld,,E92000001,1", "period", "The period is missing"),
        ("gld,20x0,E92000001,1", "period", "not a recognised period"),
        ("gld,2020-Q1,E92000001,1", "period", "this metric is"),
        (f"gld,{FUTURE},E92000001,1", "period", "is in the future"),
        ('gld,2020,E92000001,"1,234"', "value", "'1,234' is not a plain number"),
        ("gld,2020,E92000001,n/a", "value", "'n/a' is not a plain number"),
        ("gld,2020,E92000001,", "value", "The value is blank"),
        ("gld,2020,E92000001,101", "value", "above the highest value this metric allows (100)"),
        ("gld,2020,E92000001,-1", "value", "below the lowest value this metric allows (0)"),
        ("gld,2020,E92000001,1,guessed", "status", "'guessed' is not a status"),
        ("gld,2020,E92000001,5,suppressed", "value", "A suppressed row must have a blank value"),
        ("gld,2020,E92000001,1,final," + "x" * 501, "note", "the limit is 500"),
        (",2020,E92000001,1", "metric", "The metric is missing"),
        ("gld,2020,,1", "geography", "The geography is missing"),
    ],
)
def test_each_rule_names_row_column_and_reason(world, users, row, column, words):
    summary = send(HEADER + "gld,2019,E92000001,50\n" + row + "\n", users["analyst"])
    assert only_error(summary)[:2] == (3, column)
    assert words in summary.errors[0].message
    assert (summary.created, summary.rejected, summary.written) == (1, 1, False)
    assert Observation.objects.count() == 0


def test_the_same_row_twice_names_the_first(world, users):
    summary = send(
        HEADER + "gld,2019,E92000001,50\ngld,2020,E92000001,1\ngld,2020,e92000001 ,2\n", users["analyst"]
    )
    assert only_error(summary) == (4, "period", "This metric, period and geography already appear in row 3.")


def test_negative_growth_and_suppressed_blanks_are_allowed(world, users):
    summary = send(HEADER + "growth,2020,K02000001,-2.5\ngld,2020,E92000001,,suppressed\n", users["analyst"])
    assert (summary.created, summary.error_count) == (2, 0)


def test_a_supplier_writes_the_metric_it_was_granted(world, users):
    assert send(HEADER + "gdp,2020 Q3,K02000001,1.2\n", users["ons_analyst"]).created == 1
    assert "does not supply" in only_error(send(HEADER + "gld,2020,E92000001,1\n", users["ons_analyst"]))[2]


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("", "file", "The file is empty"),
        ("metric,period,geography\ngld,2020,E92000001\n", "value", "The header has no 'value' column"),
        ("metric,period,value\n", "geography", "The header has no 'geography' column"),
        ("metric,period,geography,value,value\n", "value", "names the column 'value' twice"),
    ],
)
def test_problems_with_the_file_itself_are_on_row_1(world, users, text, column, words):
    summary = send(text, users["analyst"])
    assert (summary.errors[0].row, summary.errors[0].column) == (1, column)
    assert words in summary.errors[0].message
    assert not summary.written and Observation.objects.count() == 0


def test_counts_add_up_after_a_bad_header(world, users):
    summary = send("metric,period,geography\ngld,2020,E92000001\ngld,2021,E92000001\n", users["analyst"])
    assert summary.rejected == 2 and summary.rows == 2


@pytest.mark.parametrize(("bom", "crlf"), [(True, False), (False, True), (True, True)])
def test_bom_and_crlf_are_read_as_plain_csv(world, users, bom, crlf):
    summary = send(
        "Metric, Period ,geography,VALUE\ngld,2020,E92000001,50\n", users["analyst"], bom=bom, crlf=crlf
    )
    assert (summary.created, summary.error_count) == (1, 0)
    assert Observation.objects.get().value == 50


def test_blank_lines_are_not_rows_but_keep_the_numbering(world, users):
    summary = send(HEADER + "gld,2019,E92000001,50\n\ngld,2020,E92000001,n/a\n", users["analyst"])
    assert only_error(summary)[:2] == (4, "value")
    assert summary.rows == 2


def test_text_that_is_not_utf8_is_refused_in_plain_english(world, users):
    upload = csv_file(HEADER)
    upload.file.write("gld,2020,E92000001,50,final,caf\xe9\n".encode("latin-1"))
    upload.file.seek(0)
    table = open_table(upload.file, filename="data.csv")
    summary = observation_import(rows=table, user=users["analyst"], format="csv")
    assert "not UTF-8" in summary.errors[0].message and not summary.written
