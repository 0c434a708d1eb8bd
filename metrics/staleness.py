"""Stale data: a metric whose latest observation is older than its frequency allows (DESIGN §3 ``stale``).

The grace periods are documented here and in docs/decisions/0005-scheduled-pulls.md.
"""

from __future__ import annotations

from datetime import date

from metrics.periods import DEFAULT_MULTI_YEAR_SPAN, Frequency

#: Default staleness per frequency, in days: (cadence, grace). An observation is stale once today is more
#: than cadence + grace days after the end of its period. The cadence is how long until the *next* period
#: ends; the grace is a typical publication lag: six months for annual statistics (financial and academic
#: years alike), one quarter for quarterly, two months for monthly, a year for pooled multi-year periods
#: (whose cadence is ``span`` years, see :func:`allowed_age_days`), and for daily point-in-time counts,
#: which are usually snapshots taken twice a year, six months plus six months.
STALENESS_DEFAULTS: dict[str, tuple[int, int]] = {
    Frequency.ANNUAL.value: (365, 180),
    Frequency.FINANCIAL_YEAR.value: (365, 180),
    Frequency.ACADEMIC_YEAR.value: (365, 180),
    Frequency.QUARTERLY.value: (92, 92),
    Frequency.MONTHLY.value: (31, 62),
    Frequency.DAILY.value: (183, 183),
    Frequency.MULTI_YEAR.value: (365, 365),  # cadence is per year of span
}


def allowed_age_days(frequency: str, grace_days: int | None = None, *, span: int | None = None) -> int:
    """How many days after its period ends an observation may be before it is stale.

    ``cadence + grace`` from :data:`STALENESS_DEFAULTS`; ``grace_days`` overrides the default grace;
    for ``multi_year`` the cadence is ``span`` (default 3) years.
    """
    try:
        cadence, default_grace = STALENESS_DEFAULTS[Frequency(frequency).value]
    except ValueError:
        raise ValueError(f"'{frequency}' is not a known frequency.") from None
    if frequency == Frequency.MULTI_YEAR:
        cadence *= span if span is not None else DEFAULT_MULTI_YEAR_SPAN
    return cadence + (default_grace if grace_days is None else grace_days)


def is_stale(
    latest_period_end: date,
    frequency: str,
    today: date,
    grace_days: int | None = None,
    *,
    span: int | None = None,
) -> bool:
    """True when the latest observation is older than its frequency allows (DESIGN §3 ``stale`` flag).

    Stale once ``today`` is more than :func:`allowed_age_days` after the end of the latest period, i.e.
    the next period has ended and its usual publication lag has passed without new data. Defaults:
    annual, financial and academic year 365 + 180 days; quarterly 92 + 92; monthly 31 + 62; daily
    snapshots 183 + 183 (such counts usually come twice a year); multi-year ``span`` x 365 + 365.
    """
    return (today - latest_period_end).days > allowed_age_days(frequency, grace_days, span=span)
