"""Shared helpers of the demo loader: the upsert that keeps it idempotent, dates and the tally it prints."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.db import models
from django.utils import timezone

DATA_DIR = Path(__file__).resolve().parent / "data"
SERIES_CSV = DATA_DIR / "uk_mission_series.csv"
ADDITIONS_CSV = DATA_DIR / "uk_mission_series_additions.csv"

# "End of this Parliament" (targets.md §A) as one documented date. The Parliament elected in July 2024 first
# met on 9 July 2024; under s.4 of the Dissolution and Calling of Parliament Act 2022 it dissolves automatically
# at the beginning of the fifth anniversary of that day, so 8 July 2029 is the last day it can sit. A target
# "by the end of this Parliament" is therefore tested on the last reporting period that ends by this date
# (see metrics.last_period_start_by).
END_OF_PARLIAMENT = date(2029, 7, 8)

ILLUSTRATIVE = "Illustrative example for the demo, not real government business."


class Tally:
    """Counts rows created and updated per model, for the summary the command prints."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()

    def add(self, model: type[models.Model], created: bool) -> None:
        (self.created if created else self.updated)[model._meta.label] += 1

    @property
    def created_total(self) -> int:
        return sum(self.created.values())


def upsert(
    tally: Tally,
    model: type[models.Model],
    lookup: dict[str, Any],
    defaults: dict[str, Any] | None = None,
    m2m: dict[str, Any] | None = None,
) -> Any:
    """update_or_create on a natural key, but through full_clean() so model validation and constraints run."""
    obj = model._default_manager.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    for field, value in (defaults or {}).items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    for field, values in (m2m or {}).items():
        getattr(obj, field).set(values)
    tally.add(model, created)
    return obj


def today() -> date:
    return timezone.localdate()


def days_from_today(days: int) -> date:
    """Illustrative meetings and actions are placed relative to the day the loader runs, so the demo always
    has past and upcoming meetings and overdue actions; their natural keys do not include the date."""
    return today() + timedelta(days=days)


def at_ten(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))
