"""Ingest benchmark (issue 3): how close does POST /api/v1/uploads/ come to PostgreSQL's own COPY?

Creates its own database `bench_ingest` on DATABASE_URL's server (dropped at the end; the test database is
never touched), generates a 1,000,000-row CSV over 200 metrics x 12 geographies x monthly periods, and
measures, in one run:

  (a) the limit: psycopg 3 COPY of the same rows into a bare table shaped like the observations table
      (CREATE TABLE … (LIKE metrics_observation INCLUDING ALL): same columns, checks and indexes), timed
      before (b) and again after (d), the ratios using the mean;
  (b) POST /api/v1/uploads/ of the file end-to-end through a real gunicorn server, into an empty database;
  (c) the same file again (all unchanged);  (d) the file with 10% of values changed (revisions);
  (e) the naive baseline: a DRF ModelSerializer, one row per request, 2,000 rows, extrapolated.

Usage: DATABASE_URL=postgres://user@host:5432/anything .venv/bin/python bench/ingest.py [--rows N]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "bench_ingest"
METRICS, GEOGRAPHIES = 200, 12
GEOGRAPHY_CODES = ["K02000001", "E92000001", "W92000004", "S92000003", "N92000002"] + [
    f"E1200000{n}" for n in range(1, 8)
]
NAIVE_ROWS = 2000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/ingest.py needs DATABASE_URL pointing at a PostgreSQL server.")
    bench_url = urlunsplit(urlsplit(server_url)._replace(path=f"/{BENCH_DB}"))
    _recreate_database(server_url)
    try:
        _run(bench_url, args.rows)
    finally:
        _drop_database(server_url)


def _admin_connection(server_url: str):
    import psycopg

    return psycopg.connect(urlunsplit(urlsplit(server_url)._replace(path="/postgres")), autocommit=True)


def _recreate_database(server_url: str) -> None:
    with _admin_connection(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def _drop_database(server_url: str) -> None:
    from django.db import connections

    connections.close_all()
    with _admin_connection(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


def _setup_django(bench_url: str) -> None:
    os.environ["DATABASE_URL"] = bench_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _world():
    """200 monthly metrics owned by one department, and an analyst of it with an API token."""
    from decimal import Decimal

    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from metrics.models import Geography, Metric
    from missions.models import Mission, Organisation, User

    dept = Organisation.objects.create(slug="bench-dept", name="Bench department", kind="department")
    mission = Mission.objects.create(
        number=99,
        slug="bench",
        title="Bench mission",
        short_title="bench",
        ambition="-",
        lead_organisation=dept,
    )
    uk = Geography.objects.get(code="K02000001")
    metrics = Metric.objects.bulk_create(
        Metric(
            slug=f"bench-metric-{n:03d}",
            mission=mission,
            name=f"Bench metric {n}",
            tier="core",
            kind="outcome",
            unit="%",
            direction="higher",
            frequency="monthly",
            owner=dept,
            default_geography=uk,
            source="bench",
            min_value=Decimal(0) if n % 2 else None,  # half declare bounds, as shares in per cent do
            max_value=Decimal(1000) if n % 2 else None,
        )
        for n in range(METRICS + 1)  # the last one is for the naive baseline
    )
    analyst = User.objects.create(username="bench-analyst", organisation=dept)
    analyst.groups.set(Group.objects.filter(name="analyst"))
    token = Token.objects.create(user=analyst)
    geographies = dict(Geography.objects.filter(code__in=GEOGRAPHY_CODES).values_list("code", "pk"))
    return metrics, geographies, analyst, token.key


def _months(count: int) -> list[str]:
    today = date.today()
    months, year, month = [], today.year, today.month
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(f"{year:04d}-{month:02d}")
    return months[::-1]


def _rows(total: int) -> list[tuple[str, str, str, str]]:
    rng = random.Random(3)
    months = _months(-(-total // (METRICS * GEOGRAPHIES)))
    rows = []
    for m in range(METRICS):
        slug = f"bench-metric-{m:03d}"
        for code in GEOGRAPHY_CODES:
            for period in months:
                rows.append((slug, period, code, f"{rng.uniform(0, 100):.1f}"))
                if len(rows) == total:
                    return rows
    return rows


def _write_csv(path: Path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["metric", "period", "geography", "value"])
        writer.writerows(rows)


def _copy_limit(rows, metrics, geographies) -> float:
    """(a) COPY straight into a bare table with the observations table's shape and indexes."""
    from django.db import connection

    ids = {m.slug: m.pk for m in metrics}
    lines = [
        f"{ids[s]}\t{geographies[g]}\t{p}-01\t1\t{v}\tfinal\t\t2025-01-01 00:00:00+00\n"
        for s, p, g, v in rows
    ]
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_copy (LIKE metrics_observation INCLUDING ALL)")
    started = time.perf_counter()
    with (
        connection.cursor() as cursor,
        cursor.copy(
            "COPY bench_copy (metric_id, geography_id, period_start, revision, value, status, note,"
            " recorded_at) FROM STDIN"
        ) as copy,
    ):
        for start in range(0, len(lines), 20_000):
            copy.write("".join(lines[start : start + 20_000]))
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_copy")
    return elapsed


