"""Targets, from targets.md only: wording as published, the page it was read from, nothing inferred.

Each is held in its published form (metrics.target_forms): a level, a change relative to a baseline (the
level is derived and said to be), a gap between regions, a rank among comparators (the G7) or a cumulative
total (1.5 million homes). Where the source gives no baseline, date or measure, the wording says what the
dashboard reads it as, and a party or press source is named as such.

due_date convention: the first day of the reporting period whose published figure is the test, so that
progress compares like with like and shows the due date as a period label (2030, 2027/28, 2029-06).
"By 2030" is the calendar year 2030; "by March 2026" is the month of March 2026; "by the end of this
Parliament" is the last period of the metric that ends on or before END_OF_PARLIAMENT (common.py):
2027/28 for the GLD (academic year; a secondary source also names the 2027/28 results as the test year),
June 2029 for monthly RTT, 2028/29 for financial-year dwellings and 2028 for annual GDP per capita growth.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from metrics.models import Geography, Metric, Target
from metrics.periods import period_from_start
from metrics.target_forms import BUDGET, COMPARATOR, GAP, LEVEL, RELATIVE

from .common import END_OF_PARLIAMENT, Tally, upsert

MISSIONS_PAGE = "https://www.gov.uk/government/missions"
PLAN_FOR_CHANGE = (
    "Plan for Change — Milestones for Mission-Led Government (gov.uk/government/missions; Prime Minister's "
    "statement, 5 December 2024)"
)
CBP_10182 = "https://commonslibrary.parliament.uk/research-briefings/cbp-10182/"
NHS_GUIDANCE = "https://www.england.nhs.uk/long-read/2025-26-priorities-and-operational-planning-guidance/"
NHS_GUIDANCE_DOC = (
    "NHS England, 2025/26 priorities and operational planning guidance (30 January 2025); figures as summarised "
    "by the NHS Confederation"
)
NDC_SHARE_REMAINING = Decimal("0.19")
START_OF_PARLIAMENT = date(2024, 7, 1)  # the month the Parliament elected on 4 July 2024 first met
PLANNING_BASELINE = date(2025, 3, 1)  # the month before the 2025/26 planning year
WITHIN_A_DECADE = date(2034, 7, 4)  # ten years from the general election of 4 July 2024
REGIONS = [f"E1200000{n}" for n in range(1, 10)]
SAFE_STREETS = "https://labour.org.uk/missions/safe-streets/"
SAFE_STREETS_DOC = (
    "Labour Party, Safer streets mission (labour.org.uk) — party source, not a government document"
)
SAFER_STREETS = [
    ("physical_violence_prevalence_adults", "\"Halve serious violent crime ... within a decade\" (including "
     "\"halve the incidents of knife crime\"). This survey measure of physical violence is the nearest loaded "
     "series; it does not count serious violent crime, which is police recorded."),
    ("partner_abuse_last_year_women_16_plus", "\"Halve the level of violence against women and girls\" within a "
     "decade. The government has not defined the measure; partner abuse of women is the nearest published "
     "prevalence series."),
]  # fmt: skip
HLE_GAP_DOC = "Labour Party manifesto 2024, as quoted by Health Equals (5 July 2024) and policylens.uk — party source"  # "at least 81% on 1990 levels" leaves at most 19% of the 1990 level


def last_period_start_by(frequency: str, deadline: date, span: int = 1) -> date:
    """Start of the last period of `frequency` that ends on or before `deadline`."""
    first = {
        "annual": date(2000, 1, 1),
        "financial_year": date(2000, 4, 1),
        "academic_year": date(2000, 9, 1),
    }
    period = period_from_start(first.get(frequency, date(2000, 1, 1)), frequency, span)
    assert period.end <= deadline
    while period.next().end <= deadline:
        period = period.next()
    return period.start


def _end_of_parliament(metric: Metric) -> date:
    return last_period_start_by(metric.frequency, END_OF_PARLIAMENT, metric.period_span)


def target_specs(metrics: dict[str, Metric]) -> list[dict]:
    return [
        {
            "metric": "electricity_low_carbon_share", "kind": Target.Kind.MILESTONE, "value": Decimal(95),
            "due_date": date(2030, 1, 1), "due_label": "2030",
            # Progress is measured from 2023, the base year of the Clean Power 2030 Action Plan (as for carbon
            # intensity below), not from the start of the series in 1990.
            "baseline_date": date(2023, 1, 1),
            "wording": "Securing home-grown energy, protecting billpayers, and putting us on track to at least 95% "
            "clean power by 2030, while accelerating the UK to net zero. (Clean power is measured on Great "
            "Britain's generation; this dashboard compares it with the UK generation share, which is close but "
            "not identical.)",
            "source_document": PLAN_FOR_CHANGE + "; definition in the DESNZ Clean Power 2030 Action Plan "
            "(13 December 2024) as quoted by House of Commons Library briefing CBP-10182",
            "source_url": MISSIONS_PAGE,
        },
        {
            "metric": "electricity_carbon_intensity", "kind": Target.Kind.MILESTONE, "value": Decimal(50),
            "due_date": date(2030, 1, 1), "due_label": "2030",
            # The Action Plan measures the cut from 2023; the baseline value is read from our (UK) series.
            "baseline_date": date(2023, 1, 1),
            "wording": "\"reducing the carbon intensity of our generation from 171gCO2e/kWh in 2023 to well below "
            "50gCO2e/kWh in 2030\" (Great Britain's generation). The dashboard tests 50 gCO2e/kWh as the "
            "upper bound; \"well below\" has no published number.",
            "source_document": "DESNZ Clean Power 2030 Action Plan (13 December 2024), as quoted by House of "
            "Commons Library briefing CBP-10182",
            "source_url": CBP_10182,
        },
        {
            "metric": "ghg_emissions_territorial_desnz", "kind": Target.Kind.AMBITION, "form": RELATIVE,
            "value": None, "factor": NDC_SHARE_REMAINING, "due_date": date(2035, 1, 1), "due_label": "2035",
            "baseline_date": date(1990, 1, 1), "baseline_value": None,
            "wording": "\"reduce all greenhouse gas emissions by at least 81% on 1990 levels\" by 2035 (the UK's "
            "nationally determined contribution; excludes international aviation and shipping). The level is "
            "derived by the dashboard as 19% of this series' 1990 value; it is not a published figure.",
            "source_document": "UK 2035 NDC, announced by the Prime Minister at COP29 (12 November 2024) and "
            "submitted to the UNFCCC on 30 January 2025 (as reported by energylivenews.com — press source)",
            "source_url": "",
        },
        {
            "metric": "gld_all_children", "kind": Target.Kind.MILESTONE, "value": Decimal(75),
            "due_date": _end_of_parliament(metrics["gld_all_children"]), "due_label": "end of this Parliament",
            # The 2021/22 EYFS reforms break comparability with earlier years: progress is measured from then.
            "baseline_date": date(2021, 9, 1),
            "wording": "Giving children the best start in life, with a record 75% of 5-year-olds in England ready "
            "to learn when they start school",
            "source_document": PLAN_FOR_CHANGE, "source_url": MISSIONS_PAGE,
        },
        {
            "metric": "rtt_18_weeks", "kind": Target.Kind.MILESTONE, "value": Decimal(92),
            "due_date": _end_of_parliament(metrics["rtt_18_weeks"]), "due_label": "end of this Parliament",
            # Measured from July 2024, the month the Parliament began (and after the February 2024 break).
            "baseline_date": START_OF_PARLIAMENT,
            "wording": "Ending hospital backlogs to meet the NHS standard of 92% of patients in England waiting no "
            "longer than 18 weeks for elective treatment",
            "source_document": PLAN_FOR_CHANGE, "source_url": MISSIONS_PAGE,
        },
        {
            "metric": "rtt_18_weeks", "kind": Target.Kind.INTERIM, "value": Decimal(65),
            "due_date": date(2026, 3, 1), "due_label": "March 2026",
            "baseline_date": PLANNING_BASELINE,
            "wording": "65% of patients to receive elective treatment within 18 weeks by March 2026, with every "
            "trust asked to deliver at least a 5% improvement",
            "source_document": NHS_GUIDANCE_DOC, "source_url": NHS_GUIDANCE,
        },
        {
            "metric": "ae_4_hours", "kind": Target.Kind.INTERIM, "value": Decimal(78),
            "due_date": date(2026, 3, 1), "due_label": "2025/26",
            "baseline_date": PLANNING_BASELINE,
            "wording": "a minimum of 78 per cent of patients seen within four hours (2025/26; tested here on "
            "March 2026, the last month of the year)",
            "source_document": NHS_GUIDANCE_DOC, "source_url": NHS_GUIDANCE,
        },
        {
            "metric": "net_additional_dwellings", "kind": Target.Kind.MILESTONE, "form": BUDGET,
            "value": Decimal(1_500_000), "budget_start": date(2024, 4, 1),
            "due_date": _end_of_parliament(metrics["net_additional_dwellings"]),
            "due_label": "end of this Parliament",
            "wording": "Building 1.5 million homes in England and fast-tracking planning decisions on at least 150 "
            "major economic infrastructure projects. Counted as a cumulative total of net additional dwellings "
            "over the financial years 2024/25 (the Parliament began in July 2024) to 2028/29.",
            "source_document": PLAN_FOR_CHANGE, "source_url": MISSIONS_PAGE,
        },
        {
            "metric": "gdp_per_capita_real_growth", "kind": Target.Kind.AMBITION, "form": COMPARATOR,
            "value": None, "rank": 1, "comparator_label": "the G7", "baseline_date": date(2024, 1, 1),
            "due_date": _end_of_parliament(metrics["gdp_per_capita_real_growth"]),
            "due_label": "end of the Parliament",
            "wording": "Raising living standards in every part of the United Kingdom, so working people have more "
            "money in their pocket as we aim to deliver the highest sustained growth in the G7. Judged on the "
            "UK's rank among the G7 by average growth from 2024; the demo holds no other G7 country's series.",
            "source_document": PLAN_FOR_CHANGE, "source_url": MISSIONS_PAGE,
        },
        {
            "metric": "gdp_per_head_cvm_quarterly", "kind": Target.Kind.MILESTONE, "form": RELATIVE,
            "value": None, "factor": Decimal(1), "baseline_date": date(2024, 7, 1),
            "due_date": _end_of_parliament(metrics["gdp_per_head_cvm_quarterly"]),
            "due_label": "end of the Parliament",
            "wording": "\"with higher Real Household Disposable Income per person and GDP per capita by the end of "
            "the Parliament\" (press-release wording): GDP per head at least as high as in July to September "
            "2024, the quarter the Parliament first met. Real household disposable income per head is not loaded.",
            "source_document": PLAN_FOR_CHANGE + "; No.10 press release wording",
            "source_url": MISSIONS_PAGE,
        },
        *[
            {
                "metric": slug, "kind": Target.Kind.AMBITION, "form": RELATIVE, "value": None,
                "factor": Decimal("0.5"), "baseline_date": date(2024, 4, 1),
                "due_date": last_period_start_by("financial_year", WITHIN_A_DECADE), "due_label": "within a decade",
                "wording": wording + " No baseline year is published: the dashboard measures from 2024/25, the "
                "year the mission was set, and reads \"within a decade\" as by 2033/34.",
                "source_document": SAFE_STREETS_DOC, "source_url": SAFE_STREETS,
            }
            for slug, wording in SAFER_STREETS
        ],
        *[
            {
                "metric": f"healthy_life_expectancy_at_birth_{sex}_by_region", "kind": Target.Kind.AMBITION,
                "form": GAP, "value": None, "factor": Decimal("0.5"), "baseline_date": date(2020, 1, 1),
                "due_date": None, "due_label": "no date published", "gap_geographies": REGIONS,
                "wording": "\"halving the gap in healthy life expectancy between the richest and poorest regions in "
                "England\". No date and no measure of the gap are published: the dashboard takes the gap between "
                "the highest and the lowest of the nine English regions, from 2020-22 (the latest period "
                "published when the commitment was made).",
                "source_document": HLE_GAP_DOC, "source_url": "",
            }
            for sex in ("male", "female")
        ],
    ]  # fmt: skip


def load_targets(tally: Tally, metrics: dict[str, Metric]) -> list[Target]:
    targets = []
    geographies = {g.code: g for g in Geography.objects.all()}
    for spec in target_specs(metrics):
        metric = metrics[spec.pop("metric")]
        lookup = {
            "metric": metric,
            "geography": metric.default_geography,
            "kind": spec.pop("kind"),
            "due_date": spec.pop("due_date"),
        }
        m2m = {"gap_geographies": [geographies[code] for code in spec.pop("gap_geographies", [])]}
        targets.append(upsert(tally, Target, lookup, {"form": LEVEL, **spec}, m2m))
    return targets
