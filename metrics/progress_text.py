"""How progress explanations word values, rates and dates for ministers (used by metrics.progress)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from metrics.periods import PeriodError, period_from_start


def to_float(value: Decimal | float | int) -> float:
    return float(value)


class Formatter:
    """Formats values, rates and dates for explanations read by ministers."""

    def __init__(self, unit: str, decimal_places: int, frequency: str | None, span: int | None) -> None:
        self.unit = unit.strip()
        self.places = max(0, decimal_places)
        self.frequency = frequency
        self.span = span

    def number(self, value: Decimal | float) -> str:
        return f"{to_float(value):,.{self.places}f}"

    def value(self, value: Decimal | float) -> str:
        """``68.0``, ``68.0%``, ``£12.5m``, ``68.0 deaths per 100,000``."""
        number = self.number(value)
        if not self.unit:
            return number
        if self.unit == "%":
            return f"{number}%"
        if self.unit[0] in "£$€":  # currency goes first: "£12.5m", "-£3.0 billion"
            sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
            rest = self.unit[1:].strip()
            suffix = rest if rest in ("", "m", "bn", "k") else f" {rest}"
            return f"{sign}{self.unit[0]}{digits}{suffix}"
        return f"{number} {self.unit}"

    def rate(self, rate: float, compound: bool) -> str:
        """``growth of 1.9% a year``, ``a fall of 2.0 percentage points a year``, ``no change``."""
        if compound:
            percent = abs(rate) * 100
            amount = f"{percent:.1f}%" if percent >= 0.1 or percent == 0 else f"{percent:.2f}%"
            if f"{percent:.2f}" == "0.00":
                return "no change"
            return f"growth of {amount} a year" if rate > 0 else f"a fall of {amount} a year"
        if self.number(abs(rate)) == self.number(0):
            return "no change"
        amount = f"{self.number(abs(rate))} percentage points" if self.unit == "%" else self.value(abs(rate))
        return f"a rise of {amount} a year" if rate > 0 else f"a fall of {amount} a year"

    def when(self, day: date) -> str:
        """The period label when the frequency is known (``2023/24``), else the year or the date."""
        if self.frequency is not None:
            try:
                return period_from_start(day, self.frequency, self.span).label
            except PeriodError:
                pass
        if (day.month, day.day) == (1, 1):
            return str(day.year)
        return day.isoformat()


#: Where we depart from Open SDG, in the words shown to users (ADR 0003).
DEPARTURE_ZERO = "A target of zero counts as met only at zero; Open SDG would count 0.001 or less as met."
DEPARTURE_DATE = (
    "Open SDG has no rule for a target date that is not after the baseline (its required rate is undefined); "
    "the dashboard calls such an unmet target off track."
)
DEPARTURE_BASELINE = (
    "A baseline after the latest value gives 'not enough data'; progress is never measured from an earlier "
    "value instead."
)
DEPARTURES: tuple[str, ...] = (DEPARTURE_ZERO, DEPARTURE_DATE, DEPARTURE_BASELINE)
