"""Mandate letters and their annual reviews, mission accountability bodies and their reports, and frameworks
mapped to mission metrics. All illustrative; the Climate Change Committee is real, its report here is not, and
every page that names it marks it "Illustrative example"."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from accountability import snapshots
from accountability.calendar import default_response_due
from accountability.models import (
    AccountabilityBody,
    AnnualReview,
    CommitmentUpdate,
    Framework,
    FrameworkIndicator,
    Judgement,
    MandateCommitment,
    MandateLetter,
    Recommendation,
    Report,
)
from accountability.services.reports import verdict_differs
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

# mission, body organisation slug, statutory mandate, chair, judgements {metric: verdict}, owning department,
# response calendar (days after laying, or (month, day) each year)
BODIES = [
    ("growth", "growth-mission-board", "Illustrative: would report each year to Parliament on progress towards "
     "the growth mission, on the model of the Office for Budget Responsibility.", "Chair (illustrative role)",
     {"gdp_per_capita_real_growth": J.TOO_EARLY, "net_additional_dwellings": J.AT_RISK}, "hmt", 92),
    ("clean-energy", "climate-change-committee", "Real statutory body: established by the Climate Change Act "
     "2008 to advise on carbon budgets and report to Parliament on progress. Its role as this mission's "
     "accountability body, and the report below, are illustrative.", "Chair of the Climate Change Committee",
     {"electricity_low_carbon_share": J.AT_RISK, "electricity_carbon_intensity": J.AT_RISK,
      "ghg_emissions_territorial_desnz": J.ON_TRACK}, "desnz", (10, 15)),
    ("safer-streets", "safer-streets-commission", "Illustrative: would report to Parliament on the safer "
     "streets mission, independent of the Home Office.", "Chair (illustrative role)",
     {"physical_violence_prevalence_adults": J.TOO_EARLY}, "home-office", 92),
    ("opportunity", "opportunity-commission", "Illustrative: would report to Parliament on the opportunity "
     "mission, independent of the Department for Education.", "Chair (illustrative role)",
     {"gld_all_children": J.AT_RISK, "gld_fsm_eligible": J.OFF_TRACK}, "dfe", 92),
    ("nhs", "health-mission-board", "Illustrative: would report to Parliament on the NHS mission, independent "
     "of DHSC and NHS England.", "Chair (illustrative role)",
     {"rtt_18_weeks": J.TOO_EARLY, "healthy_life_expectancy_at_birth_female": J.TOO_EARLY}, "dhsc", 92),
]  # fmt: skip
LAID_ON = date(2026, 7, 14)  # illustrative
REPORT_AS_AT = date(2026, 6, 30)  # figures as known at the end of this day (illustrative)
REVIEW_ON = date(2026, 1, 19)  # illustrative
ANSWERED = ("opportunity", 2, date(2026, 10, 9))  # one illustrative response given, the rest still awaited
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
        ("Patient-reported experience (illustrative indicator)", None, A.UNALIGNED,
         "No mission metric measures it; kept outside the missions."),
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


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


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
                "status": MandateLetter.Status.PUBLISHED,
                "illustrative": True,
            },
            m2m={"missions": [missions[slug] for slug in mission_slugs]},
        )
        for number, (slug, expected) in enumerate(commitments.items(), start=1):
            commitment = upsert(tally, MandateCommitment, {"letter": letter, "number": number},
                                {"metric": metrics[slug], "expected_contribution": expected})  # fmt: skip
            upsert(
                tally,
                CommitmentUpdate,
                {"commitment": commitment, "status": CommitmentUpdate.Status.ON_TRACK},
                {"rationale": f"{ILLUSTRATIVE} The department's self-assessment: plans are in place.",
                 "by_name": f"Mission lead, {orgs[dept].name} (illustrative)"},
            )  # fmt: skip
        as_at = _end_of(REVIEW_ON)
        upsert(
            tally,
            AnnualReview,
            {"letter": letter, "year": REVIEW_ON.year},
            {
                "reviewed_on": REVIEW_ON,
                "as_at": as_at,
                "content": snapshots.review_content(letter, as_at),
                "status": AnnualReview.Status.SIGNED_OFF,
                "rating": AnnualReview.Rating.PARTLY_MET,
                "summary": f"{ILLUSTRATIVE} Plans are in place for each commitment; evidence of progress is not "
                "yet available for all of them.",
                "signed_off_at": as_at,
                "illustrative": True,
            },
        )


def _bodies(tally, missions, orgs, metrics) -> None:
    for mission_slug, org_slug, mandate, chair, verdicts, owner, rule in BODIES:
        mission = missions[mission_slug]
        fixed = rule if isinstance(rule, tuple) else (None, None)
        body = upsert(
            tally,
            AccountabilityBody,
            {"organisation": orgs[org_slug]},
            {
                "mission": mission,
                "statutory_mandate": mandate,
                "chair": chair,
                "reports_to_parliament": True,
                "response_days": None if isinstance(rule, tuple) else rule,
                "response_month": fixed[0],
                "response_day": fixed[1],
                "illustrative": True,
            },
        )
        due = default_response_due(body, LAID_ON)
        report = upsert(
            tally,
            Report,
            {"body": body, "title": f"{mission.short_title} mission: annual progress report (illustrative)"},
            {
                "as_at": _end_of(REPORT_AS_AT),
                "laid_on": LAID_ON,
                "government_response_due": due,
                "summary": f"{ILLUSTRATIVE} The body's view of progress on the mission's core metrics, based on "
                "the published figures on this dashboard.",
                "status": Report.Status.LAID,
                "illustrative": True,
            },
        )
        figures = snapshots.metric_figures([metrics[slug] for slug in verdicts], report.as_at)
        for slug, verdict in verdicts.items():
            status = figures[metrics[slug].pk]
            differs = verdict_differs(verdict, status["status"])
            upsert(
                tally,
                Judgement,
                {"report": report, "metric": metrics[slug]},
                {"verdict": verdict, "commentary": f"{ILLUSTRATIVE} Judgement written for the demo.",
                 "difference_note": f"{ILLUSTRATIVE} The body reads the outlook differently from the computed "
                 f"status ({status['status_label']})." if differs else ""},
            )  # fmt: skip
        for number, text in enumerate(RECOMMENDATIONS, start=1):
            answered = ANSWERED[:2] == (mission_slug, number)
            upsert(
                tally,
                Recommendation,
                {"report": report, "number": number},
                {"text": text, "owner": orgs[owner], "response_due": due,
                 "response": Recommendation.Response.ACCEPTED if answered else Recommendation.Response.AWAITED,
                 "response_text": f"{ILLUSTRATIVE} The department will publish a trajectory." if answered else "",
                 "responded_on": ANSWERED[2] if answered else None},
            )  # fmt: skip
        Report.objects.filter(pk=report.pk).update(content=snapshots.report_content(report, report.as_at))


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
                {
                    "metric": metrics[slug] if slug else None,
                    "alignment": alignment,
                    "note": note,
                    "rationalisation": FrameworkIndicator.Rationalisation.PROPOSED
                    if alignment == A.RETIRE
                    else FrameworkIndicator.Rationalisation.KEEP,
                },
            )
