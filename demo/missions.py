"""The five missions, with their ambitions quoted from targets.md §C (party sources flagged as such)."""

from __future__ import annotations

from datetime import date

from missions.models import Mission, Organisation

from .common import END_OF_PARLIAMENT, Tally, upsert

PLAN_FOR_CHANGE = (
    "Commitment, not statute: Plan for Change milestones for mission-led government "
    "(Prime Minister's statement, 5 December 2024, gov.uk/government/missions)."
)

MISSIONS = [
    {
        "number": 1,
        "slug": "growth",
        "title": "Kickstart economic growth",
        "short_title": "Growth",
        "ambition": (
            "Secure the highest sustained growth in the G7 – with good jobs and productivity growth in every "
            "part of the country making everyone, not just a few, better off."
        ),
        "ambition_source": (
            "Labour Party missions, February 2023 (party source, not a government publication): party page "
            "copy at karinsmyth.com/labour-s-missions; also ITV, 23 February 2023."
        ),
        "lead": "hmt",
        "contributors": ["dbt", "mhclg", "desnz", "gmca", "wmca"],
        "target_date": END_OF_PARLIAMENT,
        "legal_basis": PLAN_FOR_CHANGE,
    },
    {
        "number": 2,
        "slug": "clean-energy",
        "title": "Make Britain a clean energy superpower",
        "short_title": "Clean energy",
        "ambition": (
            "Make Britain a clean energy superpower to cut bills, create jobs and deliver security with cheaper, "
            "zero-carbon electricity by 2030, accelerating to net zero."
        ),
        "ambition_source": (
            'Labour Party "mission-driven government" page (labour.org.uk, party source, not a government '
            "publication). Milestone: Plan for Change, gov.uk/government/missions, 5 December 2024."
        ),
        "lead": "desnz",
        "contributors": ["hmt", "mhclg", "dbt"],
        # Clean power by 2030: the end of that calendar year.
        "target_date": date(2030, 12, 31),
        "legal_basis": (
            "Climate Change Act 2008, as amended in 2019: net UK greenhouse gas emissions for 2050 must be at "
            "least 100% lower than the 1990 baseline (net zero). The Climate Change Committee reports to "
            "Parliament on progress. Clean power 2030 itself is a Plan for Change milestone, not statute."
        ),
    },
    {
        "number": 3,
        "slug": "safer-streets",
        "title": "Safer streets",
        "short_title": "Safer streets",
        "ambition": (
            "Halve serious violent crime and raise confidence in the police and criminal justice system to its "
            "highest levels, within a decade"
        ),
        "ambition_source": (
            "labour.org.uk/missions/safe-streets (party source, not a government publication; no official "
            'baseline year found). Also: "Halve the incidents of knife crime" and "Halve the level of violence '
            'against women and girls".'
        ),
        "lead": "home-office",
        "contributors": ["mhclg", "dfe", "gmca", "wmca"],
        "target_date": END_OF_PARLIAMENT,
        "legal_basis": PLAN_FOR_CHANGE,
    },
    {
        "number": 4,
        "slug": "opportunity",
        "title": "Break down barriers to opportunity",
        "short_title": "Opportunity",
        "ambition": "Break down the barriers to opportunity",
        "ambition_source": (
            "Prime Minister's Commons statement, 5 December 2024 (official). Milestone: 75% of 5-year-olds "
            "reaching a good level of development (gov.uk/government/missions)."
        ),
        "lead": "dfe",
        "contributors": ["dhsc", "ofsted", "mhclg"],
        "target_date": END_OF_PARLIAMENT,
        "legal_basis": PLAN_FOR_CHANGE,
    },
    {
        "number": 5,
        "slug": "nhs",
        "title": "Build an NHS fit for the future",
        "short_title": "NHS",
        "ambition": "Build an NHS fit for the future ... cutting health inequalities",
        "ambition_source": (
            "Labour missions and 2024 manifesto (party source, as quoted by Health Equals, 5 July 2024, and "
            'policylens.uk), incl. "halving the gap in healthy life expectancy between the richest and poorest '
            'regions in England".'
        ),
        "lead": "dhsc",
        "contributors": ["nhs-england", "dfe", "hmt"],
        "target_date": END_OF_PARLIAMENT,
        "legal_basis": PLAN_FOR_CHANGE,
    },
]


def load_missions(tally: Tally, orgs: dict[str, Organisation]) -> dict[str, Mission]:
    missions: dict[str, Mission] = {}
    for spec in MISSIONS:
        missions[spec["slug"]] = upsert(
            tally,
            Mission,
            {"slug": spec["slug"]},
            {
                "number": spec["number"],
                "title": spec["title"],
                "short_title": spec["short_title"],
                "ambition": spec["ambition"],
                "ambition_source": spec["ambition_source"],
                "lead_organisation": orgs[spec["lead"]],
                "target_date": spec["target_date"],
                "legal_basis": spec["legal_basis"],
                "status": Mission.Status.ACTIVE,
                "published": True,
            },
            m2m={"contributing_organisations": [orgs[slug] for slug in spec["contributors"]]},
        )
    return missions
