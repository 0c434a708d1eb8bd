"""The shipped CSV of real series (data/uk_mission_series.csv) and what the loader derives from it."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from .common import SERIES_CSV

# The CSV names geographies in words; the dashboard uses ONS GSS codes.
GEOGRAPHY_CODES = {
    "United Kingdom": "K02000001",
    "United Kingdom (GBR)": "K02000001",  # OWID's name for the UK
    "England": "E92000001",
    "England and Wales": "K04000001",
}


@dataclass
class Series:
    slug: str
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return self.rows[0]["unit"]

    @property
    def geography_code(self) -> str:
        (code,) = {GEOGRAPHY_CODES[row["geography"]] for row in self.rows}
        return code

    @property
    def source(self) -> str:
        """The CSV's `source` text; a series built from several releases lists each once."""
        return "; ".join(sorted({row["source"] for row in self.rows}))

    @property
    def decimals(self) -> int:
        return max(len(row["value"].partition(".")[2]) for row in self.rows)

    def value(self, period: str) -> Decimal:
        (value,) = [row["value"] for row in self.rows if row["period"] == period]
        return Decimal(value)


@lru_cache(maxsize=1)
def read_series() -> dict[str, Series]:
    series: dict[str, Series] = defaultdict(lambda: Series(slug=""))
    with SERIES_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            entry = series[row["metric_slug"]]
            entry.slug = row["metric_slug"]
            entry.rows.append(row)
    return dict(series)


def import_rows() -> list[dict[str, str]]:
    """The CSV as rows for metrics.services.observation_import (metric, period, geography, value[, status, note])."""
    rows = []
    for series in read_series().values():
        for row in series.rows:
            out = {
                "metric": row["metric_slug"],
                "period": row["period"],
                "geography": GEOGRAPHY_CODES[row["geography"]],
                "value": row["value"],
            }
            if row["source"].startswith("owid/energy-data") and row["period"] == "2025":
                # README caveat: OWID's 2025 row is the newest Ember annual estimate and may be revised.
                out["status"] = "provisional"
                out["note"] = "Newest Ember annual estimate (via OWID); may be revised."
            rows.append(out)
    return rows
