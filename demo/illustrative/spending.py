"""An illustrative spending review, allocations, four business cases (shared, prevention, Mission Fund,
approved), the Mission Fund and a fiscal event carrying the approved case.

Every money figure and modelled impact here is invented for the demo: no real allocation or appraisal.
Nothing here is a test result: the three tests are computed from these inputs by spending.appraisal
whenever a page or the API reads a case.
"""

from __future__ import annotations

from datetime import date
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
    FiscalEvent,
    MissionFundAward,
    MissionFundEnvelope,
    ModelledImpact,
    OptimismBias,
    PartnerSignOff,
    PreventionLevel,
    SpendingReview,
    Valuation,
)

from ..common import ILLUSTRATIVE, Tally, at_ten, days_from_today, upsert

PRICE_BASE = "2025-26 prices (illustrative)"
S = BusinessCase.Status

# department, budget, £m per fiscal year 2026-27..2028-29, prevention ring-fence £m per year
ALLOCATIONS = [
    ("dfe", Budget.RDEL, [90_000, 91_500, 93_000], 1_200),
    ("dfe", Budget.CDEL, [6_000, 6_200, 6_400], 0),
    ("dhsc", Budget.RDEL, [200_000, 205_000, 210_000], 2_500),
    ("home-office", Budget.RDEL, [20_000, 20_400, 20_800], 300),
    ("desnz", Budget.CDEL, [8_000, 8_500, 9_000], 0),
]

IMPACT_METHOD = (
    "Illustrative figures, not a real appraisal: a hand-drawn profile showing how a modelled impact would be "
    "recorded (change in the metric, in its unit, against a no-investment counterfactual)."
)
HLE = ["healthy_life_expectancy_at_birth_male", "healthy_life_expectancy_at_birth_female"]

