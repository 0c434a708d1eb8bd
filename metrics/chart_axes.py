"""The honest parts of a chart, as pure functions: where a period is drawn, where a line must break, and
axis ranges that neither zoom into milliseconds nor stretch a tiny change to fill the plot.

See docs/decisions/0016-honest-charts-and-numbers.md for the figures behind each choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

MIN_X_SPAN_DAYS = 366  # a chart shows at least a year: four monthly points never fill the whole width
X_PAD_FRACTION = 0.04
MIN_X_PAD_DAYS = 20
MIN_Y_SPAN_FRACTION = 0.2  # 1.8 -> 1.9 spans a quarter of the height, not all of it
Y_PAD_FRACTION = 0.12  # room above the highest point for the target's label


def position(start: date, end: date | None) -> date:
    """Where a period is drawn: a pooled period (2018-20) at the middle of its span, any single-year or
    shorter period at its first day (where the axis puts that year's or month's tick)."""
    if end is None or (end - start).days <= 366:
        return start
    return start + (end - start) / 2


def segments(
    starts: Sequence[date], ends: Sequence[date] | None, breaks: Sequence[date] = ()
) -> list[list[int]]:
    """Indices of the points grouped into runs a line may join: a new run begins after a missing period
    (the next start is later than the day after the previous end) or at a declared break in the series.
    Without period ends (point-in-time metrics) only breaks split the line."""
    runs: list[list[int]] = []
    for i in range(len(starts)):
        if i == 0:
            runs.append([i])
            continue
        previous, current = starts[i - 1], starts[i]
        gap = ends is not None and current > ends[i - 1] + timedelta(days=1)
        broken = any(previous < b <= current for b in breaks)
        if gap or broken:
            runs.append([i])
        else:
            runs[-1].append(i)
    return runs


def date_range(dates: Sequence[date]) -> list[str] | None:
    """The x-axis range: at least MIN_X_SPAN_DAYS wide, centred on the data, with padding so markers and
    the target's label at either end are never cut off."""
    if not dates:
        return None
    low, high = min(dates), max(dates)
    span = (high - low).days
    if span < MIN_X_SPAN_DAYS:
        extra = (MIN_X_SPAN_DAYS - span) / 2
        low, high = low - timedelta(days=extra), high + timedelta(days=extra)
        span = MIN_X_SPAN_DAYS
    pad = timedelta(days=max(MIN_X_PAD_DAYS, span * X_PAD_FRACTION))
    return [(low - pad).isoformat(), (high + pad).isoformat()]


def tick_format(x_range: list[str] | None) -> str:
    """Years on long axes, month and year on short ones: never times of day."""
    if not x_range:
        return "%Y"
    span = (date.fromisoformat(x_range[1]) - date.fromisoformat(x_range[0])).days
    return "%b %Y" if span <= 3 * 366 else "%Y"


def value_range(values: Sequence[float], *, pad: float = Y_PAD_FRACTION) -> tuple[float, float] | None:
    """A y range at least MIN_Y_SPAN_FRACTION of the largest magnitude tall, so a small change looks small."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    low, high = min(values), max(values)
    magnitude = max(abs(low), abs(high)) or 1.0
    floor = magnitude * MIN_Y_SPAN_FRACTION
    if high - low < floor:
        middle = (high + low) / 2
        low, high = middle - floor / 2, middle + floor / 2
        if min(values) >= 0 > low:  # never invent negative room under an all-positive series
            low, high = 0.0, max(high - low, max(values))
    span = high - low
    return low - span * pad / 2, high + span * pad
