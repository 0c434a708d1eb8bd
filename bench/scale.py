"""Reads at 50M–100M observations against the same reads at 10k (issue 13). PostgreSQL only.

Run: `make bench-scale` (50,000,000 rows) or `.venv/bin/python bench/scale.py --rows 2000000`. Not part of
`make bench`: the full run takes about 35 minutes and 30 GB of disk (the table, 15 GB at 50M, and one copy).

Creates its own database (`bench_scale`) on the server in DATABASE_URL and drops it at exit unless `--keep`.
The world is bench/dashboard.py's (5 missions x 100 metrics, targets, trajectories, a centre user) plus 400
SYNTHETIC local-authority-like geographies with codes E99000001..E99000400: GSS-shaped so the model's check
accepts them, in an entity range (E99) that names no real area. This is a load-test fixture, not data.

Phase 1 loads 10,000 observations (bench/dashboard.py's small set) and times every page type that reads
observations, the API observation list with `as_of`, the status of all 500 metrics and a check-in pack.
Phase 2 loads the big set in SQL: every metric x every geography (the 400 synthetic ones and those the
migrations seed) x N monthly periods up to December 2025, N chosen so the total reaches `--rows`; one
(metric, geography, period) in 10 has 2 vintages and one in 50 has 3 (a revision 91 days after the
previous one, which gets `superseded_at`). The table is UNLOGGED during and after the load (reads are
the same; nothing here needs crash safety) and its indexes are dropped and rebuilt around it. The same
reads are timed again. Statuses are computed cold: the status cache is off for the whole run.

Phase 3 (bench/_scale_partition.py) copies the rows into declaratively partitioned tables and re-runs the
SQL the ORM produced for the key reads against them.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import dashboard  # noqa: E402
from bench.dashboard import build_world, drop_secondary, load_small, measure, server_url, setup_django  # noqa: E402

LOCAL_AREAS = 400
EXTRA_VINTAGE_FACTOR = 1 + 1 / 10 + 2 / 50  # one in 10 has 2 vintages, one in 50 has 3
AS_OF = "2024-06-30T12:00:00Z"
LAST_PERIOD = "2025-12-01"

# n = vintages of (metric m, geography g, month p): deterministic, spread over metrics, areas and months.
BIG_INSERT = """
INSERT INTO metrics_observation (metric_id, geography_id, period_start, revision, value, status, note,
                                 recorded_at, superseded_at, upload_id)
SELECT m.id, g.id, s.period_start, r,
       (50 + 10 * sin(p / 12.0) + m.id %% 7 + g.id %% 11 + r * 0.01)::numeric(32, 17),
       CASE WHEN p < 2 AND r = k.n THEN 'provisional' ELSE 'final' END, '',
       s.released + make_interval(days => (r - 1) * 91),
       CASE WHEN r < k.n THEN s.released + make_interval(days => r * 91) END, NULL
FROM metrics_metric m CROSS JOIN metrics_geography g CROSS JOIN generate_series(0, %(months)s - 1) AS p
CROSS JOIN LATERAL (SELECT (%(last)s::date - make_interval(months => p))::date AS period_start,
                           (%(last)s::date - make_interval(months => p))::timestamptz
                           + interval '1 month 45 days' AS released) AS s
CROSS JOIN LATERAL (SELECT CASE WHEN (m.id * 7 + g.id * 13 + p) %% 10 = 0 THEN 2
                                WHEN (m.id * 7 + g.id * 13 + p) %% 50 = 1 THEN 3 ELSE 1 END AS n) AS k
CROSS JOIN LATERAL generate_series(1, k.n) AS r
"""


def add_local_areas() -> None:
    """400 synthetic local-authority geographies under the UK (codes E99000001..E99000400)."""
    from metrics.models import Geography

    uk = Geography.objects.get(code="K02000001")
    Geography.objects.bulk_create(
        Geography(code=f"E99{n:06d}", name=f"Synthetic area {n:03d}", level="local", parent=uk)
        for n in range(1, LOCAL_AREAS + 1)
    )


def add_meeting(mission):
    """A strategy council for the first mission and a check-in with its lead department (for the pack)."""
    from django.utils import timezone

    from councils.models import Council, Meeting

    council = Council.objects.create(
        mission=mission, kind="strategy", name="Scale council", slug="scale-council", chair="PM"
    )
    return Meeting.objects.create(
        council=council,
        kind="check_in",
        title="Scale check-in",
        starts_at=timezone.now(),
        department=mission.lead_organisation,
    )


def load_big(url: str, rows: int) -> tuple[int, float]:
    """Load the big set in SQL with the indexes dropped, rebuild them, VACUUM ANALYZE; (count, seconds)."""
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cursor:
        geographies = cursor.execute("SELECT count(*) FROM metrics_geography").fetchone()[0]
        metrics = cursor.execute("SELECT count(*) FROM metrics_metric").fetchone()[0]
        months = math.ceil(rows / (metrics * geographies * EXTRA_VINTAGE_FACTOR)) + 1
        print(f"big set: {metrics} metrics x {geographies} geographies x {months} months, with vintages")
        cursor.execute("TRUNCATE metrics_observation")
        cursor.execute("ALTER TABLE metrics_observation SET UNLOGGED")
        rebuild = drop_secondary(cursor)
        cursor.execute("SET maintenance_work_mem = '2GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 1")
        cursor.execute(BIG_INSERT, {"months": months, "last": LAST_PERIOD})
        print(f"  inserted in {time.perf_counter() - started:.0f} s", flush=True)
        for statement in rebuild:
            cursor.execute(statement)
        print(f"  indexes rebuilt at {time.perf_counter() - started:.0f} s", flush=True)
        cursor.execute("VACUUM ANALYZE metrics_observation")
        count = cursor.execute("SELECT count(*) FROM metrics_observation").fetchone()[0]
    return count, time.perf_counter() - started


def table_size(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT pg_size_pretty(pg_table_size('metrics_observation')) || ' table + ' "
            "|| pg_size_pretty(pg_indexes_size('metrics_observation')) || ' indexes = ' "
            "|| pg_size_pretty(pg_total_relation_size('metrics_observation'))"
        ).fetchone()[0]


def timed(function, repeats: int) -> dict:
    """Median wall time of `function()` over `repeats` calls (after one warm-up) and its query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        function()
    return {"ms": statistics.median(timings) * 1000, "queries": len(queries)}