CASES = [
    {
        "slug": "family-hubs-school-readiness",
        "title": "Family hubs and health visiting for school readiness (illustrative shared case)",
        "lead": "dfe", "partners": ["dhsc"], "signed_off": ["dhsc"], "missions": ["opportunity", "nhs"],
        "category": Budget.RDEL, "stage": BusinessCase.Stage.OBC, "prevention": PreventionLevel.PRIMARY,
        "mission_fund_bid": False, "status": S.SUBMITTED, "created_by": "dfe",
        "history": [("", S.DRAFT, "dfe"), (S.DRAFT, S.SUBMITTED, "dfe")],
        "strategic_case": "A shared DfE–DHSC case: joining up family hubs and health visiting so that more "
        "children reach a good level of development by age five.",
        "costs": {2026: 120, 2027: 180, 2028: 200},
        "impacts": {
            "gld_all_children": [0, 0.3, 0.6, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            "gld_fsm_eligible": [0, 0.5, 1.0, 1.4, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6],
        },
    },
    {
        "slug": "childhood-healthy-weight-pie",
        "title": "Childhood healthy weight programme (illustrative prevention investment case)",
        "lead": "dhsc", "partners": [], "signed_off": [], "missions": ["nhs"], "category": Budget.RDEL,
        "stage": BusinessCase.Stage.SOC, "prevention": PreventionLevel.PRIMARY, "mission_fund_bid": False,
        "status": S.ASSESSED, "created_by": "dhsc",
        "history": [("", S.DRAFT, "dhsc"), (S.DRAFT, S.SUBMITTED, "dhsc"), (S.SUBMITTED, S.ASSESSED, "treasury")],
        "strategic_case": "Prevention investment: early support for healthy weight, whose benefits to healthy "
        "life expectancy arrive late in the ten-year horizon.",
        "costs": {2026: 60, 2027: 90, 2028: 90},
        "impacts": {slug: [0, 0, 0, 0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06] for slug in HLE},
        "qalys": [0, 0, 0, 0, 150, 300, 450, 600, 750, 900],
    },
    {
        "slug": "school-nurseries-mission-fund",
        "title": "School-based nursery places: Mission Fund bid (illustrative)",
        "lead": "dfe", "partners": [], "signed_off": [], "missions": ["opportunity"], "category": Budget.CDEL,
        "stage": BusinessCase.Stage.SOC, "prevention": PreventionLevel.NONE, "mission_fund_bid": True,
        "status": S.DRAFT, "created_by": "dfe", "history": [("", S.DRAFT, "dfe")],
        "optimism_bias": OptimismBias.STANDARD_BUILDINGS, "mitigation": 50,
        "strategic_case": "A bid to the Treasury's Mission Fund for capital to open nursery classes in "
        "primary schools with spare rooms.",
        "costs": {2026: 50, 2027: 100, 2028: 40},
        "impacts": {"gld_all_children": [0, 0.1, 0.3, 0.4, 0.5, 0.5]},
    },
    {
        "slug": "early-language-reception-pilot",
        "title": "Early language support in Reception: Mission Fund pilot (illustrative approved case)",
        "lead": "dfe", "partners": [], "signed_off": [], "missions": ["opportunity"], "category": Budget.RDEL,
        "stage": BusinessCase.Stage.FBC, "prevention": PreventionLevel.SECONDARY, "mission_fund_bid": True,
        "status": S.APPROVED, "created_by": "dfe",
        "history": [("", S.DRAFT, "dfe"), (S.DRAFT, S.SUBMITTED, "dfe"), (S.SUBMITTED, S.ASSESSED, "treasury"),
                    (S.ASSESSED, S.APPROVED, "treasury")],
        "strategic_case": "A two-year pilot of screening and small-group language support in Reception "
        "classes, evaluated before any national roll-out.",
        "costs": {2026: 60, 2027: 80},
        "impacts": {"gld_all_children": [0.1, 0.2, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]},
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
    qaly = Valuation.objects.filter(key="qaly").order_by("-version").first()
    cases = {spec["slug"]: _case(tally, spec, review, missions, orgs, metrics, users, qaly) for spec in CASES}
    upsert(
        tally,
        Assessment,
        {"case": cases["childhood-healthy-weight-pie"], "illustrative": True},
        {
            "judgement": f"{ILLUSTRATIVE} The case moves two core NHS metrics late in the horizon; the "
            "Treasury asks for the evidence behind the year-5 onset before a decision.",
            "assessed_by": users["treasury"],
        },
    )
    upsert(
        tally,
        Assessment,
        {"case": cases["early-language-reception-pilot"], "illustrative": True},
        {"judgement": f"{ILLUSTRATIVE} A small, well-evaluated pilot.", "assessed_by": users["treasury"]},
    )
    _fund_and_event(tally, cases["early-language-reception-pilot"], users["treasury"])
    return cases


def _case(tally, spec, review, missions, orgs, metrics, users, qaly) -> BusinessCase:
    submitted = spec["status"] != S.DRAFT
    case = upsert(
        tally,
        BusinessCase,
        {"slug": spec["slug"]},
        {
            "title": spec["title"],
            "lead_department": orgs[spec["lead"]],
            "spending_review": review,
            "stage": spec["stage"],
            "category": spec["category"],
            "prevention_level": spec["prevention"],
            "prevention_evidence": f"{ILLUSTRATIVE} Principal purpose stated in the strategic case."
            if spec["prevention"] != PreventionLevel.NONE
            else "",
            "mission_fund_bid": spec["mission_fund_bid"],
            "strategic_case": f"{ILLUSTRATIVE} {spec['strategic_case']}",
            "economic_case": f"{ILLUSTRATIVE} Options compared with a do-minimum counterfactual.",
            "price_base": PRICE_BASE,
            "price_base_year": 2025,
            "start_year": 2026,
            "optimism_bias": spec.get("optimism_bias", OptimismBias.NONE),
            "optimism_bias_mitigation": Decimal(spec.get("mitigation", 0)),
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
    for from_status, to_status, by in spec["history"]:
        upsert(
            tally,
            BusinessCaseStatusChange,
            {"case": case, "from_status": from_status, "to_status": to_status},
            {"by": users[by], "note": "Illustrative example."},
        )
    for slug in spec["signed_off"]:
        upsert(
            tally,
            PartnerSignOff,
            {"case": case, "department": orgs[slug], "superseded_at": None},
            {"by": users[slug], "note": "Illustrative example."},
        )
    for year, amount in spec["costs"].items():
        upsert(
            tally,
            CostLine,
            {"case": case, "fiscal_year": year, "budget": spec["category"]},
            {"amount_m": Decimal(amount)},
        )
    for slug, profile in spec["impacts"].items():
        metric = metrics[slug]
        for year, impact in enumerate(profile, start=1):
            units = spec.get("qalys")
            upsert(
                tally,
                ModelledImpact,
                {"case": case, "metric": metric, "geography": metric.default_geography, "year": year},
                {
                    "impact": Decimal(str(impact)),
                    "method": IMPACT_METHOD,
                    "evidence": ILLUSTRATIVE,
                    "evidence_rating": ModelledImpact.Evidence.LIMITED,
                    "probability": Decimal("0.8"),
                    "valuation": qaly if units else None,
                    "valued_units": Decimal(units[year - 1]) / 2 if units else None,
                },
            )
    return case


def _fund_and_event(tally, approved: BusinessCase, treasury: User) -> None:
    for year, amount in ((2026, 100), (2027, 150), (2028, 200)):
        upsert(
            tally,
            MissionFundEnvelope,
            {"fiscal_year": year},
            {"amount_m": Decimal(amount), "price_base": PRICE_BASE, "illustrative": True},
        )
    upsert(
        tally,
        MissionFundAward,
        {"case": approved},
        {
            "fiscal_year": 2026,
            "amount_m": Decimal(30),
            "pilot_places": 120,
            "evaluation_plan": f"{ILLUSTRATIVE} A randomised roll-out across 120 schools, reporting after year two.",
            "awarded_by": treasury,
            "illustrative": True,
        },
    )
    event = upsert(
        tally,
        FiscalEvent,
        {"slug": "autumn-budget-2026-illustrative"},
        {
            "name": "Autumn Budget 2026 (illustrative)",
            "kind": FiscalEvent.Kind.BUDGET,
            "date": date(2026, 11, 25),
            "illustrative": True,
        },
    )
    event.cases.add(approved)
