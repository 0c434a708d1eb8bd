"""Atomicity, idempotency, revisions and as_of, dry runs, XLSX = CSV, periods (hypothesis) and races."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.ingest.files import open_table
from metrics.models import Observation, Upload
from metrics.selectors import observations_as_of
from metrics.services import observation_import
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file, xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisations):
    return ingest_world.build(organisations)


def send_file(upload, user, **kwargs):
    table = open_table(upload.file, filename=upload.name)
    return observation_import(rows=table, user=user, format=table.format, **kwargs)


def test_a_100k_row_file_whose_last_row_is_bad_writes_nothing_and_names_it(world, users):
    lines = [HEADER]
    codes = ["K02000001", "E92000001", "W92000004", "S92000003", "N92000002"] + [
        f"E1200000{n}" for n in range(1, 10)
    ]
    for n in range(99_999):
        month = n // 14  # 14 geographies x 7,143 months from January 1400
        lines.append(f"waiting,{1400 + month // 12}-{month % 12 + 1:02d},{codes[n % 14]},{n % 100}\n")
    lines.append("waiting,2020-01,E92000001,lots\n")
    summary = send_file(csv_file("".join(lines)), users["centre"])
    assert summary.rows == 100_000 and summary.rejected == 1
    assert [(e.row, e.column) for e in summary.errors] == [(100_001, "value")]
    assert not summary.written and Observation.objects.count() == 0
    assert Upload.objects.get(pk=summary.upload_id).status == Upload.Status.REJECTED


def test_reupload_is_unchanged_and_a_change_is_a_new_revision_readable_as_of(world, users):
    first = send_file(csv_file(HEADER + "gld,2022,E92000001,65.2\ngld,2023,E92000001,67\n"), users["analyst"])
    assert (first.created, first.written) == (2, True)
    between = timezone.now()
    again = send_file(
        csv_file(HEADER + "gld,2022,E92000001,65.20\ngld,2023,E92000001,67\n"), users["analyst"]
    )
    assert (again.created, again.revised, again.unchanged) == (0, 0, 2)
    revised = send_file(
        csv_file(HEADER + "gld,2022,E92000001,65.2\ngld,2023,E92000001,68\n"), users["analyst"]
    )
    assert (revised.created, revised.revised, revised.unchanged) == (0, 1, 1)
    then = observations_as_of(metric=world["gld"], as_of=between).order_by("period_start")
    now = observations_as_of(metric=world["gld"]).order_by("period_start")
    assert [o.value for o in then] == [Decimal("65.2"), Decimal("67")]
    assert [(o.value, o.revision) for o in now] == [(Decimal("65.2"), 1), (Decimal("68"), 2)]
    assert Observation.objects.get(revision=2).upload_id == revised.upload_id


def test_a_status_change_alone_is_a_revision(world, users):
    send_file(csv_file(HEADER + "gld,2023,E92000001,67,provisional\n"), users["analyst"])
    summary = send_file(csv_file(HEADER + "gld,2023,E92000001,67,final\n"), users["analyst"])
    assert summary.revised == 1


def test_a_dry_run_writes_nothing_but_counts_what_would_change(world, users):
    send_file(csv_file(HEADER + "gld,2023,E92000001,67\n"), users["analyst"])
    summary = send_file(
        csv_file(HEADER + "gld,2023,E92000001,68\ngld,2022,E92000001,1\n"), users["analyst"], dry_run=True
    )
    assert (summary.created, summary.revised, summary.unchanged, summary.written) == (1, 1, 0, False)
    assert Observation.objects.count() == 1 and Upload.objects.count() == 1


def test_an_idempotency_key_sent_twice_writes_once(world, users):
    first = send_file(csv_file(HEADER + "gld,2023,E92000001,67\n"), users["analyst"], idempotency_key="abc")
    second = send_file(csv_file(HEADER + "gld,2023,E92000001,99\n"), users["analyst"], idempotency_key="abc")
    assert second.as_dict() == first.as_dict()
    assert Observation.objects.get().value == 67


def test_xlsx_and_csv_give_the_same_result(world, users, organisations):
    rows = [
        ["metric", "period", "geography", "value", "status", "note"],
        ["gld", 2021, "E92000001", 65.5, "provisional", None],  # Excel keeps numbers as numbers
        ["growth", "2022", "K02000001", -1, None, "revised method"],
        ["waiting", dt.datetime(2023, 3, 1), "E92000001", 7.25, None, None],  # '2023-03' became a date
    ]
    as_csv = "\n".join(",".join("" if c is None else str(c) for c in row) for row in rows).replace(
        "2023-03-01 00:00:00", "2023-03"
    )
    xlsx = send_file(xlsx_file(rows), users["centre"], dry_run=True)
    csv = send_file(csv_file(as_csv + "\n"), users["centre"], dry_run=True)
    assert xlsx.as_dict() == csv.as_dict()
    assert (xlsx.created, xlsx.error_count) == (3, 0)
    written = send_file(xlsx_file(rows), users["centre"])
    assert written.created == 3
    assert Observation.objects.get(metric__slug="waiting").period_start == dt.date(2023, 3, 1)
    assert send_file(csv_file(as_csv + "\n"), users["centre"]).unchanged == 3


def test_xlsx_dates_that_are_not_a_period_start_are_refused(world, users):
    rows = [["metric", "period", "geography", "value"], ["waiting", dt.datetime(2023, 3, 15), "E92000001", 1]]
    summary = send_file(xlsx_file(rows), users["centre"])
    assert summary.errors[0].column == "period" and "15/03/2023" in summary.errors[0].message


def test_a_file_that_is_not_a_workbook_is_refused(world, users):
    from metrics.ingest.files import UnsupportedFile

    with pytest.raises(UnsupportedFile):
        open_table(csv_file("not a zip", name="data.xlsx").file, filename="data.xlsx")
    with pytest.raises(UnsupportedFile):
        open_table(csv_file("x", name="data.pdf").file, filename="data.pdf")


PERIOD_TEXTS = {
    "annual": lambda y, m: (str(y), dt.date(y, 1, 1)),
    "quarterly": lambda y, m: (f"{y} Q{(m - 1) // 3 + 1}", dt.date(y, (m - 1) // 3 * 3 + 1, 1)),
    "monthly": lambda y, m: (f"{y}-{m:02d}", dt.date(y, m, 1)),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    frequency=st.sampled_from(sorted(PERIOD_TEXTS)),
    year=st.integers(min_value=1900, max_value=2023),
    month=st.integers(min_value=1, max_value=12),
    noise=st.sampled_from(["", " ", "  "]),
)
def test_any_period_written_as_statisticians_do_lands_on_its_start(
    world, users, frequency, year, month, noise
):
    slug = {"annual": "growth", "quarterly": "gdp", "monthly": "waiting"}[frequency]
    text, start = PERIOD_TEXTS[frequency](year, month)
    summary = observation_import(
        rows=[{"metric": slug, "period": noise + text + noise, "geography": "K02000001", "value": "1"}],
        user=users["centre"],
        format="json",
        dry_run=True,
    )
    assert (summary.created, summary.error_count) == (1, 0), summary.as_dict()


@given(text=st.text(max_size=12))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_as_a_period_is_accepted_or_named_never_a_crash(world, users, text):
    summary = observation_import(
        rows=[{"metric": "waiting", "period": text, "geography": "K02000001", "value": "1"}],
        user=users["centre"],
        format="json",
        dry_run=True,
    )
    assert summary.created + summary.rejected == 1
    assert all((e.row, e.column) == (2, "period") for e in summary.errors)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_uploads_racing_on_the_same_rows_both_land_as_revisions(reference_data, organisations, users):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers itself")
    ingest_world.build(organisations)
    observation_import(rows=[_row("1")], user=users["centre"], format="json")
    results, failures = [], []

    def send(value):
        try:
            results.append(observation_import(rows=[_row(value)] * 1, user=users["analyst"], format="json"))
        except Exception as exc:  # noqa: BLE001 - the test is that nothing is raised
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(str(n),)) for n in (2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert [r.errors for r in results] == [[], []]
    assert sorted(r.revised for r in results) == [1, 1]
    history = Observation.objects.filter(metric__slug="gld").order_by("revision")
    assert [o.revision for o in history] == [1, 2, 3]
    assert [o.superseded_at is None for o in history] == [False, False, True]


def _row(value):
    return {"metric": "gld", "period": "2023", "geography": "E92000001", "value": value}
