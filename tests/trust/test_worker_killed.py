"""Issue 10, fault tests: a real Celery worker is killed (SIGKILL, as the OOM killer or a lost node would)
while it is inside a pull and while it is inside an upload's import.

What really happens (asserted below): the tasks are `acks_late`, so the message is still in Redis's
`unacked` hash — not lost, and not redelivered to a new worker until the broker's visibility timeout
(kombu's default, an hour) has passed; `reject_on_worker_lost` plays no part, as no parent process survives
to reject it. The import is one transaction, so nothing was written. Time is moved forward rather than waited
for: the sweeper is called with `now` past the claim's limit, and the unacked message is restored as kombu
restores it once the visibility timeout has passed. Redelivered, the message finds its run or upload ended
by the sweeper and does nothing; the work sent again succeeds in full.

Needs PostgreSQL and Redis (tests/worker.py): skipped with the reason on SQLite, run in CI's PostgreSQL pass.
"""

import datetime as dt
import json
import os
import signal
import tempfile
import time

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from metrics.ingest.services import uploads_reclaim_stale
from metrics.ingest.tasks import UPLOAD_TIME_LIMIT
from metrics.models import Geography, Observation, Upload
from sources.models import PullRun
from sources.services import source_pull_enqueue, source_pulls_reclaim_stale
from sources.tasks import PULL_TIME_LIMIT
from tests import http_server as server
from tests.factories import MetricFactory, MissionFactory
from tests.http_server import FORMATS, make_source
from tests.metrics.ingest_world import HEADER, csv_file
from tests.worker import start_worker, stop, worker_needs, worker_queue

http_server = server.http_server  # the fixtures
__all__ = ["worker_needs", "worker_queue"]
pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
SAMPLE = "ons_timeseries_ihyq_pn2_data.json"  # 64 KB, 278 observations
BOUND = 90  # seconds any one wait may take


def _until(condition, what: str, worker=None, log=None, bound: float = BOUND):
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        if condition():
            return
        if worker is not None and worker.poll() is not None:
            break
        time.sleep(0.1)
    output = stop(worker, log) if worker is not None else ""
    pytest.fail(f"Timed out waiting for {what}\n{output[-3000:]}")


def _log_text(log) -> str:
    log.flush()
    with open(log.name, "rb") as again:
        return again.read().decode(errors="replace")


def _ready(worker, log):
    _until(lambda: "ready." in _log_text(log), "the worker to start", worker, log)


def _kill(worker) -> None:
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=20)
    assert worker.returncode == -signal.SIGKILL


def _redis():
    import redis

    return redis.Redis.from_url(os.environ["REDIS_URL"])


def _unacked(queue: str) -> list[str]:
    """Task names of the messages delivered from `queue` but never acknowledged."""
    names = []
    for raw in _redis().hvals("unacked"):
        message, _exchange, routing_key = json.loads(raw)
        if routing_key == queue:
            names.append(message["headers"]["task"])
    return names


def _visibility_timeout_passes() -> int:
    """Restore every unacknowledged message to its queue, as kombu does once the visibility timeout has
    passed (here at once); returns how many were waiting."""
    from kombu import Connection

    waiting = _redis().zcard("unacked_index")
    with Connection(os.environ["REDIS_URL"], transport_options={"visibility_timeout": 0}) as conn:
        conn.default_channel.qos.restore_visible(num=1000)
    return waiting


def test_a_worker_killed_mid_pull_leaves_nothing_the_sweeper_ends_it_and_a_new_pull_succeeds(
    reference_data, worker_queue, http_server
):
    body = (FORMATS / SAMPLE).read_bytes()
    url = http_server.set("/slow/ihyq.json", body, trickle=0.1, chunk=1024)  # ~6.4 s to stream it all
    source = make_source(url)
    with tempfile.NamedTemporaryFile() as log:
        worker = start_worker(worker_queue, log)
        try:
            with transaction_committed():
                run = source_pull_enqueue(source=source)
            _until(lambda: http_server.count("/slow/ihyq.json") >= 1, "the pull to start", worker, log)
            time.sleep(1.0)  # a few KB in: the worker is reading the release
            assert _outcome(run) == PullRun.Outcome.RUNNING
            _kill(worker)
        finally:
            first = stop(worker, log)
    run.refresh_from_db()
    assert run.outcome == PullRun.Outcome.RUNNING and run.attempts == 1 and run.finished_at is None
    assert Observation.objects.filter(metric=source.metric).count() == 0, "nothing partial"
    assert _unacked(worker_queue) == ["metrics.tasks.source_pull"], first[-2000:]

    # Beat's sweeper, with the clock past the task's hard limit: the run is failed with the reason.
    later = timezone.now() + dt.timedelta(seconds=PULL_TIME_LIMIT + 61)
    assert [r.pk for r in source_pulls_reclaim_stale(now=later)] == [run.pk]
    run.refresh_from_db()
    assert run.outcome == PullRun.Outcome.FAILED and "stopped before it finished" in run.error

    http_server.routes["/slow/ihyq.json"].trickle = 0  # the source answers promptly this time
    with tempfile.NamedTemporaryFile() as log:
        worker = start_worker(worker_queue, log)
        try:
            _ready(worker, log)
            # The broker redelivers the killed worker's message: the run has finished, so the task does
            # nothing (no second attempt) and is acknowledged.
            assert _visibility_timeout_passes() >= 1
            _until(lambda: not _unacked(worker_queue) and _queue_empty(worker_queue), "the redelivery")
            run.refresh_from_db()
            assert run.outcome == PullRun.Outcome.FAILED and run.attempts == 1
            assert Observation.objects.filter(metric=source.metric).count() == 0
            # The next pull (beat's, or "Pull now") is a new run, and writes the whole release.
            with transaction_committed():
                again = source_pull_enqueue(source=source)
            assert again.pk != run.pk
            _until(lambda: _outcome(again) not in ("queued", "running"), "the new pull", worker, log)
        finally:
            second = stop(worker, log)
    again.refresh_from_db()
    assert again.outcome == PullRun.Outcome.SUCCEEDED, f"{again.outcome}: {again.error}\n{second[-3000:]}"
    assert again.attempts == 1 and again.created == 278
    assert Observation.objects.filter(metric=source.metric).count() == 278
    assert second.count("metrics.tasks.source_pull[") >= 2  # the redelivered message and the new one