def pages(mission, metric, meeting, as_of: str = AS_OF) -> dict[str, str]:
    """Every page type that reads observations, and the API list (page 1, 100 rows) at `as_of`."""
    api = f"/api/v1/metrics/{metric.slug}/observations/"
    return {
        "centre overview": "/",
        "mission": f"/missions/{mission.slug}/",
        "metric": f"/metrics/{metric.slug}/",
        "department": f"/departments/{mission.lead_organisation.slug}/",
        "public home": "/public/",
        "public mission": f"/public/missions/{mission.slug}/",
        "public metric": f"/public/metrics/{metric.slug}/",
        "check-in meeting": f"/councils/meetings/{meeting.pk}/",
        "API obs as_of": f"{api}?as_of={as_of}",
        "API obs as_of+area": f"{api}?as_of={as_of}&geography={metric.default_geography.code}",
    }


def run_reads(user, mission, metric, meeting, repeats: int, as_of: str) -> dict:
    """Time the pages, all-metric statuses and a pack; returns {name: {"ms", "queries"}}."""
    from django.test import Client
    from django.utils import timezone

    from councils import services
    from councils.packs import content
    from metrics.models import Metric
    from metrics.status import metric_statuses

    client = Client()
    client.force_login(user)
    results = {}
    for name, path in pages(mission, metric, meeting, as_of).items():
        status = client.get(path).status_code
        if status != 200:
            print(f"  skipped {name}: {path} answered {status}")
            continue
        results[name] = measure(client, path)
    everything = list(Metric.objects.all())
    results["status, all metrics"] = timed(lambda: metric_statuses(everything), repeats)
    results["pack content"] = timed(lambda: content.assemble(meeting, timezone.now()), repeats)

    def whole_pack():
        pack = services.checkin_pack_request(meeting=meeting, by=None, enqueue=False)
        assert services.checkin_pack_build(pack_id=pack.pk).status == "ready"

    results["pack build (PDF)"] = timed(whole_pack, 1)
    return results


def report(small: dict, big: dict, label: str) -> None:
    print(f"\n{'read':<22}{'10k ms':>9}{label + ' ms':>10}{'ratio':>8}{'queries 10k / big':>20}")
    for name, s in small.items():
        b = big.get(name)
        if b is None:
            continue
        print(
            f"{name:<22}{s['ms']:>9.1f}{b['ms']:>10.1f}{b['ms'] / s['ms']:>8.2f}"
            f"{s['queries']:>12} / {b['queries']:<6}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000, help="observations in the big set (at least)")
    parser.add_argument("--repeats", type=int, default=5, help="timed requests per read (median)")
    parser.add_argument("--partitions", default="hash,range", help="partitioned copies to compare, or none")
    parser.add_argument("--keep", action="store_true", help="leave the database for EXPLAIN ANALYZE")
    args = parser.parse_args()
    dashboard.DB_NAME = "bench_scale"
    dashboard.REQUESTS = args.repeats
    url = dashboard.recreate_database(server_url())
    try:
        setup_django(url)
        from django.conf import settings
        from django.db import connection
        from django.utils import timezone

        settings.STATUS_CACHE_SECONDS = 0  # cold statuses: this measures the reads, not the cache
        settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-scale-")
        user, mission, metric = build_world()
        add_local_areas()
        meeting = add_meeting(mission)
        with connection.cursor() as cursor:
            load_small(cursor)
            cursor.execute("ANALYZE metrics_observation")
        # The 10k rows were all recorded 30 days ago (bench/dashboard.py): ask for a moment they are known at.
        small = run_reads(
            user, mission, metric, meeting, args.repeats, timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        )
        connection.close()
        count, seconds = load_big(url, args.rows)
        label = f"{count / 1e6:.0f}M"
        print(f"loaded {count:,} observations in {seconds:.0f} s; {table_size(url)}", flush=True)
        big = run_reads(user, mission, metric, meeting, args.repeats, AS_OF)
        report(small, big, label)
        sys.stdout.flush()
        if args.partitions != "none":
            from bench import _scale_partition

            _scale_partition.compare(url, user, metric, args.partitions.split(","), args.repeats)
        return 0
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            dashboard.drop_database(url)


if __name__ == "__main__":
    sys.exit(main())
