"""The three tests as pure functions over plain values (no queries): affordability, mission critical,
ten-year.

Conventions (docs/decisions/0013-appraisal.md):
- a cost line's uplifted cost = raw × (1 + upper-bound optimism bias × (1 − mitigation));
- year 1 of the horizon is the case's start year; a cost in fiscal year y is discounted with DF(y − start),
  an impact in horizon year k with DF(k − 1), at the health rate where its valuation is a health one;
- a modelled impact is the change in the metric (its unit) against the counterfactual in that year; its
  expected value is impact × probability; "improvement" flips the sign for lower-is-better metrics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from spending import discounting

PASS, FAIL, NOT_ASSESSABLE = "pass", "fail", "not_assessable"
TEN = 10


@dataclass
class TestResult:
    result: str
    summary: str
    inputs: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"result": self.result, "summary": self.summary, "inputs": self.inputs, **self.figures}


@dataclass(frozen=True)
class Cost:
    fiscal_year: int
    budget: str
    raw_m: Decimal
    uplifted_m: Decimal


@dataclass(frozen=True)
class Impact:
    metric_id: int
    year: int
    impact: Decimal
    probability: Decimal
    default_geography: bool
    higher_is_better: bool
    value_m: float | None  # monetised value (£m) before probability, or None
    health: bool


@dataclass(frozen=True)
class Gap:
    """A core metric's latest figure and target, as metrics.status reads them."""

    metric_id: int
    name: str
    core: bool
    latest_value: Decimal | None
    latest_period: str | None
    target_value: Decimal | None
    target_due: date | None
    higher_is_better: bool


def _money(value) -> float:
    return round(float(value), 3)


def fiscal_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def affordability(
    costs: list[Cost],
    *,
    review_years: list[int] | None,
    allocations: dict[tuple[int, str], Decimal],
    committed: dict[tuple[int, str], Decimal],
) -> TestResult:
    """Each year's (uplifted) cost within the lead department's allocation after already-approved cases."""
    if not costs:
        return TestResult(NOT_ASSESSABLE, "The case has no cost profile yet.", {"years": []})
    if review_years is None:
        return TestResult(NOT_ASSESSABLE, "The case names no spending review.", {"years": []})
    rows, fails, missing = [], 0, 0
    for cost in sorted(costs, key=lambda c: (c.fiscal_year, c.budget)):
        key = (cost.fiscal_year, cost.budget)
        row = {"fiscal_year": cost.fiscal_year, "budget": cost.budget, "cost_m": _money(cost.uplifted_m)}
        if cost.fiscal_year not in review_years:
            row |= {"result": NOT_ASSESSABLE, "reason": "outside the spending review's years"}
        elif key not in allocations:
            missing += 1
            row |= {"result": NOT_ASSESSABLE, "reason": "no allocation for this year and control total"}
        else:
            taken = committed.get(key, Decimal(0))
            headroom = allocations[key] - taken
            ok = cost.uplifted_m <= headroom
            fails += not ok
            row |= {
                "allocation_m": _money(allocations[key]),
                "approved_cases_m": _money(taken),
                "headroom_m": _money(headroom),
                "result": PASS if ok else FAIL,
            }
        rows.append(row)
    assessed = [r for r in rows if r["result"] != NOT_ASSESSABLE]
    inputs = {"years": rows}
    if fails:
        return TestResult(FAIL, f"Cost exceeds the headroom in {fails} of {len(assessed)} years.", inputs)
    if missing or not assessed:
        return TestResult(NOT_ASSESSABLE, "Some years have no allocation to judge against.", inputs)
    return TestResult(PASS, f"Within the headroom in all {len(assessed)} years of the review.", inputs)


def _improvement(impact: Impact) -> Decimal:
    signed = impact.impact if impact.higher_is_better else -impact.impact
    return signed * impact.probability


