"""PostgreSQL fast path: COPY validated rows into a temporary staging table, then classify and write in SQL.

Validated rows stream into `ingest_staging` with COPY while the file is still being read, so parsing in
Python and loading in PostgreSQL overlap. Classification (created / revised / unchanged) and the writes are
then three set-based statements instead of a million round trips:

1. the changed current vintages are superseded with one UPDATE … FROM, whose RETURNING feeds an
   INSERT … SELECT of their next revisions (same statement, so a supersede never loses its successor);
2. rows with no current vintage are inserted as revision 1 (INSERT … SELECT … WHERE NOT EXISTS);
3. everything else is unchanged.

Before classifying, the transaction takes a `pg_advisory_xact_lock` per metric in ascending id order, so two
imports touching the same metrics run one after the other (and never deadlock), and the second sees the
first's vintages: nothing is lost and nobody gets a server error.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from metrics.ingest.validation import Clean
from metrics.models import OBSERVATION_DECIMALS, OBSERVATION_DIGITS, Observation
from metrics.vintages import current_at_sql

# Every SQL text below is assembled from our own identifiers only; values always go as parameters.

LOCK_NAMESPACE = 0x4D44  # "MD": keeps our advisory locks apart from anyone else's
STAGING = "ingest_staging"
OBSERVATIONS = Observation._meta.db_table


def upsert_sql(table: str) -> str:
    """Write the rows in `table` in one statement that needs no join with the observations table: each row
    is inserted as revision 1 unless the current-vintage index already holds its key (ON CONFLICT, checked
    row by row in that index, whatever the planner's statistics say); a current vintage whose value or
    status differs is superseded, and the row is then inserted as its next revision. Returns (created,
    revised); unchanged rows write nothing."""
    return f"""
    WITH attempted AS (
        INSERT INTO {OBSERVATIONS} AS o ({_COLUMNS})
        SELECT s.metric_id, s.geography_id, s.period_start, 1, s.value, s.status, s.note,
               %(recorded_at)s, %(upload_id)s
        FROM {table} s
        ORDER BY s.metric_id, s.geography_id, s.period_start
        ON CONFLICT (metric_id, geography_id, period_start) WHERE superseded_at IS NULL
        DO UPDATE SET superseded_at = EXCLUDED.recorded_at
            WHERE o.value IS DISTINCT FROM EXCLUDED.value OR o.status <> EXCLUDED.status
        RETURNING o.metric_id, o.geography_id, o.period_start, o.revision, o.superseded_at IS NOT NULL AS old
    ), revised AS (
        INSERT INTO {OBSERVATIONS} ({_COLUMNS})
        SELECT s.metric_id, s.geography_id, s.period_start, a.revision + 1, s.value, s.status, s.note,
               %(recorded_at)s, %(upload_id)s
        FROM attempted a JOIN {table} s USING (metric_id, geography_id, period_start)
        WHERE a.old
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM attempted WHERE NOT old), (SELECT count(*) FROM revised)
    """  # noqa: S608 (identifiers are ours, values are parameters)


def _staging_ddl(table: str) -> str:
    return f"""
    CREATE TEMP TABLE {table} (
        row integer NOT NULL,
        metric_id bigint NOT NULL,
        period_start date NOT NULL,
        geography_id bigint NOT NULL,
        value numeric({OBSERVATION_DIGITS}, {OBSERVATION_DECIMALS}),
        status varchar(16) NOT NULL,
        note varchar(500) NOT NULL
    ) ON COMMIT DROP
    """


def copy_sql(table: str) -> str:
    return f"COPY {table} (row, metric_id, period_start, geography_id, value, status, note) FROM STDIN"


COPY = copy_sql(STAGING)

_SAME_KEY = f"""
    o.metric_id = s.metric_id AND o.geography_id = s.geography_id AND o.period_start = s.period_start
    AND {current_at_sql(alias="o")[0]}
"""
_CHANGED = "(o.value IS DISTINCT FROM s.value OR o.status <> s.status)"

_COUNT = f"""
    SELECT count(*) FILTER (WHERE o.id IS NULL),
           count(*) FILTER (WHERE o.id IS NOT NULL AND {_CHANGED}),
           count(*) FILTER (WHERE o.id IS NOT NULL AND NOT {_CHANGED})
    FROM {STAGING} s LEFT JOIN {OBSERVATIONS} o ON {_SAME_KEY}
"""  # noqa: S608 (identifiers are ours, values are parameters)

_COLUMNS = "metric_id, geography_id, period_start, revision, value, status, note, recorded_at, upload_id"


def revise_sql(table: str) -> str:
    """Supersede the changed current vintages of the rows in `table` and insert their next revisions."""
    return f"""
    WITH superseded AS (
        UPDATE {OBSERVATIONS} o SET superseded_at = %(recorded_at)s
        FROM {table} s
        WHERE {_SAME_KEY} AND {_CHANGED}
        RETURNING s.metric_id, s.geography_id, s.period_start, o.revision, s.value, s.status, s.note
    )
    INSERT INTO {OBSERVATIONS} ({_COLUMNS})
    SELECT metric_id, geography_id, period_start, revision + 1, value, status, note,
           %(recorded_at)s, %(upload_id)s
    FROM superseded
    """  # noqa: S608 (identifiers are ours, values are parameters)


def create_sql(table: str) -> str:
    """Insert the rows in `table` that have no current vintage as revision 1, in the indexes' order."""
    return f"""
    INSERT INTO {OBSERVATIONS} ({_COLUMNS})
    SELECT s.metric_id, s.geography_id, s.period_start, 1, s.value, s.status, s.note,
           %(recorded_at)s, %(upload_id)s
    FROM {table} s
    WHERE NOT EXISTS (SELECT 1 FROM {OBSERVATIONS} o WHERE {_SAME_KEY})
    ORDER BY s.metric_id, s.geography_id, s.period_start
    """  # noqa: S608 (identifiers are ours, values are parameters)


def lock_geographies_sql(table: str) -> str:
    """Keep the geographies the rows in `table` reference in place until we commit (no per-row keys)."""
    return (
        "SELECT 1 FROM metrics_geography WHERE id IN "  # noqa: S608 (identifiers are ours)
        f"(SELECT DISTINCT geography_id FROM {table}) FOR KEY SHARE"
    )


_REVISE = revise_sql(STAGING)
_CREATE_NEW = create_sql(STAGING)
_LOCK_GEOGRAPHIES = lock_geographies_sql(STAGING)

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NULL = "\\N"


def create_staging(cursor, table: str = STAGING) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(_staging_ddl(table))


def drop_staging(cursor) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")


def copy_text(batch: list[Clean]) -> str:
    """A batch of clean rows as the text of COPY … FROM STDIN (the staging table's columns)."""
    lines = []
    append = lines.append
    for row, pair, geography_id, value, status, note in batch:
        if value is None:
            value = _NULL
        if note:
            note = note.translate(_ESCAPES)
        append(f"{row}\t{pair.copy_prefix}{geography_id}\t{value}\t{status}\t{note}\n")
    return "".join(lines)


def copy_text_direct(batch: list[Clean], suffix: str) -> str:
    """The same rows for COPY straight into the observations table (COPY_DIRECT's columns), each line
    ending with `suffix`: the revision, recorded_at and upload columns, the same for every row."""
    lines = []
    append = lines.append
    for _, pair, geography_id, value, status, note in batch:
        if value is None:
            value = _NULL
        if note:
            note = note.translate(_ESCAPES)
        append(f"{pair.copy_prefix}{geography_id}\t{value}\t{status}\t{note}{suffix}")
    return "".join(lines)


COPY_DIRECT = (
    f"COPY {OBSERVATIONS} (metric_id, period_start, geography_id, value, status, note, revision,"
    " recorded_at, upload_id) FROM STDIN"
)


def copy_writer(copy):
    """A `flush` for Validator.run: formats a batch of clean rows as COPY text and sends it."""
    write = copy.write

    def flush(batch: list[Clean]) -> None:
        write(copy_text(batch))

    return flush


def analyse(cursor) -> None:
    """Temporary tables get no statistics by themselves; without them the joins below plan badly."""
    cursor.execute(f"ANALYZE {STAGING}")


def count(cursor) -> tuple[int, int, int]:
    """(created, revised, unchanged) the staged rows would give, writing nothing."""
    cursor.execute(_COUNT)
    created, revised, unchanged = cursor.fetchone()
    return created, revised, unchanged


def lock_metrics(cursor, metric_ids: Iterable[int], *, staged_geographies: bool = True) -> None:
    """Serialise imports per metric (ascending ids: no deadlocks), and keep what we reference in place.

    Observations have no per-row foreign keys (migration 0004_ingest_observation_refs): the ids we write
    were resolved from the database, and FOR KEY SHARE stops anyone deleting those rows until we commit.
    """
    metric_ids = sorted(metric_ids)
    for metric_id in metric_ids:
        cursor.execute("SELECT pg_advisory_xact_lock(%s::int, %s::int)", [LOCK_NAMESPACE, metric_id])
    cursor.execute("SELECT 1 FROM metrics_metric WHERE id = ANY(%s) FOR KEY SHARE", [metric_ids])
    if staged_geographies:  # (metrics.ingest.stream locks each chunk's geographies as it writes it)
        cursor.execute(_LOCK_GEOGRAPHIES)


def write(cursor, *, upload_id: int | None, recorded_at: datetime) -> tuple[int, int]:
    """Apply the staged rows inside the caller's transaction; returns (created, revised)."""
    params = {"recorded_at": recorded_at, "upload_id": upload_id}
    cursor.execute("SET LOCAL work_mem = '256MB'")  # sorts and hash joins of a million rows stay in memory
    cursor.execute(_REVISE, params)
    revised = cursor.rowcount
    cursor.execute(_CREATE_NEW, params)
    return cursor.rowcount, revised
