"""Load run of issue 13: locust's role journeys against gunicorn + PostgreSQL + Redis, while a 1M-row upload
and the scheduled pulls run (docs/load.md).

One command, against DATABASE_URL's PostgreSQL server (its own database `bench_load`, dropped at the end)
and REDIS_URL (its own database index, please: this run's queues and Django's cache keys are deleted
there, nothing else):

  1. migrates, loads the demo (`load_demo`, `load_demo_sources` with the sources' schedule every minute,
     reading the real-format feeds this run's gunicorn serves under /static/demo-feeds/), collects static;
  2. adds the upload's target: 200 monthly metrics of a `load-bench` department and mission (unpublished),
     an analyst of it with an API token; and an API token for the demo analyst (the locust API reads);
  3. starts gunicorn (production settings, 2 x cores + 1 sync workers), a Celery worker on the queues
     pulls,uploads,packs,celery (2 processes) and beat (the sources' pulls, queued every minute);
  4. runs locust headless (bench/load/locustfile.py) and, `--upload-after` seconds in, POSTs the CSV to
     /api/v1/uploads/ as the bench analyst and follows the 202 until the upload is committed;
  5. checks: no locust failure, the upload committed with every row created, the pulls ran and none failed;
     prints throughput, error rate, p50/p95/p99 per page type, the upload's timings, the pulls, the load.

Usage: DATABASE_URL=postgres://… REDIS_URL=redis://…/11 .venv/bin/python bench/load/run.py
       [--users 50] [--duration 5m] [--rows 1000000] [--spawn-rate 5] [--upload-after 30]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent.parent)]  # bench/load, bench, the checkout

import report  # noqa: E402  (bench/load/report.py)
import stack  # noqa: E402  (bench/load/stack.py)

UPLOAD_TIMEOUT = 30 * 60


def parse_duration(text: str) -> int:
    """Locust's spelling of a duration (90, 30s, 5m, 1h30m) in seconds."""
    parts = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", text.strip())
    if not parts or not any(parts.groups()):
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 30s, 5m, 1h)")
    hours, minutes, seconds = (int(g or 0) for g in parts.groups())
    return hours * 3600 + minutes * 60 + seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=parse_duration, default="5m")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--upload-after", type=int, default=30, help="seconds into the run (default 30)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn's")
    args = parser.parse_args()
    server_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/load/run.py needs DATABASE_URL pointing at a PostgreSQL server.")
    if not redis_url.startswith("redis://"):
        sys.exit("bench/load/run.py needs REDIS_URL (give it a database index of its own, e.g. /11).")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = stack.ROOT / "var" / "load" / stamp
    out.mkdir(parents=True)
    site = stack.ROOT / "var" / "load" / "site"  # MISSION_VAR_DIR: media (per run) and collected static
    shutil.rmtree(site / "media", ignore_errors=True)
    site.mkdir(parents=True, exist_ok=True)
    port = stack.free_port()
    env = stack.stack_environment(
        database_url=stack.bench_database_url(server_url), redis_url=redis_url, var_dir=site, port=port
    )
    print(f"Load run {stamp}: {args.users} users for {args.duration} s, {args.rows:,} rows; logs in {out}")
    print(f"Machine: {os.cpu_count()} cores (nproc); load average before: {_loadavg()}", flush=True)
    stack.recreate_database(server_url)
    services = stack.Stack(env, port, out, args.workers)
    try:
        stack.purge_queues(env)
        stack.prepare(env, port)
        world = _world(env)
        upload_csv = out / "upload.csv"
        _write_upload(upload_csv, args.rows)
        services.start()
        ok = _run(args, services, world, upload_csv, out)
    finally:
        services.stop()
        _close_django()
        stack.purge_queues(env)
        stack.drop_database(server_url)
        (out / "upload.csv").unlink(missing_ok=True)
    sys.exit(0 if ok else 1)


def _loadavg() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _world(env: dict[str, str]) -> dict:
    """The upload's metrics, department and analyst (with a token), and a token for the demo analyst."""
    os.environ.update(env)
    import django

    django.setup()
    import ingest  # bench/ingest.py: the 1M-row generator's metric slugs and geographies
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from metrics.models import Geography, Metric
    from missions.models import Mission, Organisation, Role, User

    dept = Organisation.objects.create(slug="load-bench", name="Load bench department", kind="department")
    mission = Mission.objects.create(
        number=99,
        slug="load-bench",
        title="Load bench mission (synthetic data)",
        short_title="load bench",
        ambition="-",
        lead_organisation=dept,
        published=False,
    )
    uk = Geography.objects.get(code="K02000001")
    Metric.objects.bulk_create(
        Metric(
            slug=f"bench-metric-{n:03d}",
            mission=mission,
            name=f"Load bench metric {n}",
            tier="comprehensive",  # not on the centre's overview, which shows core metrics
            kind="outcome",
            unit="%",
            direction="higher",
            frequency="monthly",
            owner=dept,
            default_geography=uk,
            source="bench",
        )
        for n in range(ingest.METRICS)
    )
    uploader = User.objects.create(username="load-bench-analyst", organisation=dept)
    uploader.groups.set(Group.objects.filter(name=Role.ANALYST))
    analyst = User.objects.get(username="analyst")
    return {
        "upload_token": Token.objects.create(user=uploader).key,
        "api_token": Token.objects.get_or_create(user=analyst)[0].key,
    }


