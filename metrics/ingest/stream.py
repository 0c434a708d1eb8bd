"""PostgreSQL: write a file's rows while the rest of it is still being checked (issue 13).

A file's rows used to be checked and staged first and written after, so an import took the time of the
Python checks plus the time of PostgreSQL's index maintenance, one after the other. When the metrics a file
names are known before it is read (a CSV's metric column is read ahead, quickly, by `metrics.ingest.files`),
the import service takes every metric's lock first, and the writes need not wait for the end of the file:
`StreamWriter` hands each chunk of checked rows to a thread that owns the import's connection and writes
the chunk while the calling thread checks the next. Python's checks and PostgreSQL's inserts overlap on
two cores.

Each chunk is written in one of two ways, both exact under the metric locks:
- rows of a metric that had no observation when the locks were taken (a first load, a backfill) cannot
  meet an earlier vintage: they are copied straight into the observations table as revision 1;
- the other rows go through a small staging table (`ingest_chunk`) and one INSERT … ON CONFLICT statement
  (metrics.ingest.pg.upsert_sql) that finds each row's current vintage in the unique index itself, so no
  plan depends on statistics that a table growing by millions of rows has not caught up with.

Nothing about the rules changes. Everything happens in the caller's transaction; after the first row error
nothing more is written (later rows are only staged in `ingest_staging`, so a refused file's counts still
add up) and the caller rolls the writes back. Rows of an approved period (ADR 0018) are refused before they
reach a chunk. Only the thread touches the connection while it runs: the calling thread does no database
work until `close` has joined it (progress is recorded on a connection of its own).
"""

from __future__ import annotations

import queue
import threading
from datetime import date, datetime

from metrics.ingest import pg
from metrics.ingest.validation import Clean, Validator

CHUNK = "ingest_chunk"
CHUNK_ROWS = 50_000  # rows per write: enough to amortise the statements, few enough to overlap well
# The upsert joins the rows it superseded with the chunk, to insert their next revisions: two small sets,
# which a nested loop over a chunk without statistics (a fresh temporary table) would compare pairwise.
_UPSERT = pg.upsert_sql(CHUNK)
_COPY_CHUNK = pg.copy_sql(CHUNK)
_LOCK_GEOGRAPHIES = "SELECT 1 FROM metrics_geography WHERE id = ANY(%s) FOR KEY SHARE"


def metrics_without_observations(cursor, metric_ids) -> set[int]:
    """Of these (locked) metrics, those with no observation at all: one index probe each."""
    empty = set()
    for metric_id in metric_ids:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {pg.OBSERVATIONS} WHERE metric_id = %s)", [metric_id])  # noqa: S608
        if not cursor.fetchone()[0]:
            empty.add(metric_id)
    return empty


class _Stopped(Exception):
    """The writing thread failed; `close` raises its error."""


