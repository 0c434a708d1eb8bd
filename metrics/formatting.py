"""How figures, dates and schedules read on every page, pack and chart: one function each.

Numbers (see docs/decisions/0016-honest-charts-and-numbers.md):
- thousands separators always ("221,070 dwellings");
- an observation shows the metric's decimal places, but never fewer than the figure as published: an
  uploaded 68.3 on a 0-decimal metric reads "68.3", never "68" (we do not round what a publisher wrote);
- a target reads as the commitment was worded ("95 by 2030", not "95.000"): its own precision only;
- "%" sits against the number ("64.418%"), any other unit follows after a space.
Dates read the GOV.UK way ("31 March 2026"); cron schedules read in words ("Every day at 09:30").
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateformat import format as date_format

DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def own_places(value) -> int:
    """Decimal places the figure itself carries, trailing zeros of the stored column dropped (68.300 -> 1)."""
    number = _decimal(value)
    if number is None or number == 0:
        return 0
    text = f"{number:f}"  # not normalize(): it rounds to the context's 28 digits
    return len(text.partition(".")[2].rstrip("0"))


def format_number(value, places: int | None = None, *, as_published: bool = False) -> str:
    """'221,070', '64.418', '68.3'. `places` is a minimum: the figure's own precision always shows.

    `as_published=True` (targets) uses the figure's own precision only.
    """
    number = _decimal(value)
    if number is None:
        return "" if value in (None, "") else str(value)
    shown = own_places(number) if as_published else max(places or 0, own_places(number))
    return f"{number:,.{shown}f}"


def with_unit(number: str, unit: str) -> str:
    unit = (unit or "").strip()
    if not number:
        return number
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()


def format_value(value, unit: str = "", places: int | None = None, *, as_published: bool = False) -> str:
    """A figure as it reads in a sentence: '68.0%', '221,070 dwellings', '12.5 deaths per 100,000'."""
    return with_unit(format_number(value, places, as_published=as_published), unit)


def by_due(label: str) -> str:
    """'by March 2026' from a due label, whether or not the label already starts with 'by'."""
    text = (label or "").strip()
    if not text:
        return ""
    first, _, rest = text.partition(" ")
    return f"by {rest}" if first.lower() == "by" and rest else f"by {text}"


def target_words(value, unit: str, due_label: str) -> str:
    """'95 by 2030', '65% by March 2026': the commitment as worded, never 'by by'."""
    return f"{format_value(value, unit, as_published=True)} {by_due(due_label)}".strip()


def govuk_date(value, *, with_time: bool = False) -> str:
    """'31 March 2026' (GOV.UK style) from a date, datetime or ISO text; '' for nothing."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "j F Y, g:ia" if with_time else "j F Y").replace(":00", "")
    return date_format(value, "j F Y")


def _time(minute: str, hour: str) -> str | None:
    if minute.isdigit() and hour.isdigit() and int(hour) < 24 and int(minute) < 60:
        return f"{int(hour):02d}:{int(minute):02d}"
    return None


def _days(field: str) -> str | None:
    names = {str(i): d for i, d in enumerate(DAYS)} | {"7": "Sunday"}
    if field == "1-5":
        return "every weekday (Monday to Friday)"
    if field in ("0,6", "6,0", "6,7", "sat,sun", "SAT,SUN"):
        return "every Saturday and Sunday"
    parts = field.split(",")
    if all(p in names for p in parts):
        listed = [names[p] for p in parts]
        joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
        return f"every {joined}"
    return None


def describe_cron(expression: str) -> str:
    """'30 9 * * *' -> 'Every day at 09:30' (UK time); unusual schedules fall back to the expression."""
    parts = (expression or "").split()
    if len(parts) != 5:
        return f"Custom schedule ({expression})" if expression else "No schedule"
    minute, hour, dom, month, dow = parts
    fallback = f"Custom schedule ({expression})"
    if minute.startswith("*/") and minute[2:].isdigit() and hour == dom == month == dow == "*":
        return f"Every {int(minute[2:])} minutes"
    if minute.isdigit() and hour == "*" and dom == month == dow == "*":
        return f"Every hour at {int(minute)} minutes past"
    at = _time(minute, hour)
    if at is None:
        return fallback
    if dom == "*" and month == "*":
        if dow == "*":
            return f"Every day at {at}"
        days = _days(dow)
        return f"{days[0].upper()}{days[1:]} at {at}" if days else fallback
    if dow == "*" and dom.isdigit():
        if month == "*":
            return f"On day {int(dom)} of every month at {at}"
        if month.isdigit() and 1 <= int(month) <= 12:
            return f"Every year on {int(dom)} {MONTHS[int(month) - 1]} at {at}"
    return fallback
