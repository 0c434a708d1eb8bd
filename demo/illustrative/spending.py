"""An illustrative spending review, allocations and three business cases (shared, prevention, Mission Fund).

Every money figure and modelled impact here is invented for the demo: no real allocation or appraisal.
"""

from __future__ import annotations

from decimal import Decimal

from metrics.models import Metric
from missions.models import Mission, Organisation, User
from spending.models import (
    Assessment,
    Budget,
    BusinessCase,
    BusinessCaseStatusChange,
    CostLine,
    DepartmentalAllocation,
    ModelledImpact,
    SpendingReview,
)

from ..common import ILLUSTRATIVE, Tally, at_ten, days_from_today, upsert

PRICE_BASE = "2025-26 prices (illustrative)"
S = BusinessCase.Status

# department, budget, £m per fiscal year 2026-27..2028-29, prevention ring-fence £m per year
ALLOCATIONS = [
    ("dfe", Budget.RDEL, [90_000, 91_500, 93_000], 1_200),
    ("dhsc", Budget.RDEL, [200_000, 205_000, 210_000], 2_500),
    ("home-office", Budget.RDEL, [20_000, 20_400, 20_800], 300),
    ("desnz", Budget.CDEL, [8_000, 8_500, 9_000], 0),
]

IMPACT_METHOD = (
    "Illustrative figures, not a real appraisal: a hand-drawn profile showing how a modelled impact would be "
    "recorded (change in the metric, in its unit, against a no-investment counterfactual)."
)

CASES = [
    {
        "slug": "family-hubs-school-readiness",
        "title": "Family hubs and health visiting for school readiness (illustrative shared case)",
        "lead": "dfe", "partners": ["dhsc"], "missions": ["opportunity", "nhs"], "category": Budget.RDEL,
        "prevention": False, "mission_fund_bid": False, "status": S.SUBMITTED, "created_by": "dfe",
        "history": [("", S.DRAFT), (S.DRAFT, S.SUBMITTED)],
        "strategic_case": "A shared DfE–DHSC case: joining up family hubs and health visiting so that more "
        "children reach a good level of development by age five.",
        "costs": {2026: 120, 2027: 180, 2028: 200},
        "impacts": {"gld_all_children": [0, 0.3, 0.6, 0.9, 1.0], "gld_fsm_eligible": [0, 0.5, 1.0, 1.4, 1.6]},
    },
    {
        "slug": "childhood-healthy-weight-pie",
        "title": "Childhood healthy weight programme (illustrative prevention investment case)",
        "lead": "dhsc", "partners": [], "missions": ["nhs"], "category": Budget.RDEL,
        "prevention": True, "mission_fund_bid": False, "status": S.ASSESSED, "created_by": "dhsc",
        "history": [("", S.DRAFT), (S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.ASSESSED)],
        "strategic_case": "Prevention investment expenditure (PIE): early support for healthy weight, whose "
        "benefits to healthy life expectancy arrive late in the ten-year horizon.",
        "costs": {2026: 60, 2027: 90, 2028: 90},
        "impacts": {
            "healthy_life_expectancy_at_birth_male": [0, 0, 0, 0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06],
            "healthy_life_expectancy_at_birth_female": [0, 0, 0, 0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06],
        },
    },
    {
        "slug": "school-nurseries-mission-fund",
        "title": "School-based nursery places: Mission Fund bid (illustrative)",
        "lead": "dfe", "partners": [], "missions": ["opportunity"], "category": Budget.CDEL,
        "prevention": False, "mission_fund_bid": True, "status": S.DRAFT, "created_by": "dfe",
        "history": [("", S.DRAFT)],
        "strategic_case": "A bid to the Treasury's Mission Fund for capital to open nursery classes in "
        "primary schools with spare rooms.",
        "costs": {2026: 50, 2027: 100, 2028: 40},
        "impacts": {"gld_all_children": [0, 0.1, 0.3, 0.4, 0.5, 0.5]},
    },
]  # fmt: skip


