"""Issue 10, item 8: every failure of the upload worker ends the upload as rejected with a reason, and a
claim left by a killed worker (or a message that never arrived) is reclaimed by the periodic task."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from metrics.ingest import tasks
from metrics.ingest.services import uploads_reclaim_stale
from metrics.models import Observation, Upload
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisations):
    return ingest_world.build(organisations)


def stored(users, data: bytes, fmt="csv", **fields) -> Upload:
    upload = Upload.objects.create(
        created_by=users["analyst"], organisation=users["analyst"].organisation, format=fmt,
        filename=f"data.{fmt}", size_bytes=len(data), dry_run=False, **fields,
    )  # fmt: skip
    default_storage.save(tasks.stored_name(upload), ContentFile(data))
    return upload


def test_a_corrupt_zip_ends_rejected_with_a_reason(world, users):
    upload = stored(users, b"PK\x03\x04" + b"\x00garbage" * 50, fmt="xlsx")
    tasks.upload_process(upload.pk)
    upload.refresh_from_db()
    assert upload.status == Upload.Status.REJECTED
    assert "could not be read as an Excel workbook" in upload.errors[0]["message"]


def test_an_unexpected_error_ends_rejected_with_a_reason(world, users, monkeypatch):
    upload = stored(users, (HEADER + "gld,2023,E92000001,67\n").encode())

    def broken(*args, **kwargs):
        raise RuntimeError("a parser bug")

    monkeypatch.setattr(tasks, "open_table", broken)
    tasks.upload_process(upload.pk)
    upload.refresh_from_db()
    assert upload.status == Upload.Status.REJECTED and upload.finished_at is not None
    assert "could not be processed (RuntimeError)" in upload.errors[0]["message"]
    assert not default_storage.exists(tasks.stored_name(upload))


def test_a_claim_left_by_a_killed_worker_is_reclaimed(world, users):
    long_ago = timezone.now() - dt.timedelta(seconds=tasks.UPLOAD_TIME_LIMIT + 120)
    dead = stored(users, b"x", status=Upload.Status.PROCESSING, claimed_at=long_ago)
    busy = stored(users, b"x", status=Upload.Status.PROCESSING, claimed_at=timezone.now())
    assert [u.pk for u in uploads_reclaim_stale()] == [dead.pk]
    dead.refresh_from_db()
    busy.refresh_from_db()
    assert dead.status == Upload.Status.REJECTED and "stopped before it finished" in dead.errors[0]["message"]
    assert busy.status == Upload.Status.PROCESSING


def test_a_pending_upload_whose_message_was_lost_is_sent_again(world, users):
    waiting = stored(users, (HEADER + "gld,2023,E92000001,67\n").encode())
    Upload.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    uploads_reclaim_stale()  # eager Celery in tests: the re-sent task runs here
    waiting.refresh_from_db()
    assert waiting.status == Upload.Status.COMMITTED
    assert Observation.objects.count() == 1


def test_beat_runs_the_reclaim(settings):
    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "metrics.ingest.tasks.uploads_reclaim_stale" in entries


def test_a_pull_left_running_by_a_killed_worker_is_failed_with_the_reason(settings, reference_data):
    from sources.models import PullRun
    from sources.services import source_pulls_reclaim_stale
    from sources.tasks import PULL_TIME_LIMIT
    from tests.http_server import make_source

    source = make_source("https://www.ons.gov.uk/example.json", contact_email="owner@example.org")
    long_ago = timezone.now() - dt.timedelta(seconds=PULL_TIME_LIMIT + 120)
    dead = PullRun.objects.create(source=source, outcome=PullRun.Outcome.RUNNING, started_at=long_ago)
    busy = PullRun.objects.create(source=source, outcome=PullRun.Outcome.RUNNING, started_at=timezone.now())
    assert [run.pk for run in source_pulls_reclaim_stale()] == [dead.pk]
    dead.refresh_from_db()
    busy.refresh_from_db()
    assert dead.outcome == PullRun.Outcome.FAILED and "stopped before it finished" in dead.error
    assert busy.outcome == PullRun.Outcome.RUNNING
    assert "metrics.tasks.source_pulls_reclaim_stale" in [
        e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()
    ]


def test_beat_can_send_every_scheduled_task(settings):
    """Found by the load run (bench/load): a task with its own time_limit under the app-wide soft limit
    (540 s) cannot be sent at all; beat logged "soft_time_limit must be less than or equal to time_limit"
    every five minutes and the reclaim tasks never ran."""
    import sources.tasks  # noqa: F401 - registers the pull tasks
    from config.celery import app

    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        task = app.tasks[entry["task"]]
        assert task.soft_time_limit <= task.time_limit, entry["task"]
        task.apply_async()  # eager in tests: sent and run here; a limit mismatch raises ValueError first
