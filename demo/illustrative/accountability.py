"""Mandate letters and their annual reviews, mission accountability bodies and their reports, and frameworks
mapped to mission metrics. All illustrative; the Climate Change Committee is real, its report here is not."""

from __future__ import annotations

from datetime import date

from accountability.models import (
    AccountabilityBody,
    AnnualReview,
    Framework,
    FrameworkIndicator,
    Judgement,
    MandateCommitment,
    MandateLetter,
    Recommendation,
    Report,
)
from metrics.models import Metric
from missions.models import Mission, Organisation

from ..common import ILLUSTRATIVE, Tally, upsert

J = Judgement.Verdict
A = FrameworkIndicator.Alignment

LETTERS = [
    ("dfe", "Secretary of State for Education", ["opportunity"], {
        "gld_all_children": "Lead the work to reach 75% of five-year-olds with a good level of development.",
        "gld_fsm_eligible": "Narrow the gap for children eligible for free school meals.",
    }),
    ("dhsc", "Secretary of State for Health and Social Care", ["nhs", "opportunity"], {
        "rtt_18_weeks": "Return to the 92% referral-to-treatment standard, via the 65% interim ambition.",
        "ae_4_hours": "Meet the 78% four-hour ambition for 2025/26.",
        "healthy_life_expectancy_at_birth_female": "Shift spending towards prevention to raise healthy life "
        "expectancy.",
        "healthy_life_expectancy_at_birth_male": "Shift spending towards prevention to raise healthy life "
        "expectancy.",
    }),
]  # fmt: skip
LETTER_DATE = date(2025, 1, 13)  # illustrative

# mission, body organisation slug, statutory mandate, chair, judgements {metric: verdict}
BODIES = [
    ("growth", "growth-mission-board", "Illustrative: would report each year to Parliament on progress towards "
     "the growth mission, on the model of the Office for Budget Responsibility.", "Chair (illustrative role)",
     {"gdp_per_capita_real_growth": J.TOO_EARLY, "net_additional_dwellings": J.AT_RISK}),
    ("clean-energy", "climate-change-committee", "Real statutory body: established by the Climate Change Act "
     "2008 to advise on carbon budgets and report to Parliament on progress. Its role as this mission's "
     "accountability body, and the report below, are illustrative.", "Chair of the Climate Change Committee",
     {"electricity_low_carbon_share": J.AT_RISK, "electricity_carbon_intensity": J.AT_RISK,
      "ghg_emissions_territorial_desnz": J.ON_TRACK}),
    ("safer-streets", "safer-streets-commission", "Illustrative: would report to Parliament on the safer "
     "streets mission, independent of the Home Office.", "Chair (illustrative role)",
     {"physical_violence_prevalence_adults": J.TOO_EARLY}),
    ("opportunity", "opportunity-commission", "Illustrative: would report to Parliament on the opportunity "
     "mission, independent of the Department for Education.", "Chair (illustrative role)",
     {"gld_all_children": J.AT_RISK, "gld_fsm_eligible": J.OFF_TRACK}),
    ("nhs", "health-mission-board", "Illustrative: would report to Parliament on the NHS mission, independent "
     "of DHSC and NHS England.", "Chair (illustrative role)",
     {"rtt_18_weeks": J.TOO_EARLY, "healthy_life_expectancy_at_birth_female": J.TOO_EARLY}),
]  # fmt: skip
RECOMMENDATIONS = [
    "Publish a trajectory to the milestone with interim points, so that progress can be judged each year.",
    "Close the data gaps named on the dashboard, starting with the series the milestone is defined on.",
]
# name, kind, owner, [(indicator, metric slug or None, alignment, note)]
FRAMEWORKS = [
    ("NHS mandate: illustrative mapping to the missions", Framework.Kind.NHS_MANDATE, "dhsc", [
        ("Elective care: patients waiting under 18 weeks", "rtt_18_weeks", A.ALIGNED, "Same measure as the milestone."),
        ("Urgent and emergency care: four-hour performance", "ae_4_hours", A.PARTLY,
         "Interim 78% ambition; the constitutional standard is 95%."),
        ("Prevention: healthy life expectancy", "healthy_life_expectancy_at_birth_female", A.PARTLY,
         "England average, while the mission's ambition is about the regional gap."),
        ("Activity volumes against plan (illustrative legacy indicator)", None, A.RETIRE,
         "An input target that the mission metrics make redundant."),
    ]),
    ("DfE outcome delivery plan: illustrative mapping to the missions", Framework.Kind.OUTCOME_DELIVERY_PLAN, "dfe", [
        ("Early years: good level of development", "gld_all_children", A.ALIGNED, "Same measure as the milestone."),
        ("Disadvantage gap at age five", "gld_fsm_eligible", A.PARTLY, "Proxy: the gap itself is not computed."),
        ("Count of programme sessions delivered (illustrative legacy indicator)", None, A.RETIRE,
         "An output count with no link to a mission outcome."),
    ]),
]  # fmt: skip