def load_spending(
    tally: Tally,
    missions: dict[str, Mission],
    orgs: dict[str, Organisation],
    metrics: dict[str, Metric],
    users: dict[str, User],
) -> dict[str, BusinessCase]:
    review = upsert(
        tally,
        SpendingReview,
        {"slug": "sr2025"},
        {
            "name": "Spending Review 2025 (illustrative)",
            "first_year": 2026,
            "last_year": 2028,
            # IPPR's suggestion: a three-year settlement whose last two years are indicative.
            "indicative_from_year": 2027,
            "status": SpendingReview.Status.OPEN,
            "trigger_events": f"{ILLUSTRATIVE} Reopened if: an economic shock moves the fiscal forecast "
            "materially; a change of fiscal rules; a major change in a mission's delivery plan.",
            "illustrative": True,
        },
    )
    for dept, budget, amounts, ringfence in ALLOCATIONS:
        for year, amount in enumerate(amounts, start=review.first_year):
            upsert(
                tally,
                DepartmentalAllocation,
                {"spending_review": review, "department": orgs[dept], "fiscal_year": year, "budget": budget},
                {
                    "amount_m": Decimal(amount),
                    "prevention_ringfence_m": Decimal(ringfence),
                    "price_base": PRICE_BASE,
                    "illustrative": True,
                },
            )
    cases = {spec["slug"]: _case(tally, spec, review, missions, orgs, metrics, users) for spec in CASES}
    _assess(tally, cases["childhood-healthy-weight-pie"], review, users["treasury"])
    return cases


def _case(tally, spec, review, missions, orgs, metrics, users) -> BusinessCase:
    submitted = spec["status"] != S.DRAFT
    case = upsert(
        tally,
        BusinessCase,
        {"slug": spec["slug"]},
        {
            "title": spec["title"],
            "lead_department": orgs[spec["lead"]],
            "spending_review": review,
            "category": spec["category"],
            "prevention": spec["prevention"],
            "mission_fund_bid": spec["mission_fund_bid"],
            "strategic_case": f"{ILLUSTRATIVE} {spec['strategic_case']}",
            "price_base": PRICE_BASE,
            "status": spec["status"],
            "created_by": users[spec["created_by"]],
            "submitted_at": at_ten(days_from_today(-40)) if submitted else None,
            "illustrative": True,
        },
        m2m={
            "partner_departments": [orgs[slug] for slug in spec["partners"]],
            "missions": [missions[slug] for slug in spec["missions"]],
        },
    )
    for from_status, to_status in spec["history"]:
        upsert(
            tally,
            BusinessCaseStatusChange,
            {"case": case, "from_status": from_status, "to_status": to_status},
            {"by": users[spec["created_by"]], "note": "Illustrative example."},
        )
    for year, amount in spec["costs"].items():
        upsert(tally, CostLine, {"case": case, "fiscal_year": year}, {"amount_m": Decimal(amount)})
    for slug, profile in spec["impacts"].items():
        for year, impact in enumerate(profile, start=1):
            upsert(
                tally,
                ModelledImpact,
                {"case": case, "metric": metrics[slug], "year": year},
                {"impact": Decimal(str(impact)), "method": IMPACT_METHOD, "evidence": ILLUSTRATIVE},
            )
    return case


def _assess(tally, case: BusinessCase, review: SpendingReview, treasury: User) -> Assessment:
    """The three tests, with inputs computed from the case's own (illustrative) rows."""
    costs = {line.fiscal_year: line.amount_m for line in case.costs.all()}
    impacts = list(case.impacts.order_by("year"))
    in_review = sum(amount for year, amount in costs.items() if review.first_year <= year <= review.last_year)
    first_benefit = min((i.year for i in impacts if i.impact > 0), default=None)
    inputs = {
        "total_cost_m": str(sum(costs.values())),
        "cost_within_review_m": str(in_review),
        "price_base": case.price_base,
        "first_year_with_modelled_benefit": first_benefit,
        "metrics_with_modelled_benefit": sorted({i.metric.slug for i in impacts if i.impact > 0}),
        "benefit_in_year_10": any(i.year == 10 and i.impact > 0 for i in impacts),
    }
    return upsert(
        tally,
        Assessment,
        {"case": case, "illustrative": True},
        {
            "affordability": Assessment.Result.PASS,
            "mission_critical": Assessment.Result.PASS,
            "ten_year": Assessment.Result.PASS,
            "inputs": inputs,
            "judgement": f"{ILLUSTRATIVE} Affordable within the department's prevention ring-fence; "
            "contributes to a core NHS mission metric; benefits continue to year 10 of the horizon.",
            "assessed_by": treasury,
        },
    )
