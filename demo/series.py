"""The shipped CSV of real series (data/uk_mission_series.csv) and what the loader derives from it."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from .common import ADDITIONS_CSV, SERIES_CSV

# The CSV names geographies in words; the dashboard uses ONS GSS codes.
GEOGRAPHY_CODES = {
    "United Kingdom": "K02000001",
    "United Kingdom (GBR)": "K02000001",  # OWID's name for the UK
    "England": "E92000001",
    "England and Wales": "K04000001",
    # uk_mission_series_additions.csv (ADDITIONS.md lists each name's code)
    "North East": "E12000001",
    "North West": "E12000002",
    "Yorkshire and The Humber": "E12000003",
    "East Midlands": "E12000004",
    "West Midlands": "E12000005",
    "East of England": "E12000006",
    "London": "E12000007",
    "South East": "E12000008",
    "South West": "E12000009",
    "Wales": "W92000004",
    "Northern Ireland": "N92000002",
}
#: A series of several geographies (regions and nations) is shown by default at the widest of these.
DEFAULT_ORDER = ("K02000001", "K04000001", "E92000001")


@dataclass
class Series:
    slug: str
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return self.rows[0]["unit"]

    @property
    def geography_code(self) -> str:
        """The series' geography; for a series of several areas (regions), the widest of them."""
        codes = {GEOGRAPHY_CODES[row["geography"]] for row in self.rows}
        if len(codes) == 1:
            (code,) = codes
            return code
        return next(code for code in DEFAULT_ORDER if code in codes)

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
    return _read(SERIES_CSV)


@lru_cache(maxsize=1)
def read_additions() -> dict[str, Series]:
    """The additions file, keyed by the CSV's own slugs (see additions.SLUG_MAP for the metric each feeds)."""
    return _read(ADDITIONS_CSV)


def _read(path) -> dict[str, Series]:
    series: dict[str, Series] = defaultdict(lambda: Series(slug=""))
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            entry = series[row["metric_slug"]]
            entry.slug = row["metric_slug"]
            entry.rows.append(row)
    return dict(series)


def addition_rows(slug_map: dict[str, str]) -> list[dict[str, str]]:
    """The additions as import rows, each under the slug of the metric it feeds."""
    return [
        {
            "metric": slug_map.get(row["metric_slug"], row["metric_slug"]),
            "period": row["period"],
            "geography": GEOGRAPHY_CODES[row["geography"]],
            "value": row["value"],
        }
        for series in read_additions().values()
        for row in series.rows
    ]


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
