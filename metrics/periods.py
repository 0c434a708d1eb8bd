"""Reporting periods: parse, label and step through the periods a metric is published for.

DESIGN §3 stores a period as *a start date plus the metric's frequency*, and accepts the text forms
statisticians actually write (``2024``, ``2024-Q3``, ONS's ``2024 Q3``, ``2024-03``, ``2024 MAR``,
``2024-03-31``, financial and academic years ``2023/24`` or ``2023-24``, pooled periods ``2018-20``).

Why this module is pure Python (no Django): it is called once per row of every upload (up to a million
rows), by the API, by management commands and by the progress maths, and must be testable on its own.
The parse is cached (``functools.lru_cache``) because uploads repeat the same few labels over and over,
and it returns an immutable :class:`Period`, so sharing cached instances is safe.

The frequency decides what a text means: ``2023-24`` is a financial year for a ``financial_year`` metric
but a pooled two-year period for a ``multi_year`` metric, and ``2024`` is valid only for an ``annual``
metric (``financial_year 2024`` could mean 2023/24 or 2024/25, so we refuse to guess).

Error messages are shown to the statisticians who upload data, so they say in plain English what was
wrong and what the metric expects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache

from metrics.period_vocabulary import (  # noqa: F401  (re-exported: metrics.periods is the public module)
    _DASHES,
    _EXAMPLES,
    _FLAGS,
    _MONTH_NAMES,
    _MONTHS_PER_PERIOD,
    _RE_DATE,
    _RE_NAMED_MONTH,
    _RE_NAMED_MONTH_FIRST,
    _RE_NUMBERS,
    _RE_QUARTER,
    _RE_QUARTER_FIRST,
    _RE_YEAR,
    _WORDS,
    _YEAR_START_MONTH,
    DEFAULT_MULTI_YEAR_SPAN,
    FREQUENCIES,
    MAX_MULTI_YEAR_SPAN,
    MAX_YEAR,
    MIN_YEAR,
    Frequency,
    PeriodError,
    _add_months,
    _check_frequency,
    _check_span,
    _example,
    _mismatch,
    _month_name,
    _year,
)

__all__ = [
    "DEFAULT_MULTI_YEAR_SPAN",
    "FREQUENCIES",
    "Frequency",
    "MAX_YEAR",
    "MIN_YEAR",
    "Period",
    "PeriodError",
    "check_aligned",
    "is_aligned",
    "is_future",
    "parse_period",
    "period_from_start",
    "years_between",
]


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: its first day, the metric's frequency and (for pooled periods) its span.

    Stored as a start date because that sorts, compares and indexes simply in the database; everything
    else (end, label, successor) is derived. Construction validates alignment, so an invalid period
    (say a "quarter" starting on 1 February) can never exist.
    """

    start: date
    frequency: str
    span: int = 1

    def __post_init__(self) -> None:
        if type(self.frequency) is not str:  # a Frequency member: store the plain value so hashes match
            object.__setattr__(self, "frequency", _check_frequency(self.frequency).value)
        check_aligned(self.start, self.frequency, self.span)

    @cached_property  # (a frozen dataclass: computed once, on first use)
    def end(self) -> date:
        """The last day of the period, inclusive (the date itself for a ``daily`` period)."""
        if self.frequency == Frequency.DAILY:
            return self.start
        return _next_start(self) - timedelta(days=1)

    @cached_property
    def label(self) -> str:
        """Canonical text: ``2024``, ``2024-Q3``, ``2024-03``, ``2024-03-31``, ``2023/24``, ``2018-20``."""
        return _label(self.start, self.frequency, self.span)

    @property
    def years(self) -> float:
        """The length of the period in years (a quarter is 0.25, a pooled 2018-20 is 3.0)."""
        return years_between(self.start, _next_start(self))

    def next(self) -> Period:
        """The period immediately after this one (contiguous: ``self.end + 1 day == next().start``)."""
        return Period(_next_start(self), self.frequency, self.span)

    def years_between(self, other: Period) -> float:
        """Years from this period's start to ``other``'s start (negative if ``other`` is earlier)."""
        return years_between(self.start, other.start)

    def __str__(self) -> str:
        return self.label


