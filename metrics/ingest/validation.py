"""Row-by-row validation against the metrics and geographies we know. Never touches the observations table.

Every problem becomes a RowError naming the row (as a spreadsheet user counts it), the column and the reason
in plain English. The caller decides what a row number means (header = row 1 for files).

Two paths, one set of rules. `Validator.check` is the authoritative, readable check of one row; it also
fills small caches with what it proved (this metric and period text are valid for this uploader; this
geography text is that id). `Validator.run` tries each row against those caches first — a handful of dict
lookups and one regular expression — and only rows the caches cannot vouch for go through `check`. The
fast path never rejects a row itself, so the messages always come from `check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from metrics.models import OBSERVATION_DECIMALS, OBSERVATION_DIGITS, Geography, Metric, Observation
from metrics.periods import PeriodError, is_aligned, parse_period, period_from_start
from metrics.permissions import WriteScope

REQUIRED_COLUMNS = ("metric", "period", "geography", "value")
OPTIONAL_COLUMNS = ("status", "note")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
STATUSES = frozenset(Observation.Status.values)
PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
# A subset of PLAIN_NUMBER that always fits numeric(OBSERVATION_DIGITS, OBSERVATION_DECIMALS) = (33, 18):
# safe to pass through as typed.
_FAST_NUMBER = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,18})?").fullmatch
_FAST_STATUS = {"": "final", "final": "final", "provisional": "provisional", "estimated": "estimated"}
MAX_NOTE = 500
BATCH = 10_000


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    message: str
    code: str = "invalid"  # "period_approved": the period is approved (metrics.ingest.approved); API 409

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column[:MAX_ECHO],
            "message": _capped(self.message),
            "code": self.code,
        }


MAX_ECHO = 300  # characters of a message kept and shown: a bad 72 MB cell must not come back whole


def _capped(message: str) -> str:
    message = message.replace("\x00", "")  # PostgreSQL cannot store NUL in text or JSON
    return message if len(message) <= MAX_ECHO else message[: MAX_ECHO - 1] + "…"


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
    restricted: bool = False


@dataclass(frozen=True, slots=True)
class MetricPeriod:
    """A (metric, period) pair proven valid for this uploader; shared by every row that names it."""

    metric_id: int
    start: date
    token: int  # small int naming (metric_id, start), for cheap duplicate keys
    copy_prefix: str  # "metric_id\tstart\t", the start of a COPY line
    min_value: Decimal | None
    max_value: Decimal | None


# A validated row: (row number, MetricPeriod, geography id, value text or None, status, note).
Clean = tuple[int, MetricPeriod, int, str | None, str, str]


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
                restricted=m.restricted,
            )
            for m in qs.only(
                "pk", "slug", "frequency", "period_span", "min_value", "max_value", "owner_id", "restricted"
            )
        }
        geographies = dict(Geography.objects.values_list("code", "pk"))
        return cls(metrics=metrics, geographies=geographies)


@dataclass
class Validator:
    """Validates rows; remembers keys to catch duplicates within one request."""

    lookups: Lookups
    today: date
    scope: WriteScope  # who is writing: metrics.permissions.metric_write_scope
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    rejected_rows: int = 0
    metric_ids: set[int] = field(default_factory=set)
    _blank: int = 0
    _seen: dict[int, int] = field(default_factory=dict)
    _pairs: dict[tuple, MetricPeriod] = field(default_factory=dict)
    _tokens: dict[tuple[int, date], MetricPeriod] = field(default_factory=dict)
    _geographies: dict[object, int] = field(default_factory=dict)

    def run(self, rows: Iterable[tuple], *, first_row_number: int, flush: Callable[[list[Clean]], None]):
        """Check every row (6-tuples in COLUMNS order); hand clean rows to `flush` in batches."""
        pairs, geographies, seen, check = self._pairs, self._geographies, self._seen, self.check
        fast_status, fast_number = _FAST_STATUS, _FAST_NUMBER
        batch: list[Clean] = []
        append = batch.append
        row_number = first_row_number - 1
        for fields in rows:
            row_number += 1
            metric, period, geography, value, status, note = fields
            pair = pairs.get((metric, period))
            geography_id = geographies.get(geography)
            status = fast_status.get(status)
            if (
                pair is None
                or geography_id is None
                or status is None
                or value.__class__ is not str
                or fast_number(value) is None
                or (note and (note.__class__ is not str or len(note.strip()) > MAX_NOTE or "\x00" in note))
                or (pair.min_value is not None and Decimal(value) < pair.min_value)
                or (pair.max_value is not None and Decimal(value) > pair.max_value)
            ):
                clean = check(row_number, fields)
                if clean is not None:
                    append(clean)
            else:
                key = pair.token << 32 | geography_id
                if key in seen:
                    check(row_number, fields)  # reports the duplicate
                    continue
                seen[key] = row_number
                append((row_number, pair, geography_id, value, status, note.strip() if note else ""))
            if len(batch) >= BATCH:
                flush(batch)
                batch = []
                append = batch.append
        if batch:
            flush(batch)
        self.rows += row_number - first_row_number + 1 - self._blank

    def check(self, row_number: int, fields) -> Clean | None:
        """The authoritative check of one row; records its errors and returns the clean row or None."""
        metric, period, geography, value, status, note = texts = tuple(_text(f) for f in fields)
        if not (metric or period or geography or value or status or note):
            self._blank += 1  # a blank line is not a row sent
            return None
        problems: list[RowError] = []
        for column, text in zip(COLUMNS, texts, strict=True):
            if "\x00" in text:
                problems.append(
                    RowError(row_number, column, f"The {column} contains a NUL character (\\x00).")
                )
        if problems:
            self.errors.extend(problems)
            self.rejected_rows += 1
            return None

        def fail(column: str, message: str) -> None:
            problems.append(RowError(row_number, column, message))

        rule = self.lookups.metrics.get(metric)
        if not metric:
            fail("metric", "The metric is missing.")
        elif rule is None or not self.scope.may_name(restricted=rule.restricted, writers=rule.writers):
            fail("metric", f"There is no metric called '{metric}'.")
            rule = None
        elif not self.scope.allows(rule.writers):
            fail("metric", f"Your organisation does not supply data for the metric '{metric}'.")
            rule = None

        geography_id = self.lookups.geographies.get(geography.upper())
        if not geography:
            fail("geography", "The geography is missing: give an ONS GSS code such as K02000001.")
        elif geography_id is None:
            fail(
                "geography",
                f"'{geography}' is not a geography we know: give an ONS GSS code such as K02000001.",
            )

        start = None
        if not period:
            fail("period", "The period is missing.")
        elif rule is not None:
            start = self._period_start(fields[1], period, rule, fail)

        status = status.lower() or Observation.Status.FINAL
        if status not in STATUSES:
            fail("status", f"'{status}' is not a status: use one of {', '.join(sorted(STATUSES))}.")

        number = _value(value, status, rule, fail)

        if len(note) > MAX_NOTE:
            fail("note", f"The note is {len(note)} characters long; the limit is {MAX_NOTE}.")

        if not problems:
            pair = self._pair(fields[0], fields[1], rule, start)
            key = pair.token << 32 | geography_id
            first = self._seen.get(key)
            if first is not None:
                fail("period", f"This metric, period and geography already appear in row {first}.")
            else:
                self._seen[key] = row_number
                self._geographies[fields[2]] = geography_id
                text = None if number is None else f"{number:f}"
                return (row_number, pair, geography_id, text, status, note)

        self.errors.extend(problems)
        self.rejected_rows += 1
        return None

    def _period_start(self, raw, text: str, rule: MetricRule, fail) -> date | None:
        try:
            if isinstance(raw, date):  # a spreadsheet cell Excel turned into a date
                period = _period_from_date(raw, rule)
            else:
                period = parse_period(text, rule.frequency, span=rule.span)
        except PeriodError as exc:
            fail("period", str(exc))
            return None
        if period.start > self.today:
            fail("period", f"'{text}' is in the future.")
            return None
        return period.start

    def _pair(self, metric_raw, period_raw, rule: MetricRule, start: date) -> MetricPeriod:
        pair = self._tokens.get((rule.id, start))
        if pair is None:
            pair = MetricPeriod(
                metric_id=rule.id,
                start=start,
                token=len(self._tokens) + 1,
                copy_prefix=f"{rule.id}\t{start.isoformat()}\t",
                min_value=rule.min_value,
                max_value=rule.max_value,
            )
            self._tokens[(rule.id, start)] = pair
            self.metric_ids.add(rule.id)
        self._pairs[(metric_raw, period_raw)] = pair
        return pair


def _period_from_date(day: date, rule: MetricRule):
    """Excel stores '2024-03' or '01/03/2024' as a date: accept it when it is the first day of a period."""
    span = rule.span if rule.frequency == "multi_year" else None
    if is_aligned(day, rule.frequency, span or 1):
        return period_from_start(day, rule.frequency, span)
    raise PeriodError(
        f"The date {day:%d/%m/%Y} is not the first day of a period of this metric: "
        "type the period as text, such as 2024-03 or 2024-Q1."
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
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
    if value.as_tuple().exponent < -OBSERVATION_DECIMALS:
        fail("value", f"{text} has more than {OBSERVATION_DECIMALS} decimal places.")
        return None
    if value.adjusted() >= OBSERVATION_DIGITS - OBSERVATION_DECIMALS:
        fail("value", f"{text} is too large to store.")
        return None
    return value


def to_clean_row(row: Clean) -> CleanRow:
    number, pair, geography_id, value, status, note = row
    return CleanRow(
        number,
        pair.metric_id,
        geography_id,
        pair.start,
        None if value is None else Decimal(value),
        status,
        note,
    )
