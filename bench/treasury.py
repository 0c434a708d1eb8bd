"""Benchmark of /treasury/ and the business-case list (issue 11). PostgreSQL only.

    python bench/treasury.py [--cases 2000] [--small 20] [--metrics 5] [--years 10]
                             [--observations 10000000] [--requests 5]

Creates its own database (`bench_treasury`, or BENCH_DB) on the server named by DATABASE_URL, migrates it,
builds one mission with `--metrics` core metrics (targets and trajectories), a spending review with
allocations for five departments, and loads `--observations` observations for those metrics in SQL
(INSERT ... SELECT generate_series, indexes rebuilt afterwards). It then times both pages (median of
`--requests` server-side requests with Django's test client, a Treasury user) with `--small` approved or
submitted cases, adds cases up to `--cases` (each with 3 years of costs and metrics x years of impacts),
and times them again. The cache is Redis (REDIS_URL), as in production: the first request after a change
builds /treasury/ (printed, "first request"), later ones are served that build until the data changes
(spending/dashboard/cache.py); the target is on those. Prints times, ratios and SQL query counts; exits 1
when a page is slower than 1.2x its small-scale time or its query count changed. The issue's scale is the
default; on a shared machine run it small (e.g. --cases 200 --observations 100000) and say so.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_NAME = os.environ.get("BENCH_DB", "bench_treasury")
PAGES = ("/treasury/", "/spending/business-cases/")
LIMIT = 1.2


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--metrics", type=int, default=5)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--observations", type=int, default=10_000_000)
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="Keep the benchmark database afterwards.")
    return parser.parse_args()


def admin_url(url: str) -> str:
    return urlunparse(urlparse(url)._replace(path="/postgres"))


def recreate_database(url: str) -> str:
    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    return urlunparse(urlparse(url)._replace(path=f"/{DB_NAME}"))


def drop_database(url: str) -> None:
    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # As in production: built pages and statuses kept in Redis (spending/dashboard/cache.py).
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis,
            "KEY_PREFIX": f"bench-{os.getpid()}",
        }
    }
    settings.STATUS_CACHE_SECONDS = 300

    call_command("migrate", verbosity=0)


def build_world(n_metrics: int):
    from datetime import date
    from decimal import Decimal

    from django.contrib.auth.models import Group

    from metrics.models import Geography, Metric, Target, TrajectoryPoint
    from missions.models import Mission, Organisation, User
    from spending.models import DepartmentalAllocation, SpendingReview

    uk = Geography.objects.get(code="K02000001")
    hmt = Organisation.objects.create(slug="hmt", name="HM Treasury", kind="treasury")
    depts = [Organisation.objects.create(slug=f"dept-{i}", name=f"Department {i}") for i in range(5)]
    mission = Mission.objects.create(
        number=1,
        slug="mission-1",
        title="Mission 1",
        short_title="M1",
        ambition="Synthetic.",
        lead_organisation=depts[0],
    )
    metrics = Metric.objects.bulk_create(
        Metric(
            slug=f"m{n}",
            mission=mission,
            name=f"Metric {n}",
            tier="core",
            kind="outcome",
            unit="%",
            decimal_places=1,
            direction="higher",
            frequency="monthly",
            owner=depts[0],
            default_geography=uk,
            source="Synthetic",
            published=True,
        )
        for n in range(n_metrics)
    )
    targets = Target.objects.bulk_create(
        Target(
            metric=m,
            geography=uk,
            kind="milestone",
            value=Decimal(90),
            due_date=date(2031, 1, 1),
            due_label="2031",
            wording="Synthetic",
            source_document="Benchmark",
        )
        for m in metrics
    )
    TrajectoryPoint.objects.bulk_create(
        TrajectoryPoint(target=t, period_start=date(y, 1, 1), value=Decimal(60 + y - 2020))
        for t in targets for y in range(2020, 2031, 5)
    )  # fmt: skip
    review = SpendingReview.objects.create(
        name="SR", slug="sr", first_year=2026, last_year=2028, status="open"
    )
    DepartmentalAllocation.objects.bulk_create(
        DepartmentalAllocation(spending_review=review, department=d, fiscal_year=y, budget="RDEL",
                               amount_m=Decimal(1_000_000), price_base="nominal")
        for d in depts for y in (2026, 2027, 2028)
    )  # fmt: skip
    user = User.objects.create(username="treasury", organisation=hmt)
    user.groups.set(Group.objects.filter(name="treasury"))
    return user, mission, metrics, depts, review


def load_observations(total: int, n_metrics: int) -> None:
    """`total` rows over the metrics x every geography x months x 5 vintages (the last one current)."""
    from django.db import connection

    from metrics.models import Geography

    geographies = Geography.objects.count()
    months = max(total // (n_metrics * geographies * 5), 1)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO metrics_observation (metric_id, geography_id, period_start, revision, value, status,
                                             note, recorded_at, superseded_at, upload_id)
            SELECT m.id, g.id, (date '2000-01-01' + make_interval(months => p))::date, r,
                   (50 + 10 * sin(p / 12.0) + r * 0.01)::numeric(32, 17), 'final', '',
                   timestamptz '2025-01-01' + make_interval(days => r * 30),
                   CASE WHEN r < 5 THEN timestamptz '2025-01-01' + make_interval(days => (r + 1) * 30) END,
                   NULL
            FROM metrics_metric m CROSS JOIN metrics_geography g
                 CROSS JOIN generate_series(0, %s - 1) AS p CROSS JOIN generate_series(1, 5) AS r
            """,
            [months],
        )
        cursor.execute("ANALYZE metrics_observation")