class StreamWriter:
    """A `flush` for Validator.run that writes chunks on a thread of its own. Use as a context manager."""

    def __init__(
        self, connection, validator: Validator, *, upload_id: int, recorded_at: datetime, locked, empty
    ):
        self.connection = connection  # Django's (a per-thread proxy: read it on the calling thread only)
        self._psycopg = connection.connection  # the import's own connection, used by the thread only
        self.validator = validator
        self.params = {"upload_id": upload_id, "recorded_at": recorded_at}
        self.locked = locked  # (metric id, period start) -> open approval
        self.empty = frozenset(empty)
        self._suffix = f"\t1\t{recorded_at.isoformat()}\t{upload_id}\n"
        self.hits: list[tuple[int, tuple[int, date]]] = []  # rows of approved periods: (row, pair)
        self.created = self.revised = self.written_rows = 0
        self.error: BaseException | None = None
        self._direct: list[str] = []
        self._staged: list[str] = []
        self._direct_rows = self._rows = 0
        self._geographies: set[int] = set()  # locked FOR KEY SHARE so far
        self._queue: queue.Queue = queue.Queue(maxsize=2)  # bounded: memory stays at a few chunks
        self._thread = threading.Thread(target=self._run, name="ingest-writer", daemon=True)

    def __enter__(self) -> StreamWriter:
        self._thread.start()
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.close(raising=kind is None or kind is _Stopped)

    @property
    def clean(self) -> bool:
        """No row has failed so far: chunks are written (otherwise only staged, for the counts)."""
        return not self.validator.errors and not self.hits

    def flush(self, batch: list[Clean]) -> None:
        if self.error is not None:
            raise _Stopped
        if self.locked:
            batch = self._refuse_approved(batch)
        if not self.clean:
            self._send(write=True)  # what was checked before the first error (undone with the rest)
            self._queue.put((None, pg.copy_text(batch), len(batch), False, ()))
            return
        if self.empty:
            empty = self.empty
            direct = [row for row in batch if row[1].metric_id in empty]
            if direct:
                self._direct.append(pg.copy_text_direct(direct, self._suffix))
                self._direct_rows += len(direct)
                if len(direct) < len(batch):
                    self._staged.append(pg.copy_text([row for row in batch if row[1].metric_id not in empty]))
                self._rows += len(batch)
                if self._rows >= CHUNK_ROWS:
                    self._send(write=True)
                return
        self._staged.append(pg.copy_text(batch))
        self._rows += len(batch)
        if self._rows >= CHUNK_ROWS:
            self._send(write=True)

    def close(self, *, raising: bool = True) -> None:
        """Send what is left, wait for the thread, and raise its error (as Django's database errors)."""
        if self._thread.is_alive():
            if self.error is None and raising and self.clean:
                self._send(write=True)
            self._queue.put(None)
            self._thread.join()
        if raising and self.error is not None:
            with self.connection.wrap_database_errors:
                raise self.error

    def _send(self, *, write: bool) -> None:
        if not self._rows:
            return
        seen = set(self.validator._geographies.values())
        geographies = sorted(seen - self._geographies)
        self._geographies |= seen
        direct = "".join(self._direct) if self._direct else None
        self._queue.put(((direct, self._direct_rows), "".join(self._staged), self._rows, write, geographies))
        self._direct, self._staged, self._direct_rows, self._rows = [], [], 0, 0

    def _refuse_approved(self, batch: list[Clean]) -> list[Clean]:
        kept = []
        for clean in batch:
            pair = (clean[1].metric_id, clean[1].start)
            if pair in self.locked:
                self.hits.append((clean[0], pair))
            else:
                kept.append(clean)
        return kept

    # The writing thread ------------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            with self._psycopg.cursor() as cursor:
                cursor.execute("SET LOCAL enable_nestloop = off")  # see _UPSERT's note
                cursor.execute("SET LOCAL work_mem = '64MB'")  # a chunk's sorts stay in memory
                while (item := self._queue.get()) is not None:
                    direct, staged, rows, write, geographies = item
                    if write:
                        self._write(cursor, direct, staged, rows, geographies)
                    else:
                        with cursor.copy(pg.COPY) as copy:
                            copy.write(staged)
                cursor.execute("SET LOCAL enable_nestloop TO DEFAULT")
                cursor.execute("SET LOCAL work_mem TO DEFAULT")
        except BaseException as exc:  # handed to the calling thread, which raises it in `close`
            self.error = exc
            while self._queue.get() is not None:  # let the calling thread finish without blocking
                pass

    def _write(self, cursor, direct, staged: str, rows: int, geographies: list[int]) -> None:
        if geographies:  # no per-row keys on observations: keep what they name in place until commit
            cursor.execute(_LOCK_GEOGRAPHIES, [geographies])
        text, direct_rows = direct
        if text:
            with cursor.copy(pg.COPY_DIRECT) as copy:
                copy.write(text)
            self.created += direct_rows
        if staged:
            cursor.execute(f"TRUNCATE {CHUNK}")
            with cursor.copy(_COPY_CHUNK) as copy:
                copy.write(staged)
            cursor.execute(_UPSERT, self.params)
            created, revised = cursor.fetchone()
            self.created += created
            self.revised += revised
        self.written_rows += rows
