"""What a metric page was asked for: the "as at" date, the geographies and the table page (GET, no JS)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.http import QueryDict
from django.utils import timezone

from metrics.models import Geography, Metric

MAX_GEOGRAPHIES = 6  # one per palette colour


@dataclass
class MetricQuery:
    as_at: date | None = None
    geographies: list[Geography] = field(default_factory=list)
    page: str = "1"
    errors: list[dict] = field(default_factory=list)

    @property
    def as_of(self) -> datetime | None:
        """The end of the chosen day, local time: figures recorded that day count as known."""
        if self.as_at is None:
            return None
        return timezone.make_aware(datetime.combine(self.as_at, time.max))

    def params(self, **override) -> str:
        """The query string for links that keep the current choices (pagination, downloads)."""
        query = QueryDict(mutable=True)
        if self.as_at:
            query["as_at"] = self.as_at.isoformat()
        query.setlist("geography", [g.code for g in self.geographies])
        for key, value in override.items():
            query[key] = value
        return query.urlencode()


def parse_as_at(request) -> MetricQuery:
    query = MetricQuery(page=request.GET.get("page", "1"))
    raw = request.GET.get("as_at", "").strip()
    if raw:
        try:
            query.as_at = date.fromisoformat(raw)
        except ValueError:
            query.errors.append(
                {"href": "#as_at", "text": "Enter the date as a year, month and day, like 2024-03-31"}
            )
        else:
            if query.as_at > timezone.localdate():
                query.errors.append({"href": "#as_at", "text": "The date must be today or in the past"})
                query.as_at = None
    return query


def choose_geographies(request, query: MetricQuery, metric: Metric, available: list[Geography]) -> None:
    by_code = {g.code: g for g in available}
    chosen = [by_code[c] for c in request.GET.getlist("geography") if c in by_code]
    if len(chosen) > MAX_GEOGRAPHIES:
        query.errors.append(
            {"href": "#geography", "text": f"Choose up to {MAX_GEOGRAPHIES} geographies to compare"}
        )
        chosen = chosen[:MAX_GEOGRAPHIES]
    query.geographies = chosen or _default(metric, available)


def _default(metric: Metric, available: list[Geography]) -> list[Geography]:
    preferred = [g for g in available if g.pk == metric.default_geography_id]
    return preferred or available[:1]
