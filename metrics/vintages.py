"""The one definition of "current as of" (ADR 0001: append-only observations).

A row was the current vintage at a moment t when it had been recorded by then and not yet superseded:
``recorded_at <= t < superseded_at`` (or ``superseded_at`` unset). With no moment, "current" means "not
superseded". The ORM form (`current_at`) and the SQL form (`current_at_sql`, for the set-based queries of
metrics.status and metrics.ingest.pg) are written side by side here and tested against each other.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q


def current_at(as_of: datetime | None = None) -> Q:
    """Observations that were the current vintage at ``as_of`` (now when None)."""
    if as_of is None:
        return Q(superseded_at__isnull=True)
    return Q(recorded_at__lte=as_of) & (Q(superseded_at__isnull=True) | Q(superseded_at__gt=as_of))


def current_at_sql(as_of: datetime | None = None, *, alias: str = "o") -> tuple[str, list]:
    """`current_at` as a SQL condition on the observations table aliased ``alias``, with its parameters."""
    if as_of is None:
        return f"{alias}.superseded_at IS NULL", []
    condition = f"{alias}.recorded_at <= %s AND ({alias}.superseded_at IS NULL OR {alias}.superseded_at > %s)"
    return condition, [as_of, as_of]
