"""The forms a target takes, and the status of each (DESIGN §2 `Target`), in pure Python.

* **level** — reach a value by a date: :func:`metrics.progress.assess` as it stands.
* **relative** — "halve from the baseline": the level is *derived* (factor × the baseline value) and said
  to be derived; then assessed as a level from that baseline.
* **gap** — "halve the gap between two geographies or groups": the status is judged on the *gap series*
  (in each period, the highest minus the lowest of the series compared, over periods where all have a
  value), which must fall, relative to the gap at the baseline (or to a level of the gap).
* **comparator** — "the highest growth in the G7": judged on the rank of our series' average since the
  baseline among the comparator series' averages over the same periods.
* **budget** — a cumulative total over a multi-year period (carbon-budget style): a cap when lower is
  better, a floor when higher is better; judged on the pace so far against the even pace the total allows.

Every result is a :class:`metrics.progress.Assessment` whose explanation says how the target was read and
whose inputs carry the derived figures, so pages, packs and the API show the method as they do for levels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from metrics import progress
from metrics.periods import period_from_start
from metrics.progress import (
    ACHIEVED,
    NOT_ENOUGH_DATA,
    OFF_TRACK,
    ON_TRACK,
    STATUS_LABELS,
    Assessment,
    Point,
    status_for_ratio,
)
from metrics.progress_text import Formatter, to_float

LEVEL = "level"
RELATIVE = "relative"
GAP = "gap"
COMPARATOR = "comparator"
BUDGET = "budget"

FORM_LABELS: dict[str, str] = {
    LEVEL: "Level by a date",
    RELATIVE: "Change from a baseline (level derived)",
    GAP: "Gap between geographies or groups",
    COMPARATOR: "Rank among comparators",
    BUDGET: "Cumulative total over a period",
}
FORMS: tuple[str, ...] = tuple(FORM_LABELS)

METHOD_COMPARATOR = "rank of the average since the baseline among comparators"
METHOD_BUDGET = "pace of a cumulative total against an even pace"


@dataclass(frozen=True)
class TargetSpec:
    """A target as the status method needs it (plain values: built from the model or from a test)."""

    form: str = LEVEL
    value: Decimal | float | None = None
    due: date | None = None
    baseline_date: date | None = None
    baseline_value: Decimal | float | None = None
    factor: Decimal | float | None = None
    rank: int | None = None
    budget_start: date | None = None
    trajectory: Sequence[Point] = ()
    groups: Mapping[str, Sequence[Point]] = field(default_factory=dict)
    comparators: Mapping[str, Sequence[Point]] = field(default_factory=dict)
    own_name: str = "United Kingdom"
    own_series: Sequence[Point] = ()
    comparator_label: str = ""


@dataclass(frozen=True)
class Series:
    """The metric the target belongs to: its direction and how its values and periods are worded."""

    direction: str
    unit: str = ""
    decimal_places: int = 1
    frequency: str | None = None
    span: int | None = None

    @property
    def fmt(self) -> Formatter:
        return Formatter(self.unit, self.decimal_places, self.frequency, self.span)

    @property
    def words(self) -> dict[str, Any]:
        """The keyword arguments :func:`metrics.progress.assess` words its explanation with."""
        return {
            "unit": self.unit,
            "decimal_places": self.decimal_places,
            "frequency": self.frequency,
            "span": self.span,
        }


def factor_words(factor: Decimal | float) -> str:
    """``half of``, ``19% of``, ``no lower than``: how a relative target reads in a sentence."""
    f = to_float(factor)
    if f == 0.5:
        return "half of"
    if f == 1:
        return "at least"
    return f"{f:.0%} of"


def assess_target(
    spec: TargetSpec, points: Sequence[Point], series: Series, *, observations: int | None = None
) -> Assessment:
    """The status of a metric against a target of any form (see the module docstring)."""
    if spec.form not in FORMS:
        raise ValueError(f"'{spec.form}' is not a target form; use one of: {', '.join(FORMS)}.")
    common = {"observations": observations, **series.words}
    if spec.form == LEVEL:
        return progress.assess(
            points,
            direction=series.direction,
            target_value=spec.value,
            target_date=spec.due,
            baseline=_stored_baseline(spec),
            baseline_date=spec.baseline_date,
            trajectory=spec.trajectory or None,
            **common,
        )
    if spec.form == RELATIVE:
        return _relative(spec, points, series.direction, series.fmt, common, prefix="")
    if spec.form == GAP:
        return _gap(spec, series, observations)
    if spec.form == COMPARATOR:
        return _comparator(spec, points, series)
    return _budget(spec, points, series)


# --- relative and gap -------------------------------------------------------------------------------------


def _relative(spec, points, direction, fmt, common, *, prefix: str) -> Assessment:
    if spec.factor is None:
        raise ValueError("A relative target needs a factor (0.5 to halve).")
    stored = _stored_baseline(spec)
    series = sorted((p for p in points if p.value is not None), key=lambda p: p.when)
    if stored is not None:
        base = stored
    elif spec.baseline_date is not None:
        base = next((p for p in series if p.when >= spec.baseline_date), None)
    else:
        base = series[0] if series else None
    if base is None:  # the level cannot be derived: never fall back on an earlier value
        if spec.baseline_date is not None and series:
            reason = (
                f"Not enough data: the target's baseline, {fmt.when(spec.baseline_date)}, is after the "
                f"latest value ({fmt.when(series[-1].when)}), so the level cannot be derived yet."
            )
        else:
            reason = "Not enough data: there is no baseline value yet."
        return _plain(NOT_ENOUGH_DATA, prefix + reason, _base_inputs(spec, None, None))
    level = to_float(base.value) * to_float(spec.factor)
    derived = (
        f"The target is derived from the baseline: {factor_words(spec.factor)} the {fmt.when(base.when)} "
        f"value of {fmt.value(base.value)}, that is {fmt.value(level)}."
    )
    if spec.due is None:
        text = f"{prefix}{derived} No date is published for it, so no rate of progress can be required: "
        text += "not enough data to judge progress."
        return _plain(NOT_ENOUGH_DATA, text, _base_inputs(spec, base, level))
    result = progress.assess(
        series, direction=direction, target_value=level, target_date=spec.due, baseline=base, **common
    )
    inputs = {**result.inputs, **_base_inputs(spec, base, level)}
    return _with(result, f"{prefix}{derived} {result.explanation}", inputs)


def gap_series(groups: Mapping[str, Sequence[Point]]) -> list[tuple[Point, str, str]]:
    """The gap in each period where every group has a value: (highest − lowest, highest's, lowest's name)."""
    by_date: dict[date, dict[str, float]] = {}
    for name, points in groups.items():
        for p in points:
            if p.value is not None:
                by_date.setdefault(p.when, {})[name] = to_float(p.value)
    out = []
    for when in sorted(by_date):
        values = by_date[when]
        if len(values) < len(groups) or len(groups) < 2:
            continue
        high = max(values, key=lambda n: (values[n], n))
        low = min(values, key=lambda n: (values[n], n))
        out.append((Point(when, values[high] - values[low]), high, low))
    return out


def _gap(spec: TargetSpec, series: Series, observations: int | None) -> Assessment:
    gaps = gap_series(spec.groups)
    fmt = series.fmt
    names = sorted(spec.groups)
    what = f"the gap between the highest and the lowest of {len(names)} areas or groups ({', '.join(names)})"
    if not gaps:
        text = f"Judged on {what}; no period has a value for all of them yet: not enough data."
        return _plain(NOT_ENOUGH_DATA, text, {"form": GAP, "groups": names})
    latest, high, low = gaps[-1]
    prefix = (
        f"Judged on {what}, which should fall. In {fmt.when(latest.when)} it is {fmt.value(latest.value)} "
        f"({high} minus {low}). "
    )
    points = [g for g, _, _ in gaps]
    common = {"observations": len(points), **series.words}
    inputs_extra = {"form": GAP, "groups": names, "gap_series": [_pair(p) for p in points]}
    if spec.factor is not None:
        result = _relative(spec, points, progress.LOWER, fmt, common, prefix=prefix)
    else:
        result = progress.assess(
            points, direction=progress.LOWER, target_value=spec.value, target_date=spec.due,
            baseline=_stored_baseline(spec), baseline_date=spec.baseline_date, **common,
        )  # fmt: skip
        result = _with(result, prefix + result.explanation, result.inputs)
    return _with(result, result.explanation, {**result.inputs, **inputs_extra})


# --- comparator -------------------------------------------------------------------------------------------


def _comparator(spec: TargetSpec, points: Sequence[Point], series: Series) -> Assessment:
    fmt = series.fmt
    wanted = spec.rank or 1
    start = spec.baseline_date or date.min
    own = {p.when: to_float(p.value) for p in points if p.value is not None and p.when >= start}
    others = {
        name: {p.when: to_float(p.value) for p in pts if p.value is not None}
        for name, pts in spec.comparators.items()
    }
    inputs: dict[str, Any] = {"form": COMPARATOR, "rank_required": wanted, "comparators": sorted(others)}
    among = spec.comparator_label or "the comparators"
    aim = f"the highest in {among}" if wanted == 1 else f"rank {wanted} or better in {among}"
    if not others:
        text = (
            f"Judged on our rank in {among} (the aim: {aim}); no comparator series is loaded, so there is "
            "not enough data to rank."
        )
        return _plain(NOT_ENOUGH_DATA, text, inputs)
    common = sorted(when for when in own if all(when in values for values in others.values()))
    if not common:
        since = f" since {fmt.when(spec.baseline_date)}" if spec.baseline_date else ""
        text = f"Judged on our rank in {among} (the aim: {aim}); no period{since} has a value for "
        text += "every comparator and for us: not enough data."
        return _plain(NOT_ENOUGH_DATA, text, inputs)
    averages = {spec.own_name: sum(own[w] for w in common) / len(common)}
    for name, values in others.items():
        averages[name] = sum(values[w] for w in common) / len(common)
    sign = 1 if series.direction == progress.HIGHER else -1
    order = sorted(averages, key=lambda n: (-sign * averages[n], n != spec.own_name, n))
    rank = order.index(spec.own_name) + 1
    span = f"{fmt.when(common[0])} to {fmt.when(common[-1])}" if len(common) > 1 else fmt.when(common[0])
    table = "; ".join(f"{n} {fmt.value(averages[n])}" for n in order)
    met = rank <= wanted
    due_passed = spec.due is not None and common[-1] >= spec.due
    status = (ACHIEVED if due_passed else ON_TRACK) if met else OFF_TRACK
    text = (
        f"Judged on the average over {span} ({len(common)} period{'s' if len(common) > 1 else ''}): "
        f"ours ranks {rank} of {len(order)} ({table}); the aim is {aim}: {STATUS_LABELS[status].lower()}."
    )
    inputs |= {"rank": rank, "periods": [w.isoformat() for w in common], "averages": averages}
    return _plain(status, text, inputs, method=METHOD_COMPARATOR)


# --- budget -----------------------------------------------------------------------------------------------


def budget_periods(start: date, last: date, frequency: str, span: int | None = None) -> list[date]:
    """Start dates of every period from ``start`` to ``last`` inclusive (the budget's window)."""
    period = period_from_start(start, frequency, span)
    starts = []
    while period.start <= last:
        starts.append(period.start)
        period = period.next()
    return starts


def _budget(spec: TargetSpec, points: Sequence[Point], series: Series) -> Assessment:
    if spec.value is None or spec.budget_start is None or spec.due is None or series.frequency is None:
        raise ValueError("A budget needs a total, a first period, a last period and the metric's frequency.")
    fmt = series.fmt
    window = budget_periods(spec.budget_start, spec.due, series.frequency, series.span)
    inside = [p for p in points if p.value is not None and p.when in set(window)]
    total = to_float(spec.value)
    so_far = sum(to_float(p.value) for p in inside)
    cap = series.direction == progress.LOWER
    n, k = len(window), len(inside)
    what = "cap" if cap else "total to reach"
    head = (
        f"A {what} of {fmt.value(total)} over {fmt.when(window[0])} to {fmt.when(window[-1])} "
        f"({n} periods); {k} reported so far, adding up to {fmt.value(so_far)}"
    )
    inputs: dict[str, Any] = {
        "form": BUDGET, "budget_total": total, "budget_periods": n, "periods_reported": k,
        "cumulative_so_far": so_far, "budget_start": window[0].isoformat(),
        "budget_end": window[-1].isoformat(),
    }  # fmt: skip
    if not cap and so_far >= total:
        return _plain(ACHIEVED, f"{head}: the total is reached, achieved.", inputs, method=METHOD_BUDGET)
    if cap and so_far > total:
        return _plain(OFF_TRACK, f"{head}: the cap is exceeded, off track.", inputs, method=METHOD_BUDGET)
    if k == 0:
        return _plain(NOT_ENOUGH_DATA, f"{head}: not enough data.", inputs)
    if k == n:
        status = ACHIEVED if cap else OFF_TRACK
        word = "kept within the cap" if cap else "the total was not reached"
        return _plain(status, f"{head}: the period is over and {word}.", inputs, method=METHOD_BUDGET)
    even, pace = total / n, so_far / k
    ratio = (even / pace if pace > 0 else float("inf")) if cap else pace / even
    status = status_for_ratio(ratio)
    shown = "unlimited" if ratio == float("inf") else progress.shown_ratio(ratio)
    text = (
        f"{head}. An even pace is {fmt.value(even)} a period; the pace so far is {fmt.value(pace)}: "
        f"{STATUS_LABELS[status].lower()} (ratio {shown})."
    )
    inputs["ratio"] = None if ratio == float("inf") else ratio
    return Assessment(status, STATUS_LABELS[status], inputs["ratio"], even, pace, METHOD_BUDGET, text, inputs)


# --- helpers ----------------------------------------------------------------------------------------------


def _stored_baseline(spec: TargetSpec) -> Point | None:
    if spec.baseline_date is not None and spec.baseline_value is not None:
        return Point(spec.baseline_date, spec.baseline_value)
    return None


def _base_inputs(spec: TargetSpec, base: Point | None, level: float | None) -> dict[str, Any]:
    return {
        "form": spec.form,
        "factor": None if spec.factor is None else to_float(spec.factor),
        "baseline_date": base.when.isoformat() if base else None,
        "baseline_value": to_float(base.value) if base else None,
        "target_value": level,
        "target_value_derived": level is not None,
        "target_date": spec.due.isoformat() if spec.due else None,
    }


def _pair(p: Point) -> dict[str, Any]:
    return {"date": p.when.isoformat(), "value": to_float(p.value)}


def _plain(status: str, text: str, inputs: dict[str, Any], *, method: str | None = None) -> Assessment:
    method = method or progress.METHOD_NONE
    inputs["method"] = method
    return Assessment(status, STATUS_LABELS[status], None, None, None, method, text, inputs)


def _with(result: Assessment, text: str, inputs: dict[str, Any]) -> Assessment:
    return Assessment(
        result.status,
        result.label,
        result.ratio,
        result.required_rate,
        result.observed_rate,
        result.method,
        text,
        inputs,
    )
