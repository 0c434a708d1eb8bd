"""The vocabulary of reporting periods: frequencies, their bounds, the words and examples errors use, the
month names and text patterns the parser reads, and small checks. Pure Python; metrics.periods builds
periods from it (and re-exports the public names)."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum


class Frequency(StrEnum):
    """How often a metric is measured; the values are the strings stored on ``Metric.frequency``."""

    ANNUAL = "annual"  # calendar year, January to December
    FINANCIAL_YEAR = "financial_year"  # April to March (UK government)
    ACADEMIC_YEAR = "academic_year"  # September to August
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    DAILY = "daily"  # a point in time, such as a count on 2024-03-31
    MULTI_YEAR = "multi_year"  # pooled periods such as 2018-20; span set by the metric


FREQUENCIES: tuple[str, ...] = tuple(f.value for f in Frequency)

#: Pooled surveys are usually published as three-year averages (e.g. ONS ``2018-20``).
DEFAULT_MULTI_YEAR_SPAN = 3
#: A pooled period of 100 years or more could not be written with a two-digit end year.
MAX_MULTI_YEAR_SPAN = 99
#: Bounds that keep every period's end and successor representable as a ``date`` (max year 9999).
MIN_YEAR = 1000
MAX_YEAR = 9899

_YEAR_START_MONTH = {
    Frequency.ANNUAL: 1,
    Frequency.FINANCIAL_YEAR: 4,
    Frequency.ACADEMIC_YEAR: 9,
    Frequency.MULTI_YEAR: 1,
}
_MONTHS_PER_PERIOD = {
    Frequency.ANNUAL: 12,
    Frequency.FINANCIAL_YEAR: 12,
    Frequency.ACADEMIC_YEAR: 12,
    Frequency.QUARTERLY: 3,
    Frequency.MONTHLY: 1,
}

# How errors describe each frequency ("... but this metric is <words>") and an example of its form.
_WORDS = {
    Frequency.ANNUAL: "annual",
    Frequency.FINANCIAL_YEAR: "by financial year (April to March)",
    Frequency.ACADEMIC_YEAR: "by academic year (September to August)",
    Frequency.QUARTERLY: "quarterly",
    Frequency.MONTHLY: "monthly",
    Frequency.DAILY: "daily (a single date)",
    Frequency.MULTI_YEAR: "multi-year (pooled years)",
}
_EXAMPLES = {
    Frequency.ANNUAL: "2024",
    Frequency.FINANCIAL_YEAR: "2023/24",
    Frequency.ACADEMIC_YEAR: "2023/24",
    Frequency.QUARTERLY: "2024-Q3",
    Frequency.MONTHLY: "2024-03",
    Frequency.DAILY: "2024-03-31",
}

_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

# Patterns run on normalised text: single ASCII spaces, dashes unified to "-", upper-cased.
# re.ASCII keeps [A-Z]/\s to ASCII so odd Unicode can only ever fail to match, never half-match.
_FLAGS = re.ASCII
_RE_YEAR = re.compile(r"([0-9]{4})", _FLAGS)
_RE_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", _FLAGS)
_RE_QUARTER = re.compile(r"([0-9]{4}) ?-? ?Q([0-9])", _FLAGS)
_RE_QUARTER_FIRST = re.compile(r"Q([0-9]) ?-? ?([0-9]{4})", _FLAGS)
_RE_NAMED_MONTH = re.compile(r"([0-9]{4}) ?-? ?([A-Z]+)\.?", _FLAGS)
_RE_NAMED_MONTH_FIRST = re.compile(r"([A-Z]+)\.? ?-? ?([0-9]{4})", _FLAGS)
_RE_NUMBERS = re.compile(r"([0-9]{4}) ?([-/]) ?([0-9]{1,4})", _FLAGS)
_DASHES = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)


class PeriodError(ValueError):
    """A period text or start date that does not fit the metric's frequency (message is user-facing)."""


def _check_frequency(frequency: str) -> Frequency:
    try:
        return Frequency(frequency)
    except ValueError:
        raise PeriodError(
            f"'{frequency}' is not a known frequency; use one of: {', '.join(FREQUENCIES)}."
        ) from None


def _check_span(freq: Frequency, span: int) -> None:
    if freq == Frequency.MULTI_YEAR:
        if not isinstance(span, int) or not 2 <= span <= MAX_MULTI_YEAR_SPAN:
            raise PeriodError(
                f"A pooled multi-year period must span 2 to {MAX_MULTI_YEAR_SPAN} years, not {span!r}."
            )
    elif span != 1:
        raise PeriodError(f"Only multi-year periods can span several periods; a {freq.value} span must be 1.")


def _year(text: str, shown: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(
            f"'{shown}' has the year {text}, outside the supported years {MIN_YEAR} to {MAX_YEAR}."
        )
    return year


def _mismatch(shown: str, what: str, freq: Frequency, span: int | None) -> PeriodError:
    return PeriodError(
        f"'{shown}' is {what}, but this metric is {_WORDS[freq]}; write periods like {_example(freq, span)}."
    )


def _example(freq: Frequency, span: int | None) -> str:
    if freq == Frequency.MULTI_YEAR:
        years = span if span is not None and 2 <= span <= MAX_MULTI_YEAR_SPAN else DEFAULT_MULTI_YEAR_SPAN
        return f"2018-{(2018 + years - 1) % 100:02d}"
    return _EXAMPLES[freq]


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B")


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
