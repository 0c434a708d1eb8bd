"""Issue 10: live progress of a file the worker checks and writes. The worker records the phase and the rows
checked at bounded intervals, visible to the status page and the API while the import's own transaction is
still open (PostgreSQL: through a connection of its own)."""

import pytest
from django.db import connection, connections

from metrics.ingest import progress as progress_module
from metrics.ingest import services as upload_services
from metrics.ingest.progress import Progress, estimate_rows
from metrics.models import Geography, Upload
from metrics.services import observation_import
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file


def _rows() -> list[dict]:
    codes = list(Geography.objects.values_list("code", flat=True))
    months = [f"{year}-{month:02d}" for year in range(2000, 2024) for month in range(1, 13)]
    return [
        {"metric": "waiting", "period": m, "geography": code, "value": "5"} for m in months for code in codes
    ]


def _processing_upload(user) -> Upload:
    return Upload.objects.create(
        created_by=user, organisation=user.organisation, format="csv", status="processing", filename="big.csv"
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_from_another_connection_while_the_import_runs(
    reference_data, organisations, users, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the import's transaction would hide the progress from other readers")
    ingest_world.build(organisations)
    rows = _rows()
    upload = _processing_upload(users["centre"])
    seen = []
    record = upload_services.upload_progress

    def record_and_look(**kwargs):
        assert record(**kwargs)  # the conditional UPDATE found the processing upload
        reader = connections.create_connection("default")  # what the status page would read now
        try:
            with reader.cursor() as cursor:
                cursor.execute(
                    "SELECT progress_phase, progress_rows, progress_total, status FROM metrics_upload "
                    "WHERE id = %s",
                    [upload.pk],
                )
                seen.append((*cursor.fetchone(), connection.in_atomic_block))
        finally:
            reader.close()

    monkeypatch.setattr(upload_services, "upload_progress", record_and_look)
    progress = Progress(upload.pk, total=len(rows), every_rows=100, every_seconds=3600)
    summary = observation_import(
        rows=rows, user=users["centre"], format="csv", upload=upload, progress=progress
    )
    assert summary.written and summary.created == len(rows)
    checking = [s for s in seen if s[0] == "validating"]
    # recorded at the first row, every 100 rows and at the end, each one visible to the other connection while
    # the import's own transaction was open
    assert [s[1] for s in checking] == [1, *range(100, len(rows) + 1, 100), len(rows)]
    assert all(s[2] == len(rows) and s[3] == "processing" and s[4] for s in checking)
    assert seen[-1] == ("writing", len(rows), len(rows), "processing", True)
    upload.refresh_from_db()
    assert (upload.status, upload.progress_phase, upload.progress_rows) == ("committed", "", len(rows))


@pytest.mark.django_db
def test_progress_is_recorded_every_n_rows_or_seconds(monkeypatch):
    calls = []
    monkeypatch.setattr(
        upload_services, "upload_progress", lambda **kw: calls.append((kw["phase"], kw["rows"]))
    )
    assert list(Progress(1, every_rows=100, every_seconds=3600).counting(range(250))) == list(range(250))
    assert calls == [("validating", 1), ("validating", 100), ("validating", 200), ("validating", 250)]

    calls.clear()
    now = [0.0]

    def clock():
        now[0] += 0.001  # each look at the clock is a millisecond later
        return now[0]

    monkeypatch.setattr(progress_module, "_CLOCK_EVERY", 10)
    list(Progress(1, every_rows=1_000_000, every_seconds=0.0025, clock=clock).counting(range(50)))
    assert calls == [("validating", 1), ("validating", 30), ("validating", 50)]


def test_the_total_is_estimated_from_the_lines_of_a_csv():
    handle = csv_file(HEADER + "a\nb\nc").file
    assert estimate_rows(handle, "csv") == 3 and handle.tell() == 0
    assert estimate_rows(csv_file(HEADER + "a\n").file, "csv") == 1
    assert estimate_rows(handle, "xlsx") is None


@pytest.mark.django_db
def test_the_status_page_and_the_api_show_the_progress(organisations, users, client_for):
    ingest_world.build(organisations)
    upload = _processing_upload(users["analyst"])
    Upload.objects.filter(pk=upload.pk).update(
        progress_phase="validating", progress_rows=120_000, progress_total=1_000_000
    )
    page = client_for("analyst").get(f"/uploads/{upload.pk}/")
    assert "120,000 rows checked of about 1,000,000" in page.text
    assert '<meta http-equiv="refresh" content="2">' in page.text
    body = client_for("analyst").get(f"/api/v1/uploads/{upload.pk}/").json()
    assert body["progress"]["phase"] == "validating"
    assert (body["progress"]["rows_checked"], body["progress"]["rows_expected"]) == (120_000, 1_000_000)


@pytest.mark.django_db
def test_a_real_upload_through_the_worker_ends_with_every_row_checked(
    organisations, users, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    ingest_world.build(organisations)
    phases = []
    record = upload_services.upload_progress
    monkeypatch.setattr(
        upload_services, "upload_progress", lambda **kw: phases.append(kw["phase"]) or record(**kw)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("analyst").post(
            "/uploads/", {"file": csv_file(HEADER + "gld,2022,E92000001,67\ngld,2023,E92000001,68\n")}
        )
    upload = Upload.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    assert upload.status == "dry_run" and upload.progress_rows == 2 and upload.progress_phase == ""
    assert phases[0] == "reading" and "validating" in phases