class Server:
    """gunicorn serving the project against the bench database, one sync worker."""

    def __init__(self, bench_url: str):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = dict(os.environ, DATABASE_URL=bench_url, DJANGO_SETTINGS_MODULE="config.settings.test")
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-w", "1", "--timeout", "1800"]
            + ["-b", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def worker_peak_mb(self) -> float:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        for line in Path(f"/proc/{children[0]}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def warm_up(self, token: str) -> None:
        """A served site is warm: load the URLconf, the API and a database connection first."""
        import requests

        requests.get(
            f"http://127.0.0.1:{self.port}/api/v1/metrics/?page_size=1",
            headers={"Authorization": f"Token {token}"},
            timeout=60,
        ).raise_for_status()

    def upload(self, path: Path, token: str) -> tuple[float, dict]:
        import requests

        with path.open("rb") as handle:
            started = time.perf_counter()
            response = requests.post(
                f"http://127.0.0.1:{self.port}/api/v1/uploads/",
                files={"file": (path.name, handle, "text/csv")},
                headers={"Authorization": f"Token {token}"},
                timeout=1800,
            )
            body = self._finished(response, token)
            elapsed = time.perf_counter() - started
        return elapsed, body

    def _finished(self, response, token: str) -> dict:
        """The import's summary: in the answer (201), or, for a file heavier than UPLOAD_INLINE_MAX_BYTES
        (202, the worker's; eager here, as in the test settings), from the upload's URL once it has ended."""
        import requests

        if response.status_code in (200, 201):
            return response.json()
        if response.status_code != 202:
            raise RuntimeError(f"upload answered {response.status_code}: {response.text[:500]}")
        url = response.json()["url"]
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            upload = requests.get(url, headers={"Authorization": f"Token {token}"}, timeout=60).json()
            if upload["status"] in ("committed", "rejected"):
                if upload["status"] == "rejected":
                    raise RuntimeError(f"upload rejected: {upload['summary']}")
                return upload["summary"]
            time.sleep(0.05)
        raise RuntimeError("the upload did not end within 30 minutes")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def _naive(analyst, metric, geographies) -> float:
    """(e) What most Django apps have: a ModelSerializer and one row per request."""
    from django.test import Client
    from django.test.utils import override_settings

    global NaiveSerializer, urlpatterns
    from django.urls import path
    from rest_framework import generics, serializers

    from metrics.models import Geography, Metric, Observation

    class NaiveSerializer(serializers.ModelSerializer):
        metric = serializers.SlugRelatedField(slug_field="slug", queryset=Metric.objects.all())
        geography = serializers.SlugRelatedField(slug_field="code", queryset=Geography.objects.all())

        class Meta:
            model = Observation
            fields = ["metric", "geography", "period_start", "value", "status", "note", "recorded_at"]

    urlpatterns = [path("naive/", generics.CreateAPIView.as_view(serializer_class=NaiveSerializer))]
    client = Client()
    client.force_login(analyst)
    codes = list(geographies)
    with override_settings(ROOT_URLCONF=__name__):
        started = time.perf_counter()
        for n in range(NAIVE_ROWS):
            year, month = divmod(n // len(codes), 12)
            payload = {
                "metric": metric.slug,
                "geography": codes[n % len(codes)],
                "period_start": f"{1900 + year}-{month + 1:02d}-01",
                "value": "12.5",
                "status": "final",
                "note": "",
                "recorded_at": "2025-01-01T00:00:00Z",
            }
            response = client.post("/naive/", payload, content_type="application/json")
            assert response.status_code == 201, response.content
        return time.perf_counter() - started


def _run(bench_url: str, total: int) -> None:
    _setup_django(bench_url)
    metrics, geographies, analyst, token = _world()
    rows = _rows(total)
    with tempfile.TemporaryDirectory() as folder:
        original, changed = Path(folder) / "observations.csv", Path(folder) / "observations-10pc.csv"
        _write_csv(original, rows)
        rng = random.Random(4)
        _write_csv(
            changed,
            [
                (s, p, g, f"{float(v) + 0.1:.1f}") if rng.random() < 0.1 else (s, p, g, v)
                for s, p, g, v in rows
            ],
        )
        size_mb = original.stat().st_size / 1e6
        print(f"{len(rows):,} rows, {size_mb:.1f} MB CSV: {METRICS} metrics x {GEOGRAPHIES} geographies")
        a_before = _copy_limit(rows, metrics, geographies)
        _report("(a) COPY into a bare indexed table", len(rows), a_before)
        server = Server(bench_url)
        try:
            server.warm_up(token)
            b, summary_b = server.upload(original, token)
            peak = server.worker_peak_mb()
            _report("(b) POST /api/v1/uploads/, empty db", len(rows), b, summary_b)
            c, summary_c = server.upload(original, token)
            _report("(c) the same file again", len(rows), c, summary_c)
            d, summary_d = server.upload(changed, token)
            _report("(d) 10% of values changed", len(rows), d, summary_d)
        finally:
            server.stop()
        # The limit again, after the uploads: a machine that slowed down or sped up between (a) and (d) moves
        # both, and the ratios use the mean of the two.
        a_after = _copy_limit(rows, metrics, geographies)
        _report("(a) again, after (d)", len(rows), a_after)
        a = (a_before + a_after) / 2
    e = _naive(analyst, metrics[-1], geographies)
    _report(f"(e) naive DRF, 1 row/request ({NAIVE_ROWS:,})", NAIVE_ROWS, e)
    rate = {k: len(rows) / t for k, t in {"a": a, "b": b, "c": c, "d": d}.items()}
    rate["e"] = NAIVE_ROWS / e
    print(
        f"ratios: b/a = {rate['b'] / rate['a']:.2f} (issue 13: >= 0.8), "
        f"c/a = {rate['c'] / rate['a']:.2f} "
        f"(>= 1.0), d/a = {rate['d'] / rate['a']:.2f} (>= 0.8), b/e = {rate['b'] / rate['e']:,.0f}x"
    )
    print(f"peak memory of the server process after (b): {peak:,.0f} MB (issue 13 target < 300 MB)")
    assert summary_b["created"] == len(rows) and summary_c["unchanged"] == len(rows)
    assert summary_d["revised"] + summary_d["unchanged"] == len(rows)


def _report(label: str, rows: int, seconds: float, summary: dict | None = None) -> None:
    counts = ""
    if summary is not None:
        created, revised, unchanged = summary["created"], summary["revised"], summary["unchanged"]
        counts = f"  created {created:,} revised {revised:,} unchanged {unchanged:,}"
    print(f"{label:<42}{rows / seconds:>10,.0f} rows/s {seconds:>8.2f} s{counts}", flush=True)


if __name__ == "__main__":
    main()
