"""Compares validated rows with the current vintage and writes created and revised rows.

Never updates a value: a revision is a new row, and the row it replaces only gets `superseded_at`. The
supersede is conditional (`superseded_at IS NULL`), so two imports racing on the same rows cannot both
revise one vintage: the loser sees fewer rows updated than it expected, raises `ConcurrentImport`, and the
caller retries the whole transaction against the new current vintage.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from metrics.ingest.validation import CleanRow
from metrics.models import Observation
from metrics.vintages import current_at

BATCH = 5000
Key = tuple[int, int, date]


class ConcurrentImport(Exception):
    """Another import changed the same observations first; retry against the new current vintage."""


@dataclass(slots=True)
class Current:
    id: int
    revision: int
    value: Decimal | None
    status: str


@dataclass
class Plan:
    created: list[CleanRow]
    revised: list[tuple[CleanRow, Current]]
    unchanged: int


def current_vintage(rows: Sequence[CleanRow]) -> dict[Key, Current]:
    """The current observation for every (metric, geography, period) the rows name."""
    wanted: dict[int, set[tuple[int, date]]] = {}
    for row in rows:
        wanted.setdefault(row.metric_id, set()).add((row.geography_id, row.period_start))
    found: dict[Key, Current] = {}
    for metric_id, keys in wanted.items():
        starts = [start for _, start in keys]
        qs = Observation.objects.filter(
            current_at(),
            metric_id=metric_id,
            period_start__gte=min(starts),
            period_start__lte=max(starts),
        ).values_list("geography_id", "period_start", "pk", "revision", "value", "status")
        for geography_id, start, pk, revision, value, status in qs.iterator(chunk_size=BATCH):
            if (geography_id, start) in keys:
                found[(metric_id, geography_id, start)] = Current(pk, revision, value, status)
    return found


def comparable(value: Decimal | None) -> Decimal | None:
    """The value as the database gives it back: every digit on both databases (metrics.fields), so a
    re-sent figure is `unchanged` and a change in the 17th digit is a revision."""
    return value


def plan(rows: Sequence[CleanRow]) -> Plan:
    current = current_vintage(rows)
    created: list[CleanRow] = []
    revised: list[tuple[CleanRow, Current]] = []
    unchanged = 0
    for row in rows:
        existing = current.get((row.metric_id, row.geography_id, row.period_start))
        if existing is None:
            created.append(row)
        elif comparable(existing.value) == comparable(row.value) and existing.status == row.status:
            unchanged += 1
        else:
            revised.append((row, existing))
    return Plan(created, revised, unchanged)


def write(planned: Plan, *, upload_id: int | None, recorded_at: datetime) -> None:
    """Apply a plan inside the caller's transaction."""
    superseded_ids = [existing.id for _, existing in planned.revised]
    for start in range(0, len(superseded_ids), BATCH):
        chunk = superseded_ids[start : start + BATCH]
        updated = Observation.objects.filter(pk__in=chunk, superseded_at__isnull=True).update(
            superseded_at=recorded_at
        )
        if updated != len(chunk):
            raise ConcurrentImport
    new_rows = _new_rows(planned, upload_id=upload_id, recorded_at=recorded_at)
    Observation.objects.bulk_create(new_rows, batch_size=BATCH)


def _new_rows(planned: Plan, *, upload_id: int | None, recorded_at: datetime) -> Iterable[Observation]:
    for row in planned.created:
        yield _observation(row, 1, upload_id, recorded_at)
    for row, existing in planned.revised:
        yield _observation(row, existing.revision + 1, upload_id, recorded_at)


def _observation(row: CleanRow, revision: int, upload_id: int | None, recorded_at: datetime) -> Observation:
    return Observation(
        metric_id=row.metric_id,
        geography_id=row.geography_id,
        period_start=row.period_start,
        revision=revision,
        value=row.value,
        status=row.status,
        note=row.note,
        recorded_at=recorded_at,
        upload_id=upload_id,
    )
