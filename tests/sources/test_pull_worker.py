"""End to end with a real Celery worker process: a pull queued after commit is taken from Redis by the
worker, which writes the observations into the same (PostgreSQL) test database.

Needs PostgreSQL (a worker in another process cannot see SQLite's in-memory test database) and Redis at
REDIS_URL. Elsewhere it is skipped with the reason; in CI's PostgreSQL pass (CI=true) both are present and it
must run.
"""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection, transaction

from config.celery import app
from metrics.models import Observation
from sources.models import PullRun
from sources.services import source_pull_enqueue
from tests import http_server as server
from tests.http_server import make_source

http_server = server.http_server  # the fixture


def _missing() -> str | None:
    if connection.vendor != "postgresql":
        return "needs PostgreSQL (set DATABASE_URL); a worker cannot share SQLite's in-memory test database"
    if not os.environ.get("REDIS_URL"):
        return "needs Redis (set REDIS_URL, e.g. redis://127.0.0.1:6379/13)"
    try:
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=1).ping()
    except Exception as exc:
        return f"Redis at REDIS_URL is not answering ({exc})"
    return None


@pytest.fixture
def worker_needs():
    reason = _missing()
    # CI runs the suite twice: on SQLite the worker cannot see the test database, so it is skipped there and
    # must run on the PostgreSQL pass.
    if reason and connection.vendor == "postgresql" and os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"The worker test must run in CI but {reason}")
    if reason:
        pytest.skip(reason)


def _database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(queue: str, log):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),  # the test database, not the development one
        "CELERY_BROKER_URL": os.environ["REDIS_URL"],
        "CELERY_RESULT_BACKEND": os.environ["REDIS_URL"],
        "PULL_ALLOW_PRIVATE_ADDRESSES": "true",  # the sample server listens on loopback
    }
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--concurrency=1",
        "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_takes_a_queued_pull_and_the_observations_appear(
    reference_data, worker_needs, http_server, request, settings
):
    queue = f"test-pulls-{uuid.uuid4().hex[:8]}"  # nobody else's worker may take our message
    settings.TASK_QUEUES_BY_KIND = {}  # every kind goes to the default queue, which is ours
    before = {
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    request.addfinalizer(lambda: app.conf.update(before))
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    with tempfile.TemporaryFile() as log:
        worker = _start_worker(queue, log)
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
            worker.terminate()
            worker.wait(timeout=20)
            log.seek(0)
            output = log.read().decode(errors="replace")
    assert run.outcome == PullRun.Outcome.SUCCEEDED, f"{run.outcome}: {run.error}\n{output[-3000:]}"
    assert run.created == 278 and run.attempts == 1
    assert Observation.objects.filter(metric=source.metric).count() == 278
    assert "metrics.tasks.source_pull" in output and "succeeded" in output
