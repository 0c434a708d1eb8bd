"""Progress status of a metric against its target: the Open SDG / Statistics Canada method (DESIGN §3).

Source followed: open-sdg/sdg-build, ``sdg/ProgressMeasure.py`` (``SeriesProgress.methodology_2``,
``growth_calculation``, ``get_progress_status``, ``is_target_achieved``). Its maths:

* compound annual growth rate ``CAGR = (value / base) ** (1 / years) - 1``;
* observed CAGR from the baseline to the latest value, required CAGR from the baseline to the target;
* ratio ``R = direction * observed / abs(required)`` (direction +1 when higher is better, -1 when lower);
* thresholds: ``R >= 0.95`` substantial progress (our *on track*), ``0.6 <= R < 0.95`` moderate (*at risk*),
  ``0 <= R < 0.6`` limited (*off track*), ``R < 0`` deterioration (*deteriorating*);
* *target achieved* overrides everything once the latest value meets the target in the metric's direction
  (``current >= target`` higher-is-better, ``<=`` lower-is-better), even with a single observation;
* at least two data points (the latest must come after the baseline), otherwise no status;
* a target of zero is replaced by a small number (0.001) because a compound rate towards zero is undefined.

Where we depart from the source (linear rates for zero or negative values, explicit trajectories, time in
years from period starts, and the three departures in ``DEPARTURES``), and why: ADR 0003.

Pure Python (no Django) so that the same function serves pages, the API, check-in packs and tests, and so
that the method and every input can be shown to the user (``Assessment.inputs``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from metrics.periods import years_between
from metrics.progress_maths import DIRECTIONS, HIGHER, LOWER
from metrics.progress_maths import clean_points as _clean
from metrics.progress_maths import compound_ok as _compound_ok
from metrics.progress_maths import direction_sign as _direction_sign
from metrics.progress_maths import planned_value as _planned_value
from metrics.progress_maths import rate as _rate
from metrics.progress_maths import ratio_of as _ratio
from metrics.progress_maths import span_years as _years
from metrics.progress_text import DEPARTURE_DATE, DEPARTURE_ZERO, DEPARTURES, Formatter, to_float
from metrics.progress_types import Assessment, Point
from metrics.staleness import STALENESS_DEFAULTS, allowed_age_days, is_stale

__all__ = [
    "ACHIEVED",
    "DIRECTIONS",
    "HIGHER",
    "LOWER",
    "DEPARTURES",
    "AT_RISK",
    "DETERIORATING",
    "NOT_ENOUGH_DATA",
    "NO_TARGET",
    "OFF_TRACK",
    "ON_TRACK",
    "STALENESS_DEFAULTS",
    "STATUSES",
    "STATUS_LABELS",
    "WORST_FIRST",
    "Assessment",
    "Point",
    "allowed_age_days",
    "assess",
    "is_stale",
    "rollup",
    "status_for_ratio",
]

ACHIEVED = "achieved"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
DETERIORATING = "deteriorating"
NO_TARGET = "no_target"
NOT_ENOUGH_DATA = "not_enough_data"

STATUS_LABELS: dict[str, str] = {
    ACHIEVED: "Achieved",
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    DETERIORATING: "Deteriorating",
    NO_TARGET: "No target",
    NOT_ENOUGH_DATA: "Not enough data",
}
STATUSES: tuple[str, ...] = tuple(STATUS_LABELS)
#: Roll-up order: the first status present among a mission's metrics is the mission's "worst".
WORST_FIRST: tuple[str, ...] = (
    DETERIORATING,
    OFF_TRACK,
    AT_RISK,
    ON_TRACK,
    ACHIEVED,
    NOT_ENOUGH_DATA,
    NO_TARGET,
)

#: Open SDG quantitative thresholds on the ratio R (``get_progress_thresholds``, method 2).
THRESHOLD_ON_TRACK = 0.95
THRESHOLD_AT_RISK = 0.6
THRESHOLD_OFF_TRACK = 0.0
THRESHOLDS: dict[str, float] = {
    ON_TRACK: THRESHOLD_ON_TRACK,
    AT_RISK: THRESHOLD_AT_RISK,
    OFF_TRACK: THRESHOLD_OFF_TRACK,
}
#: Open SDG replaces a zero target with this before taking a compound rate.
SMALL_NUMBER = 0.001

METHOD_COMPOUND = "compound annual growth (Open SDG)"
METHOD_LINEAR = "linear (values at or below zero)"
METHOD_TRAJECTORY = "trajectory"
METHOD_NONE = "none (not enough data)"


def shown_ratio(ratio: float) -> str:
    """The ratio to two decimals, unless rounding would carry it across a threshold (0.948, at risk, would
    read 0.95, the on-track bar): then three decimals, rounded towards zero, so the figure a minister sees
    always agrees with the status it was judged by."""
    two = f"{ratio:.2f}"
    if status_for_ratio(float(two)) == status_for_ratio(ratio):
        return two
    return f"{math.trunc(ratio * 1000) / 1000:.3f}"


def status_for_ratio(ratio: float) -> str:
    """Map the ratio R of observed to required progress onto the Open SDG thresholds."""
    if ratio >= THRESHOLD_ON_TRACK:
        return ON_TRACK
    if ratio >= THRESHOLD_AT_RISK:
        return AT_RISK
    if ratio >= THRESHOLD_OFF_TRACK:
        return OFF_TRACK
    return DETERIORATING


def assess(
    points: Sequence[Point],
    *,
    direction: str,
    target_value: Decimal | float | None = None,
    target_date: date | None = None,
    baseline: Point | None = None,
    baseline_date: date | None = None,
    trajectory: Sequence[Point] | None = None,
    unit: str = "",
    decimal_places: int = 1,
    frequency: str | None = None,
    span: int | None = None,
    observations: int | None = None,
) -> Assessment:
    """Assess a metric's progress towards its target (or along its trajectory).

    * ``baseline`` defaults to the first point on or after ``baseline_date`` when that is given (and to
      the earliest point when it is not); the latest point is the one with the latest date. A
      ``baseline_date`` after the latest point gives *not enough data*: progress is never measured from
      an earlier point than the target's baseline.
    * *Achieved* as soon as the latest value meets the target in the metric's ``direction``.
    * Fewer than two usable points (or a latest point not after the baseline): *not enough data*.
    * No target and no trajectory: *no target*, with the observed rate still given in the explanation.
    * With a target: the Open SDG ratio of observed to required rate (see the module docstring), compound
      when all values are positive, linear otherwise.
    * With a ``trajectory`` (planned values by date): the planned value at the latest date is interpolated
      linearly between trajectory points (before the first one, between the baseline and the first point;
      after the last one, the last value holds). R is the share of the planned change from the baseline
      that has actually happened, ``direction * actual / abs(planned)``, with the same thresholds: so
      *on track* means at least 95% of the planned change has been achieved, and a latest value at least
      as good as the plan is always on track.

    ``frequency`` (and ``span`` for pooled periods) only make dates read as period labels (``2023/24``)
    in the explanation. ``observations`` is the number of observations when ``points`` holds only those
    the method reads (the first, the baseline and the latest), so that large series need not be loaded.
    Raises ``ValueError`` for inconsistent arguments, not for unfavourable data.
    """
    sign = _direction_sign(direction)
    if (target_value is None) != (target_date is None):
        raise ValueError("A target needs both a value and a date.")
    fmt = Formatter(unit, decimal_places, frequency, span)
    series = _clean(points, "observations")
    plan = _clean(trajectory or (), "trajectory points")
    base = baseline if baseline is not None else _baseline_point(series, baseline_date)
    latest = series[-1] if series else None
    target = to_float(target_value) if target_value is not None else None
    count = len(series) if observations is None else observations
    inputs = _inputs(base, latest, target, target_date, direction, count)

    if target is None and not plan:
        return _no_target(base, latest, fmt, inputs)
    if latest is not None and target is not None and sign * (to_float(latest.value) - target) >= 0:
        return _achieved(base, latest, target, target_date, fmt, inputs)
    if base is None and baseline_date is not None and latest is not None:
        return _not_enough_data(count, fmt, inputs, after=(baseline_date, latest.when))
    if base is None or latest is None or latest.when <= base.when:
        return _not_enough_data(count, fmt, inputs)
    if plan:
        return _against_trajectory(base, latest, plan, sign, fmt, inputs)
    assert target is not None and target_date is not None
    return _against_target(base, latest, target, target_date, sign, fmt, inputs)


def rollup(statuses: Iterable[str]) -> tuple[dict[str, int], str]:
    """Count metrics per status (every status present, zeros included) and return the worst one.

    No weights: a mission is as bad as its worst core metric (order :data:`WORST_FIRST`). With no
    statuses at all the worst is *not enough data*, since there is nothing to judge.
    """
    counts = dict.fromkeys(WORST_FIRST, 0)
    for status in statuses:
        if status not in counts:
            raise ValueError(f"'{status}' is not a progress status; use one of: {', '.join(WORST_FIRST)}.")
        counts[status] += 1
    worst = next((status for status in WORST_FIRST if counts[status]), NOT_ENOUGH_DATA)
    return counts, worst


# --- the branches of assess() -------------------------------------------------------------------------------


def _no_target(base: Point | None, latest: Point | None, fmt: Formatter, inputs: dict) -> Assessment:
    if base is None or latest is None or latest.when <= base.when:
        text = "No target is set, and there is not yet enough data to measure a rate of change."
        return _result(NO_TARGET, None, None, None, METHOD_NONE, text, inputs)
    compound = _compound_ok(base, latest, None)
    observed = _rate(to_float(base.value), to_float(latest.value), _years(base, latest), compound)
    text = (
        f"No target is set. From {fmt.when(base.when)} ({fmt.value(base.value)}) to "
        f"{fmt.when(latest.when)} ({fmt.value(latest.value)}) the value shows {fmt.rate(observed, compound)}."
    )
    return _result(NO_TARGET, None, None, observed, _method(compound), text, inputs)


def _achieved(
    base: Point | None, latest: Point, target: float, target_date: date | None, fmt: Formatter, inputs: dict
) -> Assessment:
    observed = None
    method = METHOD_NONE
    if base is not None and latest.when > base.when:
        compound = _compound_ok(base, latest, target)
        observed = _rate(to_float(base.value), to_float(latest.value), _years(base, latest), compound)
        method = _method(compound)
    by = f" by {fmt.when(target_date)}" if target_date is not None else ""
    text = (
        f"Target of {fmt.value(target)}{by} met: the latest value is {fmt.value(latest.value)} "
        f"({fmt.when(latest.when)})."
    )
    if target == 0:
        text += f" {DEPARTURE_ZERO}"

    return _result(ACHIEVED, None, None, observed, method, text, inputs)


def _not_enough_data(
    count: int, fmt: Formatter, inputs: dict, after: tuple[date, date] | None = None
) -> Assessment:
    if after is not None:
        inputs["baseline_date"] = after[0].isoformat()
        text = (
            f"Not enough data: the target's baseline, {fmt.when(after[0])}, is after the latest value "
            f"({fmt.when(after[1])}). Progress is measured from the baseline, never from an earlier value."
        )
        return _result(NOT_ENOUGH_DATA, None, None, None, METHOD_NONE, text, inputs)
    text = (
        "Not enough data: progress needs a baseline and at least one later value "
        f"(there {'is' if count == 1 else 'are'} {count} observation{'' if count == 1 else 's'})."
    )
    return _result(NOT_ENOUGH_DATA, None, None, None, METHOD_NONE, text, inputs)


def _against_target(
    base: Point, latest: Point, target: float, target_date: date, sign: int, fmt: Formatter, inputs: dict
) -> Assessment:
    compound = _compound_ok(base, latest, target)
    base_value = to_float(base.value)
    used_target = SMALL_NUMBER if compound and target == 0 else target
    inputs["target_value_used"] = used_target
    observed = _rate(base_value, to_float(latest.value), _years(base, latest), compound)
    years_to_target = years_between(base.when, target_date)
    where = (
        f"from {fmt.when(base.when)} ({fmt.value(base.value)}) to reach {fmt.value(target)} "
        f"by {fmt.when(target_date)}"
    )
    achieving = (
        f"achieving {fmt.rate(observed, compound)} to {fmt.when(latest.when)} ({fmt.value(latest.value)})"
    )
    if years_to_target <= 0:
        text = (
            f"The target date {fmt.when(target_date)} is not after the baseline {fmt.when(base.when)}, "
            f"and the target of {fmt.value(target)} has not been met; {achieving}: off track. "
            f"{DEPARTURE_DATE}"
        )
        return _result(OFF_TRACK, None, None, observed, _method(compound), text, inputs)
    required = _rate(base_value, used_target, years_to_target, compound)
    ratio = _ratio(sign, observed, required)
    if ratio is None:
        status = DETERIORATING
        verdict = "the target equals the baseline and the value has moved away from it: deteriorating"
        text = f"Needs no change {where}; {achieving}: {verdict}."
    else:
        status = status_for_ratio(ratio)
        text = (
            f"Needs {fmt.rate(required, compound)} {where}; {achieving}: "
            f"{STATUS_LABELS[status].lower()} (ratio {shown_ratio(ratio)})."
        )
    if not compound:
        text += " Linear rates are used because a value is zero or negative."
    return _result(status, ratio, required, observed, _method(compound), text, inputs)


def _against_trajectory(
    base: Point, latest: Point, plan: list[Point], sign: int, fmt: Formatter, inputs: dict
) -> Assessment:
    planned, how = _planned_value(base, plan, latest.when, fmt)
    base_value = to_float(base.value)
    latest_value = to_float(latest.value)
    years = _years(base, latest)
    required = (planned - base_value) / years
    observed = (latest_value - base_value) / years
    ratio = _ratio(sign, observed, required)
    inputs["trajectory_value"] = planned
    inputs["trajectory"] = [{"date": p.when.isoformat(), "value": to_float(p.value)} for p in plan]
    if sign * (latest_value - planned) >= 0:
        status = ON_TRACK
    else:
        status = DETERIORATING if ratio is None else status_for_ratio(ratio)
    share = "" if ratio is None else f", {ratio:.0%} of the planned change from the baseline"
    text = (
        f"The trajectory plans {fmt.value(planned)} by {fmt.when(latest.when)} ({how}); "
        f"the latest value is {fmt.value(latest_value)}{share} "
        f"({fmt.value(base_value)} in {fmt.when(base.when)}): {STATUS_LABELS[status].lower()}"
    )
    text += "." if ratio is None else f" (ratio {shown_ratio(ratio)})."
    return _result(status, ratio, required, observed, METHOD_TRAJECTORY, text, inputs)


# --- small helpers ----------------------------------------------------------------------------------------


def _baseline_point(series: list[Point], baseline_date: date | None) -> Point | None:
    if baseline_date is None:
        return series[0] if series else None
    return next((p for p in series if p.when >= baseline_date), None)


def _method(compound: bool) -> str:
    return METHOD_COMPOUND if compound else METHOD_LINEAR


def _inputs(
    base: Point | None,
    latest: Point | None,
    target: float | None,
    target_date: date | None,
    direction: str,
    count: int,
) -> dict[str, Any]:
    return {
        "baseline_date": base.when.isoformat() if base else None,
        "baseline_value": to_float(base.value) if base else None,
        "latest_date": latest.when.isoformat() if latest else None,
        "latest_value": to_float(latest.value) if latest else None,
        "target_date": target_date.isoformat() if target_date else None,
        "target_value": target,
        "direction": direction,
        "observations": count,
        "thresholds": dict(THRESHOLDS),
    }


def _result(
    status: str,
    ratio: float | None,
    required: float | None,
    observed: float | None,
    method: str,
    explanation: str,
    inputs: dict[str, Any],
) -> Assessment:
    inputs["method"] = method
    return Assessment(
        status=status,
        label=STATUS_LABELS[status],
        ratio=ratio,
        required_rate=required,
        observed_rate=observed,
        method=method,
        explanation=explanation,
        inputs=inputs,
    )
