"""The streamed write of a CSV on PostgreSQL (metrics.ingest.stream, issue 13): chunks are written while the
rest of the file is checked, yet every rule of the staged path holds — the same counts and vintages, all or
nothing, approved periods refused, a database failure on the writing thread raised and nothing written.

Chunks are made tiny here (two rows per check batch, three per write), so small files cross many chunks."""

import datetime as dt
import io
import threading
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection
from django.utils import timezone

from metrics.approval_services import period_approve
from metrics.ingest import stream, validation
from metrics.ingest.files import open_table
from metrics.ingest.progress import Progress
from metrics.models import Observation, Upload
from metrics.services import observation_import
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisations, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the streamed write is PostgreSQL's (SQLite plans and writes in batches)")
    monkeypatch.setattr(validation, "BATCH", 2)
    monkeypatch.setattr(stream, "CHUNK_ROWS", 3)
    return ingest_world.build(organisations)


def send(text, user, **kwargs):
    upload = csv_file(text)
    table = open_table(upload.file, filename=upload.name)
    return observation_import(rows=table, user=user, format=table.format, **kwargs)


def history():
    return sorted(
        Observation.objects.values_list(
            "metric__slug", "geography__code", "period_start", "revision", "value"
        )
    )


def current():
    return {
        (slug, code, start): value
        for slug, code, start, value in Observation.objects.filter(superseded_at__isnull=True).values_list(
            "metric__slug", "geography__code", "period_start", "value"
        )
    }


GLD_BEFORE = "".join(f"gld,{year},E92000001,{year - 1950}\n" for year in range(2000, 2010))
# gld already has figures: 2000-2004 unchanged, 2005-2009 revised, 2010-2014 new; waiting has none yet.
MIXED = (
    "".join(f"gld,{year},E92000001,{year - 1950}\n" for year in range(2000, 2005))
    + "".join(f"gld,{year},E92000001,{year - 1940}.5\n" for year in range(2005, 2010))
    + "".join(f"waiting,2020-{month:02d},E92000001,{month}\n" for month in range(1, 13))
    + "".join(f"gld,{year},E92000001,{year - 1950}\n" for year in range(2010, 2015))
)


def test_a_streamed_file_gives_the_counts_a_dry_run_predicts_and_the_same_vintages(world, users):
    send(HEADER + GLD_BEFORE, users["centre"])
    predicted = send(HEADER + MIXED, users["centre"], dry_run=True)  # the staged path, writing nothing
    summary = send(HEADER + MIXED, users["centre"])
    counts = (summary.created, summary.revised, summary.unchanged, summary.written)
    assert counts == (predicted.created, predicted.revised, predicted.unchanged, True) == (17, 5, 5, True)
    assert Observation.objects.count() == 10 + 17 + 5
    now = current()
    assert now[("gld", "E92000001", dt.date(2007, 1, 1))] == Decimal("67.5")
    assert now[("gld", "E92000001", dt.date(2003, 1, 1))] == Decimal("53")
    assert now[("waiting", "E92000001", dt.date(2020, 12, 1))] == Decimal("12")
    revisions = {(s, p.year): r for s, _, p, r, _ in history() if s == "gld" and r == 2}
    assert sorted(year for _, year in revisions) == [2005, 2006, 2007, 2008, 2009]
    upload = Upload.objects.get(pk=summary.upload_id)
    assert upload.status == Upload.Status.COMMITTED and upload.observations.count() == 22


def test_a_bad_row_after_chunks_were_written_undoes_them_and_the_counts_still_add_up(world, users):
    send(HEADER + GLD_BEFORE, users["centre"])
    before = history()
    text = HEADER + MIXED + "gld,2015,E92000001,lots\n" + "gld,2016,E92000001,66\n"
    summary = send(text, users["centre"])
    assert not summary.written and history() == before
    assert [(e.row, e.column) for e in summary.errors] == [(29, "value")]
    assert (summary.created, summary.revised, summary.unchanged, summary.rejected) == (18, 5, 5, 1)
    assert Upload.objects.get(pk=summary.upload_id).status == Upload.Status.REJECTED