def _write_upload(path: Path, rows: int) -> None:
    import ingest

    started = time.perf_counter()
    ingest._write_csv(path, ingest._rows(rows))
    size = path.stat().st_size / 1e6
    print(f"Upload file: {rows:,} rows, {size:.1f} MB ({time.perf_counter() - started:.1f} s)", flush=True)


def _close_django() -> None:
    from django.apps import apps

    if apps.ready:
        from django.db import connections

        connections.close_all()


def _run(args, services: stack.Stack, world: dict, upload_csv: Path, out: Path) -> bool:
    """Locust for the run's duration, the upload during it, then the checks and the report."""
    import requests

    requests.get(f"{services.url}/public/", headers={"X-Forwarded-Proto": "https"}, timeout=120)
    loads: list[float] = []
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_load, args=(loads, stop), daemon=True)
    upload: dict = {}
    uploader = threading.Thread(
        target=_upload, args=(services.url, world["upload_token"], upload_csv, args.upload_after, upload)
    )
    command = [str(stack.VENV_BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless"]
    command += ["-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.duration}s"]
    command += [
        "--host",
        services.url,
        "--csv",
        str(out / "locust"),
        "--only-summary",
        "--stop-timeout",
        "10",
    ]
    env = dict(os.environ, LOAD_API_TOKEN=world["api_token"])
    print(f"locust: {' '.join(command[1:])}", flush=True)
    started = time.monotonic()
    upload["run_started"] = started
    sampler.start()
    uploader.start()
    locust = subprocess.run(command, cwd=stack.ROOT, env=env)
    locust_seconds = time.monotonic() - started
    uploader.join(timeout=UPLOAD_TIMEOUT)
    stop.set()
    died = services.check_alive()
    stats = report.read_stats(out / "locust_stats.csv")
    pulls = report.pull_runs()
    upload_summary = report.upload_state(upload)
    print(report.render(args, stats, upload, upload_summary, pulls, loads, locust_seconds), flush=True)
    problems = report.problems(stats, upload, upload_summary, pulls, args.rows, out)
    problems += [f"{name} exited during the run (see {out / (name + '.log')})" for name in died]
    if locust.returncode not in (0, 1):  # 1: locust's own "there were failures", counted above
        problems.append(f"locust exited with {locust.returncode}")
    for problem in problems:
        print(f"FAILED: {problem}")
    print("All checks passed." if not problems else f"{len(problems)} check(s) failed.", flush=True)
    return not problems


def _sample_load(loads: list[float], stop: threading.Event) -> None:
    while not stop.wait(5):
        loads.append(os.getloadavg()[0])


def _upload(url: str, token: str, path: Path, after: int, state: dict) -> None:
    """POST the file `after` seconds into the run; follow the 202 (a file heavier than
    UPLOAD_INLINE_MAX_BYTES goes to the worker) to the end: committed or rejected."""
    import requests

    time.sleep(after)
    headers = {"Authorization": f"Token {token}"}
    state["posted"] = time.monotonic()
    try:
        with path.open("rb") as handle:
            response = requests.post(
                f"{url}/api/v1/uploads/",
                files={"file": (path.name, handle, "text/csv")},
                headers=headers,
                timeout=600,
            )
        state["answered"], state["status_code"] = time.monotonic(), response.status_code
        if response.status_code in (200, 201):  # a file under UPLOAD_INLINE_MAX_BYTES: imported inline
            summary = response.json()
            state["id"], state["ended"] = summary["upload"], state["answered"]
            written = "committed" if summary.get("written") else "rejected"
            state["body"] = {"status": written, "summary": summary}
            return
        if response.status_code != 202:
            state["error"] = f"POST answered {response.status_code}: {response.text[:300]}"
            return
        state["id"] = response.json()["id"]
        detail = f"{url}/api/v1/uploads/{state['id']}/"
        deadline = time.monotonic() + UPLOAD_TIMEOUT
        while time.monotonic() < deadline:
            body = requests.get(detail, headers=headers, timeout=60).json()
            if body["status"] in ("committed", "rejected"):
                state["ended"], state["body"] = time.monotonic(), body
                return
            time.sleep(1)
        state["error"] = f"the upload did not end within {UPLOAD_TIMEOUT} s"
    except (requests.RequestException, ValueError, KeyError) as exc:
        state["error"] = f"{type(exc).__name__}: {exc}"


if __name__ == "__main__":
    main()
