"""What the centre expects each department to deliver for each mission (illustrative examples)."""

from __future__ import annotations

from metrics.models import Metric
from missions.models import Contribution, Mission, Organisation

from ..common import ILLUSTRATIVE, Tally, upsert

# mission, organisation, outcome, metric slugs, restricted
CONTRIBUTIONS = [
    ("growth", "hmt", "Set a fiscal framework that supports sustained growth", ["gdp_per_capita_real_growth"], False),
    ("growth", "dbt", "Raise business investment and productivity in every region",
     ["gdp_per_employed_person_real_growth"], False),
    ("growth", "mhclg", "Speed up planning so that housebuilding rises towards 1.5 million homes",
     ["net_additional_dwellings"], False),
    ("clean-energy", "desnz", "Deliver the Clean Power 2030 Action Plan",
     ["electricity_low_carbon_share", "electricity_carbon_intensity"], False),
    ("clean-energy", "mhclg", "Decide grid and generation planning applications faster",
     ["electricity_low_carbon_share"], False),
    ("clean-energy", "dbt", "Grow clean energy supply chains", ["electricity_renewables_share"], False),
    ("safer-streets", "home-office", "Restore neighbourhood policing in every community",
     ["police_officers_fte_43_forces", "feel_safe_walking_alone_after_dark"], False),
    ("safer-streets", "dfe", "Reduce school exclusions linked to youth violence",
     ["physical_violence_prevalence_adults"], True),
    ("opportunity", "dfe", "Raise the share of children ready to learn at the start of school",
     ["gld_all_children", "gld_fsm_eligible"], False),
    ("opportunity", "dfe", "Close the school-readiness gap for children eligible for free school meals",
     ["gld_fsm_eligible", "gld_not_fsm_eligible"], True),
    ("opportunity", "dhsc", "Health visiting checks support children's development before school",
     ["gld_all_children"], False),
    ("nhs", "dhsc", "Return elective waiting times to the 18-week standard", ["rtt_18_weeks"], False),
    ("nhs", "nhs-england", "Meet the 2025/26 urgent and emergency care ambition", ["ae_4_hours"], False),
    ("nhs", "dfe", "Support healthy childhoods through schools",
     ["healthy_life_expectancy_at_birth_male", "healthy_life_expectancy_at_birth_female"], False),
]  # fmt: skip


def load_contributions(
    tally: Tally, missions: dict[str, Mission], orgs: dict[str, Organisation], metrics: dict[str, Metric]
) -> dict[tuple[str, str], Contribution]:
    """Returns the first contribution of each (mission, organisation), for agenda items."""
    firsts: dict[tuple[str, str], Contribution] = {}
    for mission, org, outcome, slugs, restricted in CONTRIBUTIONS:
        contribution = upsert(
            tally,
            Contribution,
            {"mission": missions[mission], "organisation": orgs[org], "outcome": outcome},
            {
                "description": f"{ILLUSTRATIVE} The outcome the centre expects from {orgs[org].name} for this "
                "mission, reviewed at check-ins.",
                "restricted": restricted,
                "illustrative": True,
            },
            m2m={"metrics": [metrics[slug] for slug in slugs]},
        )
        firsts.setdefault((mission, org), contribution)
    return firsts
