"""Phase 3 of bench/scale.py: the key reads on declaratively partitioned copies of the observation table.

`compare` captures the SQL the ORM runs for three reads (the metric page, the API observation list at
`as_of`, the status of all metrics), keeps the statements that read `metrics_observation`, and runs each
with EXPLAIN ANALYZE against the table and against copies of the same rows:

- `obs_hash`: PARTITION BY HASH (metric_id), 16 partitions;
- `obs_range`: PARTITION BY RANGE (period_start), one partition per 5 calendar years.

The copies get every secondary index of the original (its unique indexes included: each contains both
metric_id and period_start, so PostgreSQL accepts them on either partitioned table). They get no primary
key: a partitioned table's must include the partition key, (id, metric_id) or (id, period_start), and no
read here uses it. Partitions are UNLOGGED scratch tables. Figures are server-side execution times (median
of the repeats) summed over the statements of each read.
"""

from __future__ import annotations

import json
import re
import statistics
import time

import psycopg

HASH_PARTITIONS = 16
RANGE_YEARS = 5
TABLE = re.compile(r"\bmetrics_observation\b")


def build_copy(cursor, kind: str) -> str:
    """Create and fill the partitioned copy `obs_<kind>`; return its name."""
    name = f"obs_{kind}"
    started = time.perf_counter()
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    key = "HASH (metric_id)" if kind == "hash" else "RANGE (period_start)"
    cursor.execute(f"CREATE TABLE {name} (LIKE metrics_observation INCLUDING DEFAULTS) PARTITION BY {key}")
    if kind == "hash":
        bounds = [f"WITH (MODULUS {HASH_PARTITIONS}, REMAINDER {n})" for n in range(HASH_PARTITIONS)]
    else:
        first, last = cursor.execute(
            "SELECT extract(year FROM min(period_start))::int, extract(year FROM max(period_start))::int "
            "FROM metrics_observation"
        ).fetchone()
        starts = range(first - first % RANGE_YEARS, last + 1, RANGE_YEARS)
        bounds = [f"FROM ('{y}-01-01') TO ('{y + RANGE_YEARS}-01-01')" for y in starts]
    for n, bound in enumerate(bounds):
        cursor.execute(f"CREATE UNLOGGED TABLE {name}_{n} PARTITION OF {name} FOR VALUES {bound}")
    cursor.execute(f"INSERT INTO {name} SELECT * FROM metrics_observation")  # noqa: S608 -- our own names
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'metrics_observation' "
        "AND indexname NOT LIKE '%%_pkey'"
    )
    for index, definition in cursor.fetchall():
        definition = definition.replace(f'"{index}"', index).replace(index, f"{index}_{kind}", 1)
        cursor.execute(TABLE.sub(name, definition))
    cursor.execute(f"VACUUM ANALYZE {name}")
    size = cursor.execute(f"SELECT pg_size_pretty(sum(pg_total_relation_size(relid))) "
                          f"FROM pg_partition_tree('{name}')").fetchone()[0]  # fmt: skip
    print(f"{name}: {len(bounds)} partitions, built in {time.perf_counter() - started:.0f} s, {size}")
    return name


def captured(user, metric) -> dict[str, list[str]]:
    """The observation-reading SQL of the metric page, the API list at as_of and all-metric statuses."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.scale import AS_OF
    from metrics.models import Metric
    from metrics.status import metric_statuses

    client = Client()
    client.force_login(user)
    reads = {
        "metric page": lambda: client.get(f"/metrics/{metric.slug}/"),
        "API obs as_of": lambda: client.get(f"/api/v1/metrics/{metric.slug}/observations/?as_of={AS_OF}"),
        "status, all metrics": lambda: metric_statuses(list(Metric.objects.all())),
    }
    out = {}
    for name, read in reads.items():
        with CaptureQueriesContext(connection) as queries:
            read()
        out[name] = [q["sql"] for q in queries if TABLE.search(q["sql"])]
    return out


def execution_ms(cursor, sql: str, repeats: int) -> tuple[float, list[str]]:
    """Median server execution time of `sql` and the scan nodes of its plan (which partitions it read)."""
    times, plan = [], None
    for _ in range(repeats):
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
        plan = json.loads(plan)[0] if isinstance(plan, str) else plan[0]
        times.append(plan["Execution Time"])
    return statistics.median(times), sorted(set(_scans(plan["Plan"])))


def _scans(node: dict):
    if "Relation Name" in node:
        yield node["Relation Name"]
    for child in node.get("Plans", []):
        yield from _scans(child)


def timings(cursor, table: str, reads: dict[str, list[str]], repeats: int) -> dict[str, tuple[float, int]]:
    """Per read: summed median execution ms on `table`, and the most relations one statement scanned."""
    out = {}
    for name, statements in reads.items():
        results = [execution_ms(cursor, TABLE.sub(table, sql), repeats) for sql in statements]
        out[name] = (sum(ms for ms, _ in results), max((len(scans) for _, scans in results), default=0))
    return out


def compare(url: str, user, metric, kinds: list[str], repeats: int) -> None:
    """Time the reads on the table, then build, time and drop each copy in turn (one copy on disk at once)."""
    reads = captured(user, metric)
    with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '2GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 1")
        results = {"metrics_observation": timings(cursor, "metrics_observation", reads, repeats)}
        for kind in kinds:
            table = build_copy(cursor, kind)
            results[table] = timings(cursor, table, reads, repeats)
            cursor.execute(f"DROP TABLE {table}")
        print(f"\n{'read (statements)':<28}" + "".join(f"{t:>22}" for t in results))
        for name, statements in reads.items():
            cells = "".join(f"{r[name][0]:>15.1f} ms ({r[name][1]:>2})" for r in results.values())
            print(f"{name + f' ({len(statements)})':<28}{cells}")
        print("(n) = most relations one statement's plan scanned (partitions after pruning)")
        slowest = max((sql for s in reads.values() for sql in s), key=lambda q: execution_ms(cursor, q, 1)[0])
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {slowest}")
        print("\nslowest observation statement on metrics_observation:\n" + slowest[:1500])
        print("\n".join(row[0] for row in cursor.fetchall()))