def load_accountability(
    tally: Tally, missions: dict[str, Mission], orgs: dict[str, Organisation], metrics: dict[str, Metric]
) -> None:
    _letters(tally, missions, orgs, metrics)
    _bodies(tally, missions, orgs, metrics)
    _frameworks(tally, orgs, metrics)


def _letters(tally, missions, orgs, metrics) -> None:
    for dept, title, mission_slugs, commitments in LETTERS:
        letter = upsert(
            tally,
            MandateLetter,
            {"department": orgs[dept], "minister_title": title, "issued_on": LETTER_DATE},
            {
                "minister_name": title,  # the office, not an invented or real personal name
                "summary": f"{ILLUSTRATIVE} The Prime Minister asks the {title} to lead the department's "
                "contribution to the missions below, measured by the embedded mission metrics.",
                "published": False,
                "illustrative": True,
            },
            m2m={"missions": [missions[slug] for slug in mission_slugs]},
        )
        for slug, expected in commitments.items():
            upsert(tally, MandateCommitment, {"letter": letter, "metric": metrics[slug]},
                   {"expected_contribution": expected})  # fmt: skip
        upsert(
            tally,
            AnnualReview,
            {"letter": letter, "year": 2025},
            {
                "reviewed_on": date(2026, 1, 19),
                "rating": AnnualReview.Rating.PARTLY_MET,
                "summary": f"{ILLUSTRATIVE} Plans are in place for each commitment; evidence of progress is not "
                "yet available for all of them.",
                "illustrative": True,
            },
        )


def _bodies(tally, missions, orgs, metrics) -> None:
    for mission_slug, org_slug, mandate, chair, verdicts in BODIES:
        mission = missions[mission_slug]
        body = upsert(
            tally,
            AccountabilityBody,
            {"organisation": orgs[org_slug]},
            {
                "mission": mission,
                "statutory_mandate": mandate,
                "chair": chair,
                "reports_to_parliament": True,
                "illustrative": True,
            },
        )
        report = upsert(
            tally,
            Report,
            {"body": body, "title": f"{mission.short_title} mission: annual progress report (illustrative)"},
            {
                "laid_on": date(2026, 7, 14),
                "government_response_due": date(2026, 10, 14),
                "summary": f"{ILLUSTRATIVE} The body's view of progress on the mission's core metrics, based on "
                "the published figures on this dashboard.",
                "published": True,
                "illustrative": True,
            },
        )
        for slug, verdict in verdicts.items():
            upsert(
                tally,
                Judgement,
                {"report": report, "metric": metrics[slug]},
                {"verdict": verdict, "commentary": f"{ILLUSTRATIVE} Judgement written for the demo."},
            )
        for number, text in enumerate(RECOMMENDATIONS, start=1):
            upsert(tally, Recommendation, {"report": report, "number": number}, {"text": text})


def _frameworks(tally, orgs, metrics) -> None:
    for name, kind, owner, indicators in FRAMEWORKS:
        framework = upsert(
            tally, Framework, {"name": name}, {"kind": kind, "owner": orgs[owner], "illustrative": True}
        )
        for indicator, slug, alignment, note in indicators:
            upsert(
                tally,
                FrameworkIndicator,
                {"framework": framework, "name": indicator},
                {"metric": metrics[slug] if slug else None, "alignment": alignment, "note": note},
            )
