"""The arithmetic behind metrics.progress.assess: rates, ratios, trajectory interpolation and cleaning a
series. Pure Python, like the module it serves."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from metrics.periods import years_between
from metrics.progress_text import Formatter, to_float

if TYPE_CHECKING:
    from metrics.progress import Point

HIGHER = "higher"
LOWER = "lower"
DIRECTIONS = (HIGHER, LOWER)


def compound_ok(base: Point, latest: Point, target: float | None) -> bool:
    """Compound growth needs positive values (a zero target is replaced by SMALL_NUMBER, as Open SDG)."""
    return to_float(base.value) > 0 and to_float(latest.value) > 0 and (target is None or target >= 0)


def rate(start: float, end: float, years: float, compound: bool) -> float:
    """Per-year rate: Open SDG's ``growth_calculation`` (compound), or absolute change per year."""
    if compound:
        return (end / start) ** (1 / years) - 1
    return (end - start) / years


def ratio_of(sign: int, observed: float, required: float) -> float | None:
    """Open SDG's ``direction * observed / abs(required)``; None when no change was required."""
    if required == 0:
        return None
    return sign * observed / abs(required)


def planned_value(base: Point, plan: list[Point], when: date, fmt: Formatter) -> tuple[float, str]:
    """Trajectory value at ``when``, interpolated linearly; also says how it was obtained."""
    if when >= plan[-1].when:
        last = plan[-1]
        how = (
            "the trajectory's value"
            if when == last.when
            else f"its last planned value, for {fmt.when(last.when)}"
        )
        return to_float(last.value), how
    anchors = [base, *(p for p in plan if p.when > base.when)]
    for before, after in zip(anchors, anchors[1:], strict=False):
        if before.when <= when <= after.when:
            if when == after.when:
                return to_float(after.value), "the trajectory's value"
            share = (when - before.when).days / (after.when - before.when).days
            value = to_float(before.value) + share * (to_float(after.value) - to_float(before.value))
            how = (
                f"interpolated linearly between {fmt.when(before.when)} ({fmt.value(before.value)}) "
                f"and {fmt.when(after.when)} ({fmt.value(after.value)})"
            )
            return value, how
    return to_float(plan[0].value), "the trajectory's first value"  # latest precedes every planned point


def direction_sign(direction: str) -> int:
    if direction == HIGHER:
        return 1
    if direction == LOWER:
        return -1
    raise ValueError(f"Direction must be 'higher' or 'lower' (which is better), not {direction!r}.")


def clean_points(points: Iterable[Point], what: str) -> list[Point]:
    """Sorted by date, dropping missing values; two values for one date is an error (ambiguous)."""
    kept = []
    for point in points:
        if point.value is None:
            continue
        number = to_float(point.value)
        if math.isnan(number):
            continue
        if math.isinf(number):
            raise ValueError(f"The value for {point.when} is infinite.")
        kept.append(point)
    kept.sort(key=lambda p: p.when)
    for before, after in zip(kept, kept[1:], strict=False):
        if before.when == after.when:
            raise ValueError(
                f"The {what} have two values for {after.when}: {before.value} and {after.value}."
            )
    return kept


def span_years(base: Point, latest: Point) -> float:
    return years_between(base.when, latest.when)
