"""Benchmark of the dashboards at 10,000 and 10,000,000 observations (issues 5 and 13). PostgreSQL only.

Creates two databases on the server named by DATABASE_URL (`bench_dashboard_small`, `bench_dashboard_large`),
migrates both and builds the same world in each (500 metrics over 5 missions, targets, trajectories, a centre
user; the same ids), then times the centre overview, a mission page and a metric page server-side with
Django's test client, alternating between the two databases request by request (so a busy machine slows
both alike), and prints the median of each, their ratio, SQL queries, page sizes and the largest trace.

Both sets show the same thing on the measured pages, so only the table's size differs: the measured
mission's 10 core metrics have 250 monthly values at their default geography in both. 10k = those 2,500
plus 15 months of every other metric (7,350); 10M = every metric x 16 geographies x 250 months x 5 vintages
(revisions), generated in SQL (INSERT ... SELECT generate_series) with the table's secondary indexes dropped
during the load and rebuilt after it, then VACUUM ANALYZE. Statuses are computed on every request (the
status cache is off here: both databases share ids). Issue 13's target: each page's ratio <= 1.2.
Exit status 1 when a target is missed. BENCH_KEEP=1 leaves both databases for EXPLAIN ANALYZE.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_NAME = os.environ.get("BENCH_DB", "bench_dashboard")
SMALL, LARGE = f"{DB_NAME}_small", f"{DB_NAME}_large"
TARGET_RATIO = 1.2
METRICS, MISSIONS, CORE_PER_MISSION = 500, 5, 10
REQUESTS = 15


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "bench/dashboard.py needs DATABASE_URL pointing at PostgreSQL, e.g. postgres://root@127.0.0.1:5432/x"
        )
    return url


def recreate_database(url: str, name: str = DB_NAME) -> str:
    parts = urlparse(url)
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(parts._replace(path=f"/{name}"))


def drop_database(url: str, name: str = DB_NAME) -> None:
    admin = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_world():
    """5 missions x 100 metrics (10 core each, monthly, with a target and a trajectory); a centre user."""
    from decimal import Decimal

    from django.contrib.auth.models import Group

    from metrics.models import Geography, Metric, Target, TrajectoryPoint
    from missions.models import Mission, Organisation, User

    uk = Geography.objects.get(code="K02000001")
    centre = Organisation.objects.create(slug="no10", name="No10", kind="centre")
    depts = [Organisation.objects.create(slug=f"dept-{i}", name=f"Department {i}") for i in range(MISSIONS)]
    missions = [
        Mission.objects.create(
            number=i + 1,
            slug=f"mission-{i + 1}",
            title=f"Mission {i + 1}",
            short_title=f"M{i + 1}",
            ambition="Synthetic mission for the benchmark.",
            lead_organisation=depts[i],
        )
        for i in range(MISSIONS)
    ]
    per = METRICS // MISSIONS
    metrics = Metric.objects.bulk_create(
        Metric(
            slug=f"m{n:03d}",
            mission=missions[n // per],
            name=f"Metric {n:03d}",
            tier="core" if n % per < CORE_PER_MISSION else "comprehensive",
            kind=("outcome", "output", "input")[n % 3],
            unit="%",
            decimal_places=1,
            direction="higher",
            frequency="monthly",
            owner=depts[n // per],
            default_geography=uk,
            source="Synthetic",
            published=True,
        )
        for n in range(METRICS)
    )
    targets = Target.objects.bulk_create(
        Target(
            metric=m,
            geography=uk,
            kind="milestone",
            value=Decimal("70"),
            due_date=date(2035, 1, 1),
            due_label="2035",
            wording="Synthetic",
            source_document="Benchmark",
        )
        for m in metrics
        if m.tier == "core"
    )
    TrajectoryPoint.objects.bulk_create(
        TrajectoryPoint(target=t, period_start=date(year, 1, 1), value=Decimal(50 + (year - 2020)))
        for t in targets
        for year in range(2020, 2036, 5)
    )
    user = User.objects.create(username="centre", organisation=centre)
    user.groups.set(Group.objects.filter(name="centre"))
    return user, missions[0], next(m for m in metrics if m.tier == "core")


VALUE = "(50 + 10 * sin(p / 12.0) + m.id % 7 + r * 0.01)::numeric(32, 17)"


def load_small(cursor) -> None:
    """About 10k rows: 250 months of the measured mission's core metrics (what its pages show, as in the
    large set) and 15 months of every other metric, at the default geography, one vintage."""
    cursor.execute(
        """
        INSERT INTO metrics_observation (metric_id, geography_id, period_start, revision, value, status, note,
                                         recorded_at, superseded_at, upload_id)
        SELECT m.id, m.default_geography_id, (date '2004-01-01' + make_interval(months => p))::date, 1,
               (50 + 10 * sin(p / 12.0) + m.id % 7)::numeric(32, 17), 'final', '',
               now() - interval '30 days', NULL, NULL
        FROM metrics_metric m
             JOIN missions_mission mission ON mission.id = m.mission_id
             CROSS JOIN generate_series(0, 249) AS p
        WHERE (mission.number = 1 AND m.tier = 'core') OR p >= 235
        """  # noqa: S608 -- constant SQL
    )


def load_large(cursor) -> None:
    """10M rows: every metric x 16 geographies x 250 months x 5 vintages, with indexes built afterwards."""
    cursor.execute("TRUNCATE metrics_observation")
    saved = drop_secondary(cursor)
    cursor.execute("SET maintenance_work_mem = '512MB'")
    cursor.execute(
        f"""
        INSERT INTO metrics_observation (metric_id, geography_id, period_start, revision, value, status, note,
                                         recorded_at, superseded_at, upload_id)
        SELECT m.id, g.id, (date '2004-01-01' + make_interval(months => p))::date, r,
               {VALUE}, CASE WHEN r = 5 AND p >= 247 THEN 'provisional' ELSE 'final' END, '',
               timestamptz '2025-01-01' + make_interval(days => r * 30),
               CASE WHEN r < 5 THEN timestamptz '2025-01-01' + make_interval(days => (r + 1) * 30) END, NULL
        FROM metrics_metric m CROSS JOIN metrics_geography g
             CROSS JOIN generate_series(0, 249) AS p CROSS JOIN generate_series(1, 5) AS r
        """  # noqa: S608 -- constant SQL
    )
    for statement in saved:
        cursor.execute(statement)


def drop_secondary(cursor) -> list[str]:
    """Drop the observation table's foreign keys, unique constraints and indexes; return how to rebuild."""
    cursor.execute(
        """
        SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint
        WHERE conrelid = 'metrics_observation'::regclass AND contype IN ('f', 'u')
        """
    )
    constraints = cursor.fetchall()
    for name, _, _ in constraints:
        cursor.execute(f'ALTER TABLE metrics_observation DROP CONSTRAINT "{name}"')
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'metrics_observation' "
        "AND indexname NOT LIKE '%%_pkey'"
    )
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    rebuild = [definition for _, definition in indexes]
    rebuild += [
        f'ALTER TABLE metrics_observation ADD CONSTRAINT "{name}" {definition}'
        for name, definition, kind in sorted(constraints, key=lambda c: c[2] == "f")
    ]
    return rebuild


