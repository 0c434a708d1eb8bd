"""End to end with a real Celery worker process: a pull queued after commit is taken from Redis by the
worker, which writes the observations into the same (PostgreSQL) test database.

Needs PostgreSQL (a worker in another process cannot see SQLite's in-memory test database) and Redis at
REDIS_URL. Elsewhere it is skipped with the reason; in CI's PostgreSQL pass (CI=true) both are present and it
must run.
"""

import tempfile
import time

import pytest
from django.db import transaction

from metrics.models import Observation
from sources.models import PullRun
from sources.services import source_pull_enqueue
from tests import http_server as server
from tests.http_server import make_source
from tests.worker import start_worker, stop, worker_needs, worker_queue

http_server = server.http_server  # the fixtures
__all__ = ["worker_needs", "worker_queue"]


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_takes_a_queued_pull_and_the_observations_appear(
    reference_data, worker_queue, http_server
):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    with tempfile.TemporaryFile() as log:
        worker = start_worker(worker_queue, log)
        try:
            with transaction.atomic():
                run = source_pull_enqueue(source=source)  # sent to Redis when this block commits
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and worker.poll() is None:
                run.refresh_from_db()
                if run.outcome not in ("queued", "running"):
                    break
                time.sleep(0.2)
        finally:
            output = stop(worker, log)
    assert run.outcome == PullRun.Outcome.SUCCEEDED, f"{run.outcome}: {run.error}\n{output[-3000:]}"
    assert run.created == 278 and run.attempts == 1
    assert Observation.objects.filter(metric=source.metric).count() == 278
    assert "metrics.tasks.source_pull" in output and "succeeded" in output