def years_between(earlier: date, later: date) -> float:
    """Years from ``earlier`` to ``later`` as a float, for growth-rate maths.

    Dates on the same day of the month (all period starts except daily ones) are counted in calendar
    months, so 2019-01-01 to 2028-01-01 is exactly 9.0 and a quarter exactly 0.25; leap days would
    otherwise make annual data come out as 8.9993 years. Other pairs use days / 365.25.
    """
    if earlier.day == later.day:
        return ((later.year - earlier.year) * 12 + (later.month - earlier.month)) / 12
    return (later - earlier).days / 365.25


def is_future(period: Period, today: date) -> bool:
    """True when the period has not started yet (its start is after ``today``); such data is suspect."""
    return period.start > today


def period_from_start(start: date, frequency: str, span: int | None = None) -> Period:
    """The period of ``frequency`` that starts on ``start``, as stored in the database.

    ``span`` matters only for ``multi_year`` (default :data:`DEFAULT_MULTI_YEAR_SPAN`); every other
    frequency has span 1. Raises :class:`PeriodError` if ``start`` is not a valid start for the frequency.
    """
    freq = _check_frequency(frequency)
    if span is None:
        span = DEFAULT_MULTI_YEAR_SPAN if freq == Frequency.MULTI_YEAR else 1
    return Period(start, freq.value, span)


@lru_cache(maxsize=1 << 16)
def period_at(start: date, frequency: str, span: int | None = None) -> Period:
    """:func:`period_from_start`, kept: a page places and labels every point of every chart and table, and
    a period (immutable) never changes. An invalid start raises every time (exceptions are not kept)."""
    return period_from_start(start, frequency, span)


def period_label(start: date, frequency: str, span: int | None = None) -> str:
    return period_at(start, frequency, span).label


def is_aligned(start: date, frequency: str, span: int = 1) -> bool:
    """Whether ``start`` is a valid first day for a period of ``frequency`` (see :func:`check_aligned`)."""
    try:
        check_aligned(start, frequency, span)
    except PeriodError:
        return False
    return True


def check_aligned(start: date, frequency: str, span: int = 1) -> None:
    """Raise :class:`PeriodError` unless ``start`` can begin a period of ``frequency`` with ``span``.

    Years start on 1 January (calendar and pooled), 1 April (financial) or 1 September (academic);
    quarters on 1 January, April, July or October; months on the 1st; a daily period on any date.
    """
    freq = _check_frequency(frequency)
    _check_span(freq, span)
    if not isinstance(start, date):
        raise PeriodError(f"A period must start on a date, not {start!r}.")
    if not MIN_YEAR <= start.year <= MAX_YEAR:
        raise PeriodError(f"{start.year} is outside the supported years {MIN_YEAR} to {MAX_YEAR}.")
    if freq == Frequency.DAILY:
        return
    if freq in _YEAR_START_MONTH:
        month = _YEAR_START_MONTH[freq]
        if (start.month, start.day) != (month, 1):
            raise PeriodError(
                f"A period of a metric {_WORDS[freq]} must start on 1 {_month_name(month)}, not {start}."
            )
    elif freq == Frequency.QUARTERLY:
        if start.day != 1 or start.month not in (1, 4, 7, 10):
            raise PeriodError(
                f"A quarter must start on 1 January, 1 April, 1 July or 1 October, not {start}."
            )
    elif start.day != 1:  # monthly
        raise PeriodError(f"A month must start on its 1st day, not {start}.")


def parse_period(text: str | int, frequency: str, *, span: int | None = None) -> Period:
    """Parse the text of a period for a metric of ``frequency``; raise :class:`PeriodError` if it doesn't fit.

    Whitespace-tolerant and case-insensitive. ``span`` is the metric's pooled span for ``multi_year``
    metrics: when given, a pooled period covering a different number of years is an error; when
    ``None``, the span is read from the text. A bare ``int`` (spreadsheets turn ``2024`` into a number)
    is accepted as its text. Results are cached, so repeated labels in an upload cost a dict lookup.
    """
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        raise PeriodError(f"The period must be text such as 2024, not {type(text).__name__} {text!r}.")
    if span is not None and not isinstance(span, int):
        raise PeriodError(f"The span of a pooled period must be a whole number of years, not {span!r}.")
    return _parse_cached(text, frequency, span)