def test_rows_of_an_approved_period_are_refused_wherever_they_fall(world, users):
    send(HEADER + GLD_BEFORE, users["centre"])
    period_approve(user=users["centre"], metric=world["gld"], period_start=dt.date(2007, 1, 1))
    before = history()
    summary = send(HEADER + MIXED, users["centre"])
    assert not summary.written and history() == before
    assert [(e.row, e.column, e.code) for e in summary.errors] == [(9, "period", "period_approved")]
    assert summary.refused_as_approved


def test_a_failure_on_the_writing_thread_is_raised_as_a_database_error_and_nothing_is_written(
    world, users, monkeypatch
):
    send(HEADER + GLD_BEFORE, users["centre"])
    before = history()
    monkeypatch.setattr(stream, "_UPSERT", "SELECT no_such_column FROM metrics_observation")
    with pytest.raises(DatabaseError):
        send(HEADER + MIXED, users["centre"])
    assert history() == before
    assert not any(thread.name == "ingest-writer" for thread in threading.enumerate())


def test_the_write_stamps_every_row_with_the_upload_and_the_moment_under_the_locks(world, users):
    started = timezone.now()
    summary = send(HEADER + MIXED, users["centre"])
    stamps = set(Observation.objects.values_list("upload_id", "recorded_at"))
    assert len(stamps) == 1
    upload_id, recorded_at = stamps.pop()
    assert upload_id == summary.upload_id and recorded_at >= started


def test_the_read_ahead_of_metric_names_leaves_the_file_where_the_reader_had_it():
    text = (
        "\ufeffnote,metric,period,geography,value\n" + '"a, b",gld ,2020,E92000001,1\n' + "\n" + "x,waiting\n"
    )
    table = open_table(io.BytesIO(text.encode()), filename="data.csv")
    assert table.metric_names() == {"gld", "waiting"}
    rows = list(table.rows)
    assert rows[0] == ("gld ", "2020", "E92000001", "1", "", "a, b") and len(rows) == 3
    not_utf8 = b"metric,period,geography,value\n" + b"gld,2020,E92000001,1\n" * 1000 + b"\xff\xfe,1,2,3\n"
    table = open_table(io.BytesIO(not_utf8), filename="data.csv")
    assert table.metric_names() is None  # the main pass names the row that is not UTF-8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_upload_records_its_progress_while_the_stream_writes(
    reference_data, organisations, users, monkeypatch
):
    """Found by bench/ingest.py: the streamed import locked the worker's Upload row first, and the progress,
    written to that row on a connection of its own, waited for the lock while the import waited for it."""
    if connection.vendor != "postgresql":
        pytest.skip("the streamed write is PostgreSQL's")
    monkeypatch.setattr(validation, "BATCH", 2)
    monkeypatch.setattr(stream, "CHUNK_ROWS", 3)
    ingest_world.build(organisations)
    upload = Upload.objects.create(
        created_by=users["centre"], organisation=users["centre"].organisation, format="csv",
        status="processing", filename="big.csv",
    )  # fmt: skip
    progress = Progress(upload.pk, total=27, every_rows=5, every_seconds=3600)
    file = csv_file(HEADER + MIXED)
    results = []
    worker = threading.Thread(
        target=lambda: results.append(
            observation_import(
                rows=open_table(file.file, filename=file.name),
                user=users["centre"],
                format="csv",
                upload=upload,
                progress=progress,
            )
        ),  # fmt: skip
    )
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the import and its progress waited for each other"
    assert results[0].written and results[0].created == 27
    upload.refresh_from_db()
    assert (upload.status, upload.progress_rows, upload.created_count) == ("committed", 27, 27)