def add_cases(start: int, stop: int, *, mission, metrics, depts, review, years: int) -> None:
    from decimal import Decimal

    from spending.models import BusinessCase, BusinessCaseStatusChange, CostLine, ModelledImpact

    statuses = ("approved", "submitted", "assessed", "draft")
    cases = BusinessCase.objects.bulk_create(
        BusinessCase(
            title=f"Case {i:05d}",
            slug=f"case-{i:05d}",
            lead_department=depts[i % len(depts)],
            spending_review=review,
            category="RDEL",
            strategic_case="Synthetic.",
            price_base="nominal",
            start_year=2026,
            status=statuses[i % len(statuses)],
        )
        for i in range(start, stop)
    )
    for case in cases:
        case.missions.add(mission)
    BusinessCaseStatusChange.objects.bulk_create(
        BusinessCaseStatusChange(case=c, from_status="", to_status=c.status) for c in cases
    )
    CostLine.objects.bulk_create(
        CostLine(case=c, fiscal_year=y, budget="RDEL", amount_m=Decimal(10))
        for c in cases
        for y in (2026, 2027, 2028)
    )
    ModelledImpact.objects.bulk_create(
        (
            ModelledImpact(
                case=c,
                metric=m,
                geography_id=m.default_geography_id,
                year=y,
                impact=Decimal("0.1"),
                method="Synthetic",
            )
            for c in cases
            for m in metrics
            for y in range(1, years + 1)
        ),
        batch_size=5000,
    )


def measure(client, path: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from metrics.models import Metric
    from metrics.status_cache import statuses_invalidate
    from spending.dashboard.cache import treasury_invalidate

    client.get(path)  # load templates and modules once, outside the timings
    # The fixtures are written in bulk (no signals), so say what changed, as bulk imports do; the first
    # request then builds the page (cold), the others are served what it kept until the data changes.
    treasury_invalidate()
    statuses_invalidate(metric_ids=Metric.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    client.get(path)
    cold = time.perf_counter() - started
    times = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return {
        "seconds": statistics.median(times),
        "cold": cold,
        "queries": len(queries),
        "bytes": len(response.content),
    }


def main() -> int:
    args = arguments()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/treasury.py needs DATABASE_URL pointing at PostgreSQL")
    bench_url = recreate_database(url)
    try:
        setup_django(bench_url)
        from django.test import Client

        user, mission, metrics, depts, review = build_world(args.metrics)
        load_observations(args.observations, args.metrics)
        client = Client()
        client.force_login(user)
        world = {
            "mission": mission,
            "metrics": metrics,
            "depts": depts,
            "review": review,
            "years": args.years,
        }
        add_cases(0, args.small, **world)
        small = {path: measure(client, path, args.requests) for path in PAGES}
        add_cases(args.small, args.cases, **world)
        large = {path: measure(client, path, args.requests) for path in PAGES}
        failed = False
        print(
            f"observations ~{args.observations:,}; cases {args.small} -> {args.cases}; "
            f"impacts per case {args.metrics * args.years}"
        )
        for path in PAGES:
            s, big = small[path], large[path]
            ratio = big["seconds"] / s["seconds"]
            ok = ratio <= LIMIT and big["queries"] == s["queries"]
            failed |= not ok
            print(
                f"{path:28} {s['seconds'] * 1000:8.1f} ms -> {big['seconds'] * 1000:8.1f} ms  x{ratio:5.2f}  "
                f"queries {s['queries']} -> {big['queries']}  {'ok' if ok else 'MISSED'}"
            )
            cold = f"{s['cold'] * 1000:8.1f} ms -> {big['cold'] * 1000:8.1f} ms"
            print(
                f"{'  first request (builds)':28} {cold}  x{big['cold'] / s['cold']:5.2f}  "
                "(after a change; not the target)"
            )
        return 1 if failed else 0
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(url)


if __name__ == "__main__":
    sys.exit(main())