def measure(client, path: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm caches: the first request of a page is not what users see every morning
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - start)
    assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    html = response.content.decode()
    return {
        "ms": statistics.median(timings) * 1000,
        "queries": len(queries),
        "kb": len(response.content) / 1024,
        "max_trace": max_trace_points(html),
    }


def max_trace_points(html: str) -> int:
    longest = 0
    for blob in re.findall(r'<script id="[^"]*-figure" type="application/json">(.*?)</script>', html, re.S):
        figure = json.loads(json.loads(blob))
        for trace in figure["data"]:
            longest = max(longest, len(trace.get("x", [])))
    return longest


PAGES = {"overview": "/", "mission": "/missions/{mission}/", "metric": "/metrics/{metric}/"}


def use(wrapper) -> None:
    """Serve the next requests from this database: Django's `default` alias is, per thread, this wrapper."""
    from django.db import connections

    connections._connections.default = wrapper


def measure_pair(clients: dict, path: str) -> dict:
    """Time `path` on each database, alternating request by request; the median per database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings: dict = {name: [] for name in clients}
    for wrapper, client in clients.values():
        use(wrapper)
        client.get(path)  # warm: the first request of a page is not what users see every morning
    for _ in range(REQUESTS):
        for name, (wrapper, client) in clients.items():
            use(wrapper)
            start = time.perf_counter()
            response = client.get(path)
            timings[name].append(time.perf_counter() - start)
            assert response.status_code == 200, (name, path, response.status_code)
    result = {}
    for name, (wrapper, client) in clients.items():
        use(wrapper)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        html = response.content.decode()
        result[name] = {
            "ms": statistics.median(timings[name]) * 1000,
            "queries": len(queries),
            "kb": len(response.content) / 1024,
            "max_trace": max_trace_points(html),
        }
    return result


def run_pages(user, mission, metric) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(user)
    paths = {name: path.format(mission=mission.slug, metric=metric.slug) for name, path in PAGES.items()}
    return {name: measure(client, path) for name, path in paths.items()}


def report(small: dict, large: dict) -> bool:
    ok = True
    print(f"{'page':<10}{'10k ms':>9}{'10M ms':>9}{'ratio':>7}{'queries':>12}{'KB 10M':>9}{'max trace':>11}")
    for name in small:
        s, big = small[name], large[name]
        ratio = big["ms"] / s["ms"]
        line_ok = (
            ratio <= TARGET_RATIO
            and s["queries"] == big["queries"]
            and big["kb"] < 1024
            and big["max_trace"] <= 1000
        )
        ok &= line_ok
        print(
            f"{name:<10}{s['ms']:>9.1f}{big['ms']:>9.1f}{ratio:>7.2f}{s['queries']:>5} / {big['queries']:<4}"
            f"{big['kb']:>9.0f}{big['max_trace']:>11}  {'ok' if line_ok else 'MISSED'}"
        )
    print(f"target (issue 13): every page's 10M / 10k ratio <= {TARGET_RATIO}, same queries, < 1 MB")
    return ok


def main() -> int:
    server = server_url()
    small_url, large_url = recreate_database(server, SMALL), recreate_database(server, LARGE)
    try:
        setup_django(small_url)
        from django.conf import settings
        from django.db import connections
        from django.test import Client

        settings.STATUS_CACHE_SECONDS = 0  # computed on every request, and the two databases share ids
        connections.settings["large"] = {**connections.settings["default"], "NAME": LARGE}
        subprocess.run(  # its own process: some data migrations write through the default alias
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=dict(os.environ, DATABASE_URL=large_url),
            check=True,
        )
        wrappers = {"10k": connections["default"], "10M": connections["large"]}
        clients = {}
        for name, wrapper in wrappers.items():
            use(wrapper)
            user, mission, metric = build_world()
            client = Client()
            client.force_login(user)
            clients[name] = (wrapper, client)
        with wrappers["10k"].cursor() as cursor:
            load_small(cursor)
            cursor.execute("ANALYZE metrics_observation")
        started = time.perf_counter()
        with wrappers["10M"].cursor() as cursor:
            load_large(cursor)
        wrappers["10M"].close()
        for url in (small_url, large_url):
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE metrics_observation")
        with psycopg.connect(large_url) as conn:
            count = conn.execute("SELECT count(*) FROM metrics_observation").fetchone()[0]
        with psycopg.connect(small_url) as conn:
            small_count = conn.execute("SELECT count(*) FROM metrics_observation").fetchone()[0]
        took = time.perf_counter() - started
        print(f"loaded {count:,} observations in {took:.0f} s (the small set: {small_count:,})")
        paths = {name: path.format(mission=mission.slug, metric=metric.slug) for name, path in PAGES.items()}
        measured = {name: measure_pair(clients, path) for name, path in paths.items()}
        small = {name: pair["10k"] for name, pair in measured.items()}
        large = {name: pair["10M"] for name, pair in measured.items()}
        return 0 if report(small, large) else 1
    finally:
        from django.db import connections

        connections.close_all()
        if not os.environ.get("BENCH_KEEP"):
            for name in (SMALL, LARGE):
                drop_database(server, name)


if __name__ == "__main__":
    sys.exit(main())