@lru_cache(maxsize=65536)
def _parse_cached(text: str, frequency: str, span: int | None) -> Period:
    freq = _check_frequency(frequency)
    shown = text.strip()
    norm = " ".join(text.translate(_DASHES).split()).upper()
    if not norm:
        raise PeriodError(f"The period is empty; this metric is {_WORDS[freq]}, e.g. {_example(freq, span)}.")
    for parser in _PARSERS:
        period = parser(norm, shown, freq, span)
        if period is not None:
            return period
    raise PeriodError(
        f"'{shown}' is not a recognised period; this metric is {_WORDS[freq]}, "
        f"so write periods like {_example(freq, span)}."
    )


# --- one parser per text shape; each returns None when the shape does not match --------------------------


def _parse_year(norm: str, shown: str, freq: Frequency, span: int | None) -> Period | None:
    match = _RE_YEAR.fullmatch(norm)
    if match is None:
        return None
    year = _year(match.group(1), shown)
    if freq != Frequency.ANNUAL:
        raise _mismatch(shown, "a single calendar year", freq, span)
    return Period(date(year, 1, 1), freq.value)


def _parse_date(norm: str, shown: str, freq: Frequency, span: int | None) -> Period | None:
    match = _RE_DATE.fullmatch(norm)
    if match is None:
        return None
    year = _year(match.group(1), shown)
    try:
        day = date(year, int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise PeriodError(f"'{shown}' is not a valid date.") from None
    if freq != Frequency.DAILY:
        # A release that writes a period as the date it starts ("2015-01-01" for January 2015) means the
        # same as a spreadsheet cell holding that date, which uploads accept: take it when it is a start.
        pooled = (span or DEFAULT_MULTI_YEAR_SPAN) if freq == Frequency.MULTI_YEAR else 1
        if is_aligned(day, freq.value, pooled):
            return period_from_start(day, freq.value, span)
        raise _mismatch(shown, "a single date", freq, span)
    return Period(day, freq.value)


def _parse_quarter(norm: str, shown: str, freq: Frequency, span: int | None) -> Period | None:
    match = _RE_QUARTER.fullmatch(norm)
    if match is not None:
        year_text, quarter_text = match.groups()
    else:
        match = _RE_QUARTER_FIRST.fullmatch(norm)
        if match is None:
            return None
        quarter_text, year_text = match.groups()
    year = _year(year_text, shown)
    quarter = int(quarter_text)
    if not 1 <= quarter <= 4:
        raise PeriodError(f"'{shown}' is not a valid quarter: quarters run from Q1 to Q4.")
    if freq != Frequency.QUARTERLY:
        raise _mismatch(shown, "a quarter", freq, span)
    return Period(date(year, 3 * quarter - 2, 1), freq.value)


def _parse_named_month(norm: str, shown: str, freq: Frequency, span: int | None) -> Period | None:
    match = _RE_NAMED_MONTH.fullmatch(norm)
    if match is not None:
        year_text, name = match.groups()
    else:
        match = _RE_NAMED_MONTH_FIRST.fullmatch(norm)
        if match is None:
            return None
        name, year_text = match.groups()
    month = _MONTH_NAMES.get(name.lower())
    if month is None:
        raise PeriodError(
            f"'{shown}' is not a recognised period: '{name.title()}' is not the name of a month; "
            f"this metric is {_WORDS[freq]}, so write periods like {_example(freq, span)}."
        )
    year = _year(year_text, shown)
    if freq != Frequency.MONTHLY:
        raise _mismatch(shown, "a month", freq, span)
    return Period(date(year, month, 1), freq.value)


def _parse_numbers(norm: str, shown: str, freq: Frequency, span: int | None) -> Period | None:
    """``YYYY-MM`` (a month) or ``YYYY-YY``/``YYYY/YYYY`` (a range of years): the frequency decides."""
    match = _RE_NUMBERS.fullmatch(norm)
    if match is None:
        return None
    year_text, separator, tail = match.groups()
    if len(tail) == 3:
        return None  # neither a month nor a year: falls through to "not a recognised period"
    year = _year(year_text, shown)
    month_like = separator == "-" and len(tail) <= 2
    if freq == Frequency.MONTHLY:
        return _numeric_month(shown, year, tail, month_like, freq, span)
    if freq in (Frequency.FINANCIAL_YEAR, Frequency.ACADEMIC_YEAR, Frequency.MULTI_YEAR):
        return _year_range(shown, year, tail, freq, span)
    if month_like and 1 <= int(tail) <= 12:
        what = "a month or a range of years" if int(tail) == (year + 1) % 100 else "a month"
    else:
        what = "a range of years"
    raise _mismatch(shown, what, freq, span)


_PARSERS = (_parse_year, _parse_date, _parse_quarter, _parse_numbers, _parse_named_month)


def _numeric_month(
    shown: str, year: int, tail: str, month_like: bool, freq: Frequency, span: int | None
) -> Period:
    if not month_like:
        raise _mismatch(shown, "a range of years", freq, span)
    month = int(tail)
    if not 1 <= month <= 12:
        if len(tail) == 2 and month == (year + 1) % 100:
            raise _mismatch(shown, "a financial or academic year", freq, span)
        raise PeriodError(f"'{shown}' is not a valid month: months run from 01 to 12.")
    return Period(date(year, month, 1), freq.value)


def _year_range(shown: str, first: int, tail: str, freq: Frequency, span: int | None) -> Period:
    """Interpret ``first``–``tail`` as a financial/academic year or a pooled multi-year period."""
    if len(tail) == 4:
        last = _year(tail, shown)
    elif len(tail) == 2:
        last = first - first % 100 + int(tail)  # "1999/00": a two-digit year rolls into the next century
        if last < first:
            last += 100
    else:
        raise PeriodError(
            f"'{shown}' is not a recognised period: write the second year with two or four digits, "
            f"like {_example(freq, span)}."
        )
    if freq != Frequency.MULTI_YEAR:
        kind = "a financial year" if freq == Frequency.FINANCIAL_YEAR else "an academic year"
        if last != first + 1:
            raise PeriodError(f"'{shown}' is not {kind}: the years must be consecutive, like 2023/24.")
        return Period(date(first, _YEAR_START_MONTH[freq], 1), freq.value)
    if last <= first:
        raise PeriodError(f"'{shown}' is not a multi-year period: the last year must come after the first.")
    found = last - first + 1
    if span is not None and found != span:
        raise PeriodError(
            f"'{shown}' covers {found} years, but this metric's pooled periods cover {span} years "
            f"(like {_example(freq, span)})."
        )
    return Period(date(first, 1, 1), freq.value, found)


# --- helpers ------------------------------------------------------------------------------------------------


def _next_start(period: Period) -> date:
    if period.frequency == Frequency.DAILY:
        return period.start + timedelta(days=1)
    if period.frequency == Frequency.MULTI_YEAR:
        return _add_months(period.start, 12 * period.span)
    return _add_months(period.start, _MONTHS_PER_PERIOD[Frequency(period.frequency)])


def _label(start: date, frequency: str, span: int) -> str:
    year = start.year
    if frequency == Frequency.ANNUAL:
        return str(year)
    if frequency in (Frequency.FINANCIAL_YEAR, Frequency.ACADEMIC_YEAR):
        return f"{year}/{(year + 1) % 100:02d}"
    if frequency == Frequency.QUARTERLY:
        return f"{year}-Q{(start.month - 1) // 3 + 1}"
    if frequency == Frequency.MONTHLY:
        return f"{year}-{start.month:02d}"
    if frequency == Frequency.MULTI_YEAR:
        return f"{year}-{(year + span - 1) % 100:02d}"
    return start.isoformat()
