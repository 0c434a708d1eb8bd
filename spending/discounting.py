"""Green Book discounting: a pure module (no Django), versioned schedules, tested against hand-computed
factors.

The discount factor for year t (year 0 = the appraisal's first year, undiscounted) is the product of
1 / (1 + r_i) over years i = 1..t, where r_i is the rate of the band year i falls in, so a schedule that
steps down after year 30 keeps compounding from where it reached (Green Book 2026, annex A6):
DF_10 at 3.5% = 1 / 1.035^10 ≈ 0.7089; DF_31 = DF_30 / 1.03.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache


@dataclass(frozen=True)
class Band:
    first_year: int  # the rate applies to years first_year..last_year (inclusive)
    last_year: int | None  # None: every later year
    rate: Decimal


@dataclass(frozen=True)
class Schedule:
    version: str
    name: str
    source: str
    standard: tuple[Band, ...]
    health: tuple[Band, ...]

    def bands(self, *, health: bool = False) -> tuple[Band, ...]:
        return self.health if health else self.standard


def _bands(*rates: str) -> tuple[Band, ...]:
    limits = [(0, 30), (31, 75), (76, 125), (126, 200), (201, 300), (301, None)]
    return tuple(Band(lo, hi, Decimal(r)) for (lo, hi), r in zip(limits, rates, strict=True))


GREEN_BOOK_2026 = Schedule(
    version="green-book-2026",
    name="HM Treasury Green Book (2026): social time preference rate",
    source="HM Treasury, The Green Book (2026), annex A6: discount rates",
    standard=_bands("0.035", "0.03", "0.025", "0.02", "0.015", "0.01"),
    health=_bands("0.015", "0.0129", "0.0107", "0.0086", "0.0064", "0.0043"),
)
SCHEDULES = {GREEN_BOOK_2026.version: GREEN_BOOK_2026}
CURRENT = GREEN_BOOK_2026.version


def schedule(version: str = CURRENT) -> Schedule:
    try:
        return SCHEDULES[version]
    except KeyError:
        raise ValueError(f"No discount schedule called '{version}'; known: {', '.join(SCHEDULES)}") from None


def rate_for_year(year: int, bands: Iterable[Band]) -> Decimal:
    for band in bands:
        if year >= band.first_year and (band.last_year is None or year <= band.last_year):
            return band.rate
    raise ValueError(f"Year {year} is before the schedule starts")


@lru_cache(maxsize=16)
def _factors(version: str, health: bool, up_to: int) -> tuple[float, ...]:
    bands = schedule(version).bands(health=health)
    factors = [1.0]
    for year in range(1, up_to + 1):
        factors.append(factors[-1] / (1.0 + float(rate_for_year(year, bands))))
    return tuple(factors)


def discount_factor(year: int, *, health: bool = False, version: str = CURRENT) -> float:
    """DF for year `year` (0 = undiscounted)."""
    if year < 0:
        raise ValueError("A discount year cannot be negative")
    return _factors(version, health, max(year, 0) + (-max(year, 0) % 50))[year]


def present_value(
    flows: Iterable[tuple[int, float]], *, health: bool = False, version: str = CURRENT
) -> float:
    """Sum of value × DF(year) over (year, value) pairs."""
    return sum(value * discount_factor(year, health=health, version=version) for year, value in flows)
