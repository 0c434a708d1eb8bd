"""Issue 10, fault test: PostgreSQL restarted under load — on a PRIVATE throwaway cluster (initdb in a
temporary folder, a free loopback port), never the shared one.

The app is migrated into it and served by gunicorn in a subprocess; four threads GET the public page and
the API while the cluster is restarted (`pg_ctl restart -m fast`). Every answer during the outage is a clean
503 (GOV.UK page, JSON under /api/, Retry-After, no traceback) within a bound; once the cluster is back every
request succeeds (CONN_HEALTH_CHECKS: a kept connection is checked before it is reused).

Runs on the PostgreSQL pass (skipped with the reason on SQLite, or without initdb outside CI).
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest
from django.conf import settings

PATHS = ["/public/", "/api/v1/missions/", "/api/v1/metrics/"]
THREADS = 4
REQUESTS = 3000  # in all, at most: four threads, until 40 have succeeded after the restart
TIMEOUT = 5.0  # seconds any one request may take (no hang)
RECOVER = 1.0  # seconds after the cluster is back by which every request must succeed


def _binaries() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else (os.path.dirname(shutil.which("initdb") or "") or None)


@pytest.fixture
def cluster_needs():
    reason = None
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip(
            "runs on the PostgreSQL pass (set DATABASE_URL): it restarts a private PostgreSQL cluster"
        )
    if _binaries() is None:
        reason = "initdb is not installed (PostgreSQL server binaries)"
    elif os.geteuid() == 0 and not shutil.which("runuser"):
        reason = "running as root without runuser (initdb refuses root)"
    if reason and os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"The database restart test must run in CI but {reason}")
    if reason:
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A throwaway PostgreSQL cluster, owned by `postgres` when the tests run as root."""

    def __init__(self) -> None:
        self.bin = _binaries()
        self.dir = tempfile.mkdtemp(prefix="md-faults-pg-")
        self.data = os.path.join(self.dir, "data")
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, *args: str, timeout: float = 60) -> None:
        command = [os.path.join(self.bin, args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, timeout=timeout, capture_output=True)

    def init(self) -> None:
        self.run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.options = options
        self.ctl("start")

    def ctl(self, action: str, *extra: str) -> None:
        log = os.path.join(self.dir, "server.log")
        self.run("pg_ctl", action, "-D", self.data, "-w", "-t", "30", "-l", log, "-o", self.options, *extra)

    def remove(self) -> None:
        try:
            if os.path.exists(os.path.join(self.data, "postmaster.pid")):
                self.run("pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w", "-t", "30")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@dataclass
class Answer:
    at: float
    path: str
    status: int  # 0: no HTTP answer at all
    took: float
    body: str
    retry_after: str | None


def _wait_for(condition, *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        time.sleep(0.05)


def _get(base: str, path: str) -> Answer:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=TIMEOUT) as response:
            status, body, headers = (
                response.status,
                response.read().decode(errors="replace"),
                response.headers,
            )
    except urllib.error.HTTPError as error:
        status, body, headers = error.code, error.read().decode(errors="replace"), error.headers
    except OSError as error:
        status, body, headers = 0, repr(error), {}
    return Answer(started, path, status, time.monotonic() - started, body, headers.get("Retry-After"))


def _serve(cluster: Cluster, folder: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": cluster.url,
        "MISSION_VAR_DIR": folder,
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=settings.BASE_DIR, env=env, check=True, timeout=300, capture_output=True,
    )  # fmt: skip
    port = _free_port()
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", "2", "--threads", "2", "--timeout", "30", "--log-level", "warning",
    ]  # fmt: skip
    with open(os.path.join(folder, "gunicorn.log"), "wb") as log:
        server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log)
    server.base = f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        if _get(server.base, "/public/").status == 200:  # type: ignore[attr-defined]
            return server
        time.sleep(0.3)
    pytest.fail("The app server did not start against the private cluster")


def test_a_database_restart_under_load_gives_clean_503s_and_service_resumes(cluster_needs, tmp_path):
    cluster = Cluster()
    server = None
    try:
        cluster.init()
        server = _serve(cluster, str(tmp_path))
        answers: list[Answer] = []
        stop = threading.Event()

        def load(offset: int) -> None:
            n = offset
            while not stop.is_set() and len(answers) < REQUESTS:
                answers.append(_get(server.base, PATHS[n % len(PATHS)]))
                n += 1
                time.sleep(0.01)

        threads = [threading.Thread(target=load, args=(i,), daemon=True) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        _wait_for(lambda: len(answers) >= 20, seconds=30)  # under load before the database goes
        # The restart in two steps, so the window with the database away is long enough to be met by
        # requests however busy the machine is (a 0.5 s restart was missed on a loaded CI machine).
        down = time.monotonic()
        cluster.ctl("stop", "-m", "fast")
        gone = time.monotonic()
        _wait_for(lambda: sum(a.at > gone for a in answers) >= 2 * THREADS, seconds=10)
        starting = time.monotonic()  # the database may answer before `pg_ctl start -w` returns
        cluster.ctl("start")
        back = time.monotonic()
        _wait_for(lambda: sum(a.at > back + RECOVER for a in answers) >= 40, seconds=30)
        stop.set()
        for thread in threads:
            thread.join(timeout=TIMEOUT + 5)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        cluster.remove()
    assert not os.path.exists(cluster.dir)

    errors = [a for a in answers if a.status != 200]
    recovered = max((a.at + a.took for a in errors), default=back) - back
    late = [a for a in answers if a.at > back and a.status != 200]
    # Figures (also in docs/decisions/0012-trust.md): requests, errors, restart and recovery times.
    print(
        f"\n{len(answers)} requests; {len(errors)} errors while the database was away; restart took "
        f"{back - down:.2f} s; last error {recovered:.2f} s after it was back; {len(late)} errors after it"
    )
    assert len(answers) >= 100, len(answers)
    assert max(a.took for a in answers) < TIMEOUT, "a request hung"
    for answer in errors:
        assert answer.status == 503 and answer.retry_after, (answer.status, answer.path, answer.body[:500])
        assert "Traceback" not in answer.body
        if answer.path.startswith("/api/"):
            assert '"code":"database_unavailable"' in answer.body.replace(" ", "")
        else:
            assert "Sorry, the service is unavailable" in answer.body and "govuk-heading-l" in answer.body
    away = [a for a in answers if a.at > gone and a.at + a.took < starting]
    assert away and all(a.status == 503 for a in away), "every request while the database was away is a 503"
    after = [a for a in answers if a.at > back + RECOVER]
    assert len(after) >= 40 and all(a.status == 200 for a in after), [
        (a.status, a.path) for a in after if a.status != 200
    ]
    assert recovered < RECOVER and len(late) <= THREADS * 2
