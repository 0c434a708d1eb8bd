"""A real Celery worker process for end-to-end tests (tests/sources/test_pull_worker.py, tests/trust/).

Needs PostgreSQL (a worker in another process cannot see SQLite's in-memory test database) and Redis at
REDIS_URL. Elsewhere the tests are skipped with the reason; in CI's PostgreSQL pass (CI=true) both are present
and they must run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection


def missing() -> str | None:
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
    reason = missing()
    # CI runs the suite twice: on SQLite the worker cannot see the test database, so it is skipped there and
    # must run on the PostgreSQL pass.
    if reason and connection.vendor == "postgresql" and os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"The worker test must run in CI but {reason}")
    if reason:
        pytest.skip(reason)


@pytest.fixture
def worker_queue(worker_needs, request, settings) -> str:
    """A queue of this test's own (nobody else's worker may take its messages), with Celery not eager."""
    from config.celery import app

    settings.TASK_QUEUES_BY_KIND = {}  # every kind of task goes to the default queue, which is this one
    queue = f"test-{request.node.name[:40]}-{uuid.uuid4().hex[:8]}"
    before = {
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    request.addfinalizer(lambda: app.conf.update(before))
    return queue


def database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(queue: str, log, **env: str) -> subprocess.Popen:
    """`celery worker` (solo pool: one process, so SIGKILL kills the task with it) on the test database."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),  # the test database, not the development one
        "CELERY_BROKER_URL": os.environ["REDIS_URL"],
        "CELERY_RESULT_BACKEND": os.environ["REDIS_URL"],
        "PULL_ALLOW_PRIVATE_ADDRESSES": "true",  # the sample server listens on loopback
        **env,
    }
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--concurrency=1",
        "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
    ]  # fmt: skip
    return subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT
    )


def stop(worker: subprocess.Popen, log) -> str:
    """Stop the worker (if it still runs) and return what it logged."""
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
    log.seek(0)
    return log.read().decode(errors="replace")