def mission_critical(impacts: list[Impact], gaps: dict[int, Gap], *, start_year: int | None) -> TestResult:
    """A modelled improvement of at least one core metric, with the share of its remaining gap it closes."""
    if not impacts:
        return TestResult(NOT_ASSESSABLE, "The case has no modelled impacts yet.", {"metrics": []})
    rows = []
    for metric_id in sorted({i.metric_id for i in impacts}, key=lambda m: gaps[m].name):
        gap = gaps[metric_id]
        if not gap.core:
            continue
        own = sorted(
            (i for i in impacts if i.metric_id == metric_id and i.default_geography), key=lambda i: i.year
        )
        rows.append(_gap_row(gap, own, start_year))
    positive = [r for r in rows if r["improves"]]
    inputs = {"metrics": rows}
    if positive:
        return TestResult(PASS, f"Improves {len(positive)} core metric(s).", inputs)
    if not rows:
        return TestResult(FAIL, "No modelled impact on a core mission metric.", inputs)
    return TestResult(FAIL, "No modelled improvement of a core mission metric.", inputs)


def _gap_row(gap: Gap, own: list[Impact], start_year: int | None) -> dict:
    row: dict = {
        "metric_id": gap.metric_id,
        "metric": gap.name,
        "improves": any(_improvement(i) > 0 for i in own),
        "latest_value": None if gap.latest_value is None else float(gap.latest_value),
        "latest_period": gap.latest_period,
        "target_value": None if gap.target_value is None else float(gap.target_value),
        "target_date": gap.target_due.isoformat() if gap.target_due else None,
        "remaining_gap": None,
        "impact_by_target_date": None,
        "gap_share": None,
    }
    missing = [
        text
        for text, absent in (
            ("no modelled impact at the metric's headline geography", not own),
            ("no figure yet", gap.latest_value is None),
            ("no numeric target", gap.target_value is None or gap.target_due is None),
        )
        if absent
    ]
    if missing:
        row["reason"] = "; ".join(missing)
        return row
    remaining = gap.target_value - gap.latest_value
    remaining = remaining if gap.higher_is_better else -remaining
    row["remaining_gap"] = float(remaining)
    start = start_year if start_year is not None else fiscal_year_of(gap.target_due)
    horizon_year = fiscal_year_of(gap.target_due) - start + 1
    by_then = [i for i in own if i.year <= horizon_year]
    improvement = _improvement(by_then[-1]) if by_then else Decimal(0)
    row["horizon_year_at_target_date"] = horizon_year
    row["impact_by_target_date"] = float(improvement)
    if remaining <= 0:
        row["reason"] = "the target is already met"
    else:
        row["gap_share"] = round(float(improvement / remaining), 4)
        row["gap_share_pct"] = round(100 * row["gap_share"], 1)
    return row


def ten_year(
    costs: list[Cost], impacts: list[Impact], *, start_year: int | None, version: str = discounting.CURRENT
) -> TestResult:
    """Impacts modelled to year 10; PV costs, PV benefits, NPSV, BCR and cost per unit of impact."""
    start = start_year if start_year is not None else min((c.fiscal_year for c in costs), default=0)
    pv_costs = sum(
        float(c.uplifted_m) * discounting.discount_factor(max(c.fiscal_year - start, 0), version=version)
        for c in costs
    )
    monetised = [i for i in impacts if i.value_m is not None]
    pv_benefits = sum(
        i.value_m
        * float(i.probability)
        * discounting.discount_factor(i.year - 1, health=i.health, version=version)
        for i in monetised
    )
    last_year = max((i.year for i in impacts), default=0)
    per_unit = {}
    for metric_id in sorted({i.metric_id for i in impacts}):
        units = sum(_improvement(i) for i in impacts if i.metric_id == metric_id and i.default_geography)
        per_unit[str(metric_id)] = round(pv_costs / float(units), 6) if units > 0 else None
    figures = {
        "pv_costs_m": _money(pv_costs),
        "pv_benefits_m": _money(pv_benefits),
        "npsv_m": _money(pv_benefits - pv_costs),
        "bcr": round(pv_benefits / pv_costs, 3) if monetised and pv_costs > 0 else None,
        "cost_per_unit_of_impact_m": per_unit,
    }
    inputs = {
        "discount_schedule": version,
        "start_year": start,
        "last_modelled_year": last_year,
        "monetised_impacts": len(monetised),
        "non_monetised_metrics": sorted({i.metric_id for i in impacts if i.value_m is None}),
    }
    if not impacts:
        return TestResult(NOT_ASSESSABLE, "The case has no modelled impacts yet.", inputs, figures)
    if last_year < TEN:
        return TestResult(
            FAIL, f"Impacts are modelled only to year {last_year}, not year {TEN}.", inputs, figures
        )
    return TestResult(PASS, f"Impacts are modelled to year {last_year}.", inputs, figures)