def _outcome(run) -> str:
    run.refresh_from_db()
    return run.outcome


class transaction_committed:  # noqa: N801 - reads as a block
    """`transaction.atomic()`: the task is sent to Redis when the block commits."""

    def __enter__(self):
        from django.db import transaction

        self.block = transaction.atomic()
        return self.block.__enter__()

    def __exit__(self, *exc):
        return self.block.__exit__(*exc)


MONTHS = [f"{year}-{month:02d}" for year in range(2000, 2025) for month in range(1, 13)]  # 300


@pytest.fixture
def big_upload(organisations, users, settings):
    """A real-format CSV of 30 monthly DfE metrics x 16 geographies x 300 months: 144,000 rows (~6 MB),
    above UPLOAD_INLINE_MAX_BYTES (lowered here), so the API sends it to the worker."""
    settings.UPLOAD_INLINE_MAX_BYTES = 1024 * 1024
    mission = MissionFactory(slug="opportunity", lead_organisation=organisations["dfe"])
    metrics = [
        MetricFactory(slug=f"load-{n}", mission=mission, owner=organisations["dfe"], frequency="monthly")
        for n in range(30)
    ]
    codes = list(Geography.objects.values_list("code", flat=True))
    lines = [HEADER]
    for metric in metrics:
        for code in codes:
            lines.extend(f"{metric.slug},{month},{code},{n % 97}.5,,\n" for n, month in enumerate(MONTHS))
    token = Token.objects.create(user=users["analyst"]).key
    return {
        "text": "".join(lines),
        "rows": len(lines) - 1,
        "client": Client(HTTP_AUTHORIZATION=f"Token {token}"),
    }


def _send(big_upload) -> Upload:
    response = big_upload["client"].post("/api/v1/uploads/", {"file": csv_file(big_upload["text"])})
    assert response.status_code == 202, response.content[:500]
    return Upload.objects.get(pk=response.json()["id"])


def _status(upload) -> str:
    upload.refresh_from_db()
    return upload.status


def test_a_worker_killed_mid_import_leaves_nothing_the_sweeper_ends_it_and_a_new_upload_succeeds(
    reference_data, worker_queue, big_upload, tmp_path
):
    env = {"MISSION_VAR_DIR": str(tmp_path)}  # the worker's MEDIA_ROOT is this test's (trust/conftest.py)
    assert big_upload["rows"] == 30 * 16 * 300
    with tempfile.NamedTemporaryFile() as log:
        worker = start_worker(worker_queue, log, **env)
        try:
            upload = _send(big_upload)
            _until(lambda: _status(upload) == Upload.Status.PROCESSING, "the claim", worker, log)
            time.sleep(0.3)  # inside the import (about 1 s on a fast machine): checking and copying rows
            assert _status(upload) == Upload.Status.PROCESSING, stop(worker, log)[-3000:]
            _kill(worker)
        finally:
            first = stop(worker, log)
    assert Observation.objects.count() == 0, "nothing partial"
    assert _status(upload) == Upload.Status.PROCESSING
    assert _unacked(worker_queue) == ["metrics.ingest.tasks.upload_process"], first[-2000:]

    # Beat's sweeper, with the clock past the task's hard limit: the claim is ended with a reason.
    later = timezone.now() + dt.timedelta(seconds=UPLOAD_TIME_LIMIT + 61)
    assert [u.pk for u in uploads_reclaim_stale(now=later)] == [upload.pk]
    upload.refresh_from_db()
    assert upload.status == Upload.Status.REJECTED and upload.finished_at is not None
    assert "stopped before it finished" in upload.errors[0]["message"]

    with tempfile.NamedTemporaryFile() as log:
        worker = start_worker(worker_queue, log, **env)
        try:
            _ready(worker, log)
            # The broker redelivers the killed worker's message: the claim (PENDING -> PROCESSING) fails on
            # a rejected upload, so the task does nothing and is acknowledged.
            assert _visibility_timeout_passes() >= 1
            _until(lambda: not _unacked(worker_queue) and _queue_empty(worker_queue), "the redelivery")
            assert _status(upload) == Upload.Status.REJECTED
            assert Observation.objects.count() == 0
            # The analyst uploads the file again: all of it is written.
            again = _send(big_upload)
            _until(lambda: _status(again) not in ("pending", "processing"), "the new upload", worker, log)
        finally:
            second = stop(worker, log)
    again.refresh_from_db()
    assert again.status == Upload.Status.COMMITTED, f"{again.errors[:3]}\n{second[-3000:]}"
    assert again.created_count == big_upload["rows"]
    assert Observation.objects.count() == big_upload["rows"]
    assert second.count("metrics.ingest.tasks.upload_process") >= 2  # the redelivered one and the new one


def _queue_empty(queue: str) -> bool:
    return _redis().llen(queue) == 0
