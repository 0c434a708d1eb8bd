"""Load what the three tests read, for a batch of cases, in a fixed number of queries; run the pure tests."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Sum, Value, When

from metrics.models import Metric
from metrics.status import metric_statuses
from spending.appraisal import tests_pure as t
from spending.appraisal.tests_pure import TestResult
from spending.models import (
    OPTIMISM_BIAS_UPLIFT_BY_KEY,
    BusinessCase,
    CostLine,
    DepartmentalAllocation,
    ModelledImpact,
)

__all__ = ["Appraisal", "TestResult", "evaluate", "evaluate_one", "uplifted"]


def uplifted(raw: Decimal, optimism_bias: str, mitigation: Decimal) -> Decimal:
    upper = OPTIMISM_BIAS_UPLIFT_BY_KEY[optimism_bias]
    return raw * (1 + upper * (Decimal(100) - Decimal(mitigation)) / Decimal(100))


@dataclass
class Appraisal:
    case: BusinessCase
    costs: list[t.Cost]
    affordability: TestResult
    mission_critical: TestResult
    ten_year: TestResult
    metrics: dict[int, Metric]
    impacts: list[t.Impact]

    @property
    def tests(self) -> dict[str, TestResult]:
        return {
            "affordability": self.affordability,
            "mission_critical": self.mission_critical,
            "ten_year": self.ten_year,
        }

    def as_dict(self) -> dict:
        return {name: result.as_dict() for name, result in self.tests.items()}

    @property
    def raw_total_m(self) -> Decimal:
        return sum((c.raw_m for c in self.costs), Decimal(0))

    @property
    def uplifted_total_m(self) -> Decimal:
        return sum((c.uplifted_m for c in self.costs), Decimal(0))


def evaluate_one(case: BusinessCase) -> Appraisal:
    return evaluate([case])[case.pk]


def evaluate(cases: Iterable[BusinessCase]) -> dict[int, Appraisal]:
    cases = list(cases)
    if not cases:
        return {}
    costs = _costs(cases)
    impacts, metrics = _impacts(cases)
    allocations, committed = _headroom(cases)
    statuses = metric_statuses([m for m in metrics.values() if m.tier == Metric.Tier.CORE])
    gaps = {mid: _gap(m, statuses.get(mid)) for mid, m in metrics.items()}
    out = {}
    for case in cases:
        key = (case.spending_review_id, case.lead_department_id)
        review = case.spending_review
        own_costs, own_impacts = costs.get(case.pk, []), impacts.get(case.pk, [])
        ten = t.ten_year(own_costs, own_impacts, start_year=case.start_year)
        ten.figures["cost_per_unit_of_impact_m"] = [
            {"metric": metrics[int(mid)].slug, "m_per_unit_year": value, "unit": metrics[int(mid)].unit}
            for mid, value in ten.figures["cost_per_unit_of_impact_m"].items()
        ]
        ten.inputs["non_monetised_metrics"] = [metrics[m].slug for m in ten.inputs["non_monetised_metrics"]]
        out[case.pk] = Appraisal(
            case=case,
            costs=own_costs,
            affordability=t.affordability(
                own_costs,
                review_years=review.years if review else None,
                allocations=allocations.get(key, {}),
                committed=_without(committed.get(key, {}), case, own_costs),
            ),
            mission_critical=t.mission_critical(own_impacts, gaps, start_year=case.start_year),
            ten_year=ten,
            metrics=metrics,
            impacts=own_impacts,
        )
    return out


def _costs(cases) -> dict[int, list[t.Cost]]:
    by_case = {c.pk: c for c in cases}
    out: dict[int, list[t.Cost]] = defaultdict(list)
    lines = CostLine.objects.filter(case__in=list(by_case)).order_by("fiscal_year", "budget")
    for case_id, year, budget, amount in lines.values_list("case_id", "fiscal_year", "budget", "amount_m"):
        case = by_case[case_id]
        up = uplifted(amount, case.optimism_bias, case.optimism_bias_mitigation)
        out[case_id].append(t.Cost(year, budget, amount, up))
    return out


IMPACT_FIELDS = (
    "case_id", "metric_id", "geography_id", "year", "impact", "probability", "valued_units",
    "valuation__value_gbp", "valuation__health",
)  # fmt: skip


def _impacts(cases) -> tuple[dict[int, list[t.Impact]], dict[int, Metric]]:
    """Plain values, not model instances: a page of 2,000 cases reads 100,000 impact rows."""
    rows = list(
        ModelledImpact.objects.filter(case__in=[c.pk for c in cases])
        .order_by("metric_id", "year")
        .values_list(*IMPACT_FIELDS)
    )
    metrics = {m.pk: m for m in Metric.objects.filter(pk__in={r[1] for r in rows})}
    out: dict[int, list[t.Impact]] = defaultdict(list)
    for case_id, metric_id, geography_id, year, impact, probability, units, value_gbp, health in rows:
        metric = metrics[metric_id]
        value = float(units * value_gbp) / 1_000_000 if units is not None and value_gbp is not None else None
        out[case_id].append(
            t.Impact(
                metric_id=metric_id,
                year=year,
                impact=impact,
                probability=probability,
                default_geography=geography_id == metric.default_geography_id,
                higher_is_better=metric.direction == Metric.Direction.HIGHER,
                value_m=value,
                health=bool(health),
            )
        )
    return out, metrics


def _uplift_factor():
    """1 + upper-bound uplift × (1 − mitigation), as SQL, so approved cases are summed in the database."""
    upper = Case(
        *[
            When(case__optimism_bias=key, then=Value(value))
            for key, value in OPTIMISM_BIAS_UPLIFT_BY_KEY.items()
        ],
        default=Value(Decimal(0)),
        output_field=DecimalField(max_digits=6, decimal_places=4),
    )
    return Value(Decimal(1)) + upper * (Value(Decimal(100)) - F("case__optimism_bias_mitigation")) / Value(
        Decimal(100)
    )


def _headroom(cases):
    """Allocations of each (review, lead department), and what approved cases already take from them."""
    reviews = {c.spending_review_id for c in cases if c.spending_review_id}
    departments = {c.lead_department_id for c in cases}
    allocations: dict = defaultdict(dict)
    for a in DepartmentalAllocation.objects.filter(spending_review__in=reviews, department__in=departments):
        allocations[(a.spending_review_id, a.department_id)][(a.fiscal_year, a.budget)] = a.amount_m
    committed: dict = defaultdict(dict)
    approved = (
        CostLine.objects.filter(
            case__status=BusinessCase.Status.APPROVED,
            case__spending_review__in=reviews,
            case__lead_department__in=departments,
        )
        .values("case__spending_review_id", "case__lead_department_id", "fiscal_year", "budget")
        .annotate(
            total=Sum(
                F("amount_m") * _uplift_factor(), output_field=DecimalField(max_digits=20, decimal_places=6)
            )
        )
        .order_by()
    )
    for row in approved:
        key = (row["case__spending_review_id"], row["case__lead_department_id"])
        committed[key][(row["fiscal_year"], row["budget"])] = row["total"]
    return allocations, committed


def _without(committed: dict, case: BusinessCase, own: list[t.Cost]) -> dict[tuple[int, str], Decimal]:
    """Approved cases' totals less this case's own costs when it is itself approved (never against itself)."""
    result = dict(committed)
    if case.status == BusinessCase.Status.APPROVED:
        for cost in own:
            key = (cost.fiscal_year, cost.budget)
            if key in result:
                result[key] = result[key] - cost.uplifted_m
    return result


def _gap(metric: Metric, status) -> t.Gap:
    target = status.target if status else None
    return t.Gap(
        metric_id=metric.pk,
        name=metric.name,
        core=metric.tier == Metric.Tier.CORE,
        latest_value=status.latest_value if status else None,
        latest_period=status.latest_period if status else None,
        target_value=target.value if target else None,
        target_due=target.due_date if target else None,
        higher_is_better=metric.direction == Metric.Direction.HIGHER,
    )
