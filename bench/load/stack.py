"""The served stack of the load run: its own PostgreSQL database, the demo world, gunicorn, a Celery worker
and beat, each a child process with the production settings, as `docker-compose.yml` runs them.

Production settings need a TLS-terminating proxy in front (secure cookies, SECURE_PROXY_SSL_HEADER); the
locust users play that proxy's part by sending `X-Forwarded-Proto: https` (bench/load/locustfile.py).
The worker pulls the demo feeds from this gunicorn's own /static/demo-feeds/ over loopback, so loopback is
allowed for pulls here (PULL_ALLOWED_HOSTS=127.0.0.1, PULL_ALLOW_PRIVATE_ADDRESSES) and nowhere else.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
BENCH_DB = "bench_load"
QUEUES = "pulls,uploads,packs,celery"
#: Cron of the demo sources during the run: every minute, so beat queues a pull of each several times.
PULL_SCHEDULE = "* * * * *"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_database_url(server_url: str) -> str:
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{BENCH_DB}"))


def _admin(server_url: str):
    import psycopg

    return psycopg.connect(urlunsplit(urlsplit(server_url)._replace(path="/postgres")), autocommit=True)


def recreate_database(server_url: str) -> None:
    with _admin(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def drop_database(server_url: str) -> None:
    with _admin(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


def stack_environment(*, database_url: str, redis_url: str, var_dir: Path, port: int) -> dict[str, str]:
    """The environment every child process runs with: production settings on the bench database."""
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        CELERY_RESULT_BACKEND=redis_url,
        CACHE_URL=redis_url,
        MISSION_VAR_DIR=str(var_dir),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",  # the proxy's header says https; the worker's pulls are plain http
        PULL_ALLOWED_HOSTS="127.0.0.1",
        PULL_ALLOW_PRIVATE_ADDRESSES="true",
        LOG_LEVEL="WARNING",
        BENCH_LOAD_PORT=str(port),
    )


def manage(env: dict[str, str], *args: str, settings: str | None = None) -> None:
    """Run a management command; load_demo refuses the production settings, so it gets `settings`."""
    child_env = dict(env, DJANGO_SETTINGS_MODULE=settings) if settings else env
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=child_env, check=True)


def purge_queues(env: dict[str, str]) -> None:
    """Empty this run's queues and Django's cache entries (statuses, throttle counters) in REDIS_URL's
    database: left by an earlier run, they describe rows of a dropped database (statuses cached by metric id
    would even be served warm). Nothing else there is touched; the database is never flushed."""
    subprocess.run(
        [str(VENV_BIN / "celery"), "-A", "config", "purge", "-f", "-Q", QUEUES],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis.from_url(env["CACHE_URL"])
    for key in client.scan_iter(match=":1:*", count=1000):  # Django's cache keys: no prefix, version 1
        client.delete(key)


def prepare(env: dict[str, str], port: int) -> None:
    """Migrate, load the demo world and its data sources (pulling from this run's server), collect static."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo", settings="config.settings.local")
    manage(
        env,
        "load_demo_sources",
        "--base-url",
        f"http://127.0.0.1:{port}",
        "--schedule",
        PULL_SCHEDULE,
        settings="config.settings.local",
    )
    collect_static(env, Path(env["MISSION_VAR_DIR"]))


def collect_static(env: dict[str, str], var_dir: Path) -> None:
    """collectstatic, unless the collected files are newer than every source of them: compressing them
    takes minutes on a small machine, so runs share var/load/site/staticfiles."""
    manifest = var_dir / "staticfiles" / "staticfiles.json"
    sources = [ROOT / "requirements" / "lock.txt", ROOT / "package-lock.json"]
    sources += [path for path in (ROOT / "static").rglob("*") if path.is_file()]
    if manifest.exists() and manifest.stat().st_mtime > max(path.stat().st_mtime for path in sources):
        print("Static files: collected already (var/load/site/staticfiles is newer than their sources)")
        return
    print("Static files: collecting and compressing (a few minutes, once)", flush=True)
    manage(env, "collectstatic", "--no-input", "-v", "0")


class Stack:
    """gunicorn, one Celery worker on every queue and beat; logs under `log_dir`."""

    def __init__(self, env: dict[str, str], port: int, log_dir: Path, workers: int):
        self.env, self.port, self.log_dir, self.workers = env, port, log_dir, workers
        self.processes: dict[str, subprocess.Popen] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _spawn(self, name: str, command: list[str]) -> None:
        log = (self.log_dir / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start(self) -> None:
        celery = str(VENV_BIN / "celery")
        self._spawn(
            "gunicorn",
            [str(VENV_BIN / "gunicorn"), "config.wsgi:application", "--workers", str(self.workers)]
            + ["--bind", f"127.0.0.1:{self.port}", "--timeout", "120", "--log-level", "warning"],
        )
        self._spawn(
            "worker",
            [celery, "-A", "config", "worker", "-Q", QUEUES, "--concurrency", "2", "--loglevel", "INFO"]
            + ["-n", "load@%h"],
        )
        self._spawn("beat", [celery, "-A", "config", "beat", "--loglevel", "INFO", "--pidfile="])
        self._wait_for_port()

    def _wait_for_port(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.processes["gunicorn"].poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_dir / 'gunicorn.log'}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start within 60 s")

    def check_alive(self) -> list[str]:
        """Names of the services that have exited (none should have)."""
        return [name for name, process in self.processes.items() if process.poll() is not None]

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                print(f"{name} ignored SIGTERM for 30 s; killing it", flush=True)
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
