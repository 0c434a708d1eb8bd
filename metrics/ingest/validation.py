"""Row-by-row validation against the metrics and geographies we know. Never touches the observations table.

Every problem becomes a RowError naming the row (as a spreadsheet user counts it), the column and the reason
in plain English. The caller decides what a row number means (header = row 1 for files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from metrics.models import VALUE_DECIMALS, VALUE_DIGITS, Geography, Metric, Observation
from metrics.periods import PeriodError, parse_period

REQUIRED_COLUMNS = ("metric", "period", "geography", "value")
OPTIONAL_COLUMNS = ("status", "note")
STATUSES = frozenset(Observation.Status.values)
PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
MAX_NOTE = 500


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True, slots=True)
class CleanRow:
    row: int
    metric_id: int
    geography_id: int
    period_start: date
    value: Decimal | None
    status: str
    note: str


@dataclass(slots=True)
class MetricRule:
    id: int
    slug: str
    frequency: str
    span: int
    min_value: Decimal | None
    max_value: Decimal | None
    writers: frozenset[int]  # organisation ids allowed to supply data (owner + suppliers)


@dataclass
class Lookups:
    metrics: dict[str, MetricRule]
    geographies: dict[str, int]

    @classmethod
    def load(cls, slugs: set[str] | None = None) -> Lookups:
        qs = Metric.objects.all()
        if slugs is not None:
            qs = qs.filter(slug__in=slugs)
        suppliers: dict[int, set[int]] = {}
        through = Metric.suppliers.through.objects.filter(metric__in=qs).values_list(
            "metric_id", "organisation_id"
        )
        for metric_id, org_id in through:
            suppliers.setdefault(metric_id, set()).add(org_id)
        metrics = {
            m.slug: MetricRule(
                id=m.pk,
                slug=m.slug,
                frequency=m.frequency,
                span=m.period_span,
                min_value=m.min_value,
                max_value=m.max_value,
                writers=frozenset({m.owner_id, *suppliers.get(m.pk, ())}),
            )
            for m in qs.only("pk", "slug", "frequency", "period_span", "min_value", "max_value", "owner_id")
        }
        geographies = dict(Geography.objects.values_list("code", "pk"))
        return cls(metrics=metrics, geographies=geographies)


@dataclass
class Validator:
    """Validates rows one at a time; remembers keys to catch duplicates within one request."""

    lookups: Lookups
    today: date
    writer_organisation_id: int | None
    may_write_any: bool
    errors: list[RowError] = field(default_factory=list)
    rejected_rows: int = 0
    _seen: dict[tuple[int, int, date], int] = field(default_factory=dict)

    def check(self, row_number: int, raw: dict) -> CleanRow | None:
        problems: list[RowError] = []
        get = raw.get

        def fail(column: str, message: str) -> None:
            problems.append(RowError(row_number, column, message))

        metric_text = _text(get("metric"))
        rule = self.lookups.metrics.get(metric_text)
        if not metric_text:
            fail("metric", "The metric is missing.")
        elif rule is None:
            fail("metric", f"There is no metric called '{metric_text}'.")
        elif not self.may_write_any and self.writer_organisation_id not in rule.writers:
            fail("metric", f"Your organisation does not supply data for the metric '{metric_text}'.")

        geography_text = _text(get("geography"))
        geography_id = self.lookups.geographies.get(geography_text.upper())
        if not geography_text:
            fail("geography", "The geography is missing: give an ONS GSS code such as K02000001.")
        elif geography_id is None:
            fail(
                "geography",
                f"'{geography_text}' is not a geography we know: give an ONS GSS code such as K02000001.",
            )

        period_start = None
        period_text = _text(get("period"))
        if not period_text:
            fail("period", "The period is missing.")
        elif rule is not None:
            try:
                period = parse_period(period_text, rule.frequency, span=rule.span)
            except PeriodError as exc:
                fail("period", str(exc))
            else:
                if period.start > self.today:
                    fail("period", f"'{period_text}' is in the future.")
                else:
                    period_start = period.start

        status = _text(get("status")).lower() or Observation.Status.FINAL
        if status not in STATUSES:
            fail("status", f"'{status}' is not a status: use one of {', '.join(sorted(STATUSES))}.")

        value = _value(_text(get("value")), status, rule, fail)

        note = _text(get("note"))
        if len(note) > MAX_NOTE:
            fail("note", f"The note is {len(note)} characters long; the limit is {MAX_NOTE}.")

        if not problems and rule is not None and geography_id is not None and period_start is not None:
            key = (rule.id, geography_id, period_start)
            first = self._seen.get(key)
            if first is not None:
                fail("period", f"This metric, period and geography already appear in row {first}.")
            else:
                self._seen[key] = row_number

        if problems:
            self.errors.extend(problems)
            self.rejected_rows += 1
            return None
        return CleanRow(row_number, rule.id, geography_id, period_start, value, status, note)


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _value(text: str, status: str, rule: MetricRule | None, fail) -> Decimal | None:
    if text == "":
        if status == Observation.Status.SUPPRESSED:
            return None
        fail("value", "The value is blank: give a number, or mark the row 'suppressed'.")
        return None
    if not PLAIN_NUMBER.match(text):
        fail("value", f"'{text}' is not a plain number (no commas, units or symbols, e.g. 1234.5).")
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        fail("value", f"'{text}' is not a number.")
        return None
    if not value.is_finite():
        fail("value", f"'{text}' is not a finite number.")
        return None
    if status == Observation.Status.SUPPRESSED:
        fail("value", "A suppressed row must have a blank value.")
        return None
    if rule is not None:
        if rule.min_value is not None and value < rule.min_value:
            fail(
                "value",
                f"{text} is below the lowest value this metric allows ({rule.min_value.normalize():f}).",
            )
            return None
        if rule.max_value is not None and value > rule.max_value:
            fail(
                "value",
                f"{text} is above the highest value this metric allows ({rule.max_value.normalize():f}).",
            )
            return None
    if value.as_tuple().exponent < -VALUE_DECIMALS:
        fail("value", f"{text} has more than {VALUE_DECIMALS} decimal places.")
        return None
    if value.adjusted() >= VALUE_DIGITS - VALUE_DECIMALS:
        fail("value", f"{text} is too large to store.")
        return None
    return value
