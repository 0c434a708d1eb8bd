"""The additions (data/uk_mission_series_additions.csv, provenance in data/ADDITIONS.md): NHS waiting times,
regional healthy life expectancy, partner abuse, the disadvantage gap and GDP per head, with their caveats
held as series breaks and editions.

Two headline series feed metrics that already existed without data, so their pages and targets keep their
addresses: the RTT 18-week percentage *including estimates for missing trusts* (NHS England's headline since
2025, ADDITIONS §1) is `rtt_18_weeks`, and the all-types A&E 4-hour percentage is `ae_4_hours`.
"""

from __future__ import annotations

from datetime import date

from metrics.models import Metric, SeriesBreak

from .common import Tally, upsert

#: CSV slug → metric slug, where the metric predates the data.
SLUG_MAP = {
    "rtt_incomplete_within_18_weeks_pct_incl_estimates": "rtt_18_weeks",
    "ae_4hr_pct_all_types": "ae_4_hours",
}

OGL = "Open Government Licence v3.0"
RTT_URL = "https://www.england.nhs.uk/statistics/statistical-work-areas/rtt-waiting-times/"
AE_URL = "https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/"
HLE_REGION_URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/healthandsocialcare/healthandlifeexpectancies/"
    "bulletins/healthstatelifeexpectanciesuk/between2011to2013and2020to2022"
)
HLE_LATEST_URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/healthandsocialcare/healthandlifeexpectancies/"
    "datasets/healthstatelifeexpectancyallagesuk"
)
ABUSE_URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice/datasets/"
    "domesticabuseprevalenceandvictimcharacteristicsappendixtables"
)
KS4_URL = "https://explore-education-statistics.service.gov.uk/find-statistics/key-stage-4-performance"
KS2_URL = "https://explore-education-statistics.service.gov.uk/find-statistics/key-stage-2-attainment"
IHXW_URL = "https://www.ons.gov.uk/economy/grossdomesticproductgdp/timeseries/ihxw/qna"

RTT_SOURCE = (
    "NHS England, Consultant-led Referral to Treatment Waiting Times: RTT Overview Timeseries (Dec25 edition)"
)
AE_SOURCE = (
    "NHS England, A&E Attendances and Emergency Admissions: Monthly A&E Time Series (March 2026 edition)"
)
HLE_REGION_SOURCE = (
    "ONS, Health state life expectancies in England, Northern Ireland and Wales: between 2011 to 2013 and 2020 "
    "to 2022 (figure 1 data)"
)
HLE_LATEST_SOURCE = "ONS, Health state life expectancy, all ages, UK (edition containing 2022 to 2024)"
ABUSE_SOURCE = (
    "ONS, Crime Survey for England and Wales: Domestic abuse prevalence and victim characteristics, appendix "
    "tables (25 November 2022); 2022/23 from ONS, Partner abuse in detail, year ending March 2023"
)
KS4_SOURCE = (
    "DfE, Key stage 4 performance, as published by the Social Mobility Commission (State of the Nation, IN13)"
)
KS2_SOURCE = (
    "DfE, Key stage 2 attainment, as published by the Social Mobility Commission (State of the Nation, IN12)"
)
IHXW_SOURCE = "ONS, Quarterly national accounts, series IHXW (release of 22 December 2023)"

RTT_CAVEAT = (
    "No incomplete-pathway data before August 2007. April 2013: consultant-led sexual-health pathways removed. "
    "February 2024: community-service pathways no longer reported (a break in the series). Some months "
    "include estimates for trusts that did not report. Recent months are revised in later editions."
)
AE_CAVEAT = (
    "November 2010 to May 2015 estimated from weekly data. May 2019 to May 2023 exclude the 14 trusts in the "
    "Clinical Review of Standards field test (not directly comparable). From August 2020 activity includes "
    "booked appointments. Recent months are revised at the annual refresh."
)
HLE_REGION_CAVEAT = (
    "3-year pooled estimates from the Annual Population Survey. This ONS edition (to 2020-22) differs from the "
    "England series from OHID Fingertips and from ONS's newer edition: never compare editions on one chart. "
    "The government has not said how the regional gap is measured: the dashboard takes the highest minus the "
    "lowest of the nine English regions in each period."
)
HLE_LATEST_CAVEAT = (
    "Official statistics in development: a new method for 'good' health prevalence changes the whole back "
    "series, so it differs from earlier editions (2018-20 males 63.1 here, 63.23 in the regional edition)."
)
ABUSE_CAVEAT = (
    "Not published for 2007/08 (question not comparable) or 2020/21 (telephone survey). 2021/22 has 6 months "
    "of fieldwork and 2022/23 8 months (neither National Statistics); the 2022/23 figure is rounded to 1 "
    "decimal. Age coverage changes: 16 to 59, 16 to 74 and 16 and over are separate series. The government's "
    "'halve VAWG' measure is not defined; this is the only prevalence series found."
)
KS4_CAVEAT = (
    "2019/20 and 2020/21 GCSE grades were centre- and teacher-assessed (not comparable); 2021/22 had "
    "transitional grading. The index runs from −10 to 10; 0 means no gap."
)
GDP_HEAD_CAVEAT = (
    "December 2023 vintage (before Blue Book 2024 and later revisions): not the latest. UK level only; "
    "regional GDP per head and real household disposable income per head are not loaded."
)
PERCENT = {"min_value": 0, "max_value": 100}
CORE, COMP = Metric.Tier.CORE, Metric.Tier.COMPREHENSIVE
HI, LO = Metric.Direction.HIGHER, Metric.Direction.LOWER


def _nhs(slug, name, what, **extra):
    spec = {
        "slug": slug, "mission": "nhs", "name": name, "description": what, "tier": COMP, "kind": "outcome",
        "direction": HI, "frequency": "monthly", "owner": "dhsc", "suppliers": ["nhs-england"], "licence": OGL,
        "source_url": RTT_URL, "publisher": RTT_SOURCE, "caveats": RTT_CAVEAT,
        "methodology": "NHS England RTT Overview Timeseries, sheet 'Full Time Series' (commissioner basis); "
        "percentages stored as fractions in the workbook are multiplied by 100 exactly.",
    }  # fmt: skip
    spec.update(extra)
    return spec


def _hle(sex, word):
    common = {"mission": "nhs", "kind": "outcome", "direction": HI, "frequency": "multi_year", "period_span": 3,
              "owner": "dhsc", "suppliers": ["ons"], "licence": OGL, "family": f"hle_{sex}"}  # fmt: skip
    return [
        {**common, "slug": f"healthy_life_expectancy_at_birth_{sex}_by_region", "tier": CORE,
         "name": f"Healthy life expectancy at birth, {word}, by region",
         "description": f"Years a newborn {'boy' if sex == 'male' else 'girl'} can expect to live in good "
         "health, 3-year pooled, for England, its nine regions, Wales and Northern Ireland.",
         "source_url": HLE_REGION_URL, "publisher": HLE_REGION_SOURCE, "caveats": HLE_REGION_CAVEAT,
         "edition": "ONS release to 2020 to 2022 (data of 25 March 2024)",
         "methodology": "ONS health state life expectancies, figure 1 data download; HLE only."},
        {**common, "slug": f"healthy_life_expectancy_at_birth_{sex}_ons_latest", "tier": COMP,
         "name": f"Healthy life expectancy at birth, {word}, England (latest ONS edition)",
         "description": f"Years a newborn {'boy' if sex == 'male' else 'girl'} in England can expect to live "
         "in good health, 3-year pooled, from ONS's newest edition.",
         "source_url": HLE_LATEST_URL, "publisher": HLE_LATEST_SOURCE, "caveats": HLE_LATEST_CAVEAT,
         "edition": "ONS edition containing 2022 to 2024 (new method)",
         "methodology": "ONS dataset healthylifeexpectancyuk.xlsx, sheet 1, England rows, age under 1."},
    ]  # fmt: skip


def _abuse(ages, words, tier=COMP):
    return {
        "slug": f"partner_abuse_last_year_women_{ages}", "mission": "safer-streets", "tier": tier,
        "name": f"Women aged {words} who experienced partner abuse in the last year", "kind": "outcome",
        "description": f"Percentage of women aged {words} who experienced any partner abuse (non-physical "
        "abuse, threats, force, sexual assault or stalking) in the last 12 months, England and Wales (CSEW; "
        "UK SDG 5.2.1). The nearest published measure of violence against women and girls.",
        "direction": LO, "frequency": "financial_year", "owner": "home-office", "suppliers": ["ons"],
        "source_url": ABUSE_URL, "publisher": ABUSE_SOURCE, "licence": OGL, "caveats": ABUSE_CAVEAT,
        "family": "partner_abuse_women", "methodology": "ONS CSEW domestic abuse appendix tables, as "
        "compiled for UK SDG indicator 5.2.1; headline rows, one series per age range.", **PERCENT,
    }  # fmt: skip


def _ks(slug, name, what, url, source, **extra):
    spec = {
        "slug": slug, "mission": "opportunity", "name": name, "description": what, "tier": COMP,
        "kind": "outcome", "direction": HI, "frequency": "academic_year", "owner": "dfe", "licence": OGL,
        "source_url": url, "publisher": source, "caveats": KS4_CAVEAT,
        "methodology": "Social Mobility Commission State of the Nation data (version 3.0, 18 December 2025); "
        "period is the academic year.",
    }  # fmt: skip
    spec.update(extra)
    return spec


ADDITION_METRICS = [
    _nhs("rtt_incomplete_within_18_weeks_pct", "Patients waiting under 18 weeks (reporting trusts only)",
         "Percentage of RTT incomplete pathways waiting under 18 weeks, England, from trusts that reported "
         "(the long-standing measure; the headline adds estimates for trusts that did not).", **PERCENT),
    _nhs("rtt_waiting_list_incl_estimates", "Elective waiting list (RTT incomplete pathways)",
         "Number of RTT incomplete pathways in England, including estimates for trusts that did not report "
         "(the headline waiting list).", direction=LO),
    _nhs("rtt_waiting_list", "Elective waiting list, reporting trusts only",
         "Number of RTT incomplete pathways in England reported by trusts.", direction=LO),
    _nhs("rtt_incomplete_over_52_weeks_incl_estimates", "Pathways waiting over 52 weeks",
         "Number of RTT incomplete pathways waiting more than 52 weeks, England, including estimates.",
         direction=LO),
    _nhs("rtt_incomplete_over_52_weeks_pct_incl_estimates", "Share of the waiting list waiting over 52 weeks",
         "Percentage of RTT incomplete pathways waiting more than 52 weeks, England, including estimates.",
         direction=LO, **PERCENT),
    _nhs("rtt_waiting_list_unique_patients_estimate", "Patients on the waiting list (estimate)",
         "NHS England's modelled estimate of the number of unique patients on the RTT waiting list.",
         direction=LO, caveats=RTT_CAVEAT + " A modelled estimate (waiting list minimum data set ratio)."),
    _nhs("ae_4hr_pct_type1", "Type 1 A&E attendances seen within four hours",
         "Percentage of attendances at type 1 (major) A&E departments admitted, transferred or discharged "
         "within four hours, England.", source_url=AE_URL, publisher=AE_SOURCE, caveats=AE_CAVEAT,
         methodology="NHS England Monthly A&E Time Series, sheet 'Performance'; ×100 exactly.", **PERCENT),
    *_hle("male", "males"),
    *_hle("female", "females"),
    _abuse("16_59", "16 to 59"),
    _abuse("16_74", "16 to 74"),
    _abuse("16_plus", "16 and over", tier=CORE),
    _ks("ks4_disadvantage_gap_index", "Disadvantage gap at age 16 (KS4)", "DfE's disadvantage gap index for "
        "GCSE English and maths, England.", KS4_URL, KS4_SOURCE, direction=LO, min_value=-10, max_value=10),
    _ks("ks4_grade5_eng_maths_pct_disadvantaged", "Disadvantaged pupils with grade 5 in English and maths",
        "Percentage of disadvantaged pupils achieving grade 5 or above in GCSE English and maths, England.",
        KS4_URL, KS4_SOURCE, **PERCENT),
    _ks("ks4_grade5_eng_maths_pct_not_disadvantaged", "Other pupils with grade 5 in English and maths",
        "Percentage of pupils who are not disadvantaged achieving grade 5 or above in GCSE English and maths.",
        KS4_URL, KS4_SOURCE, **PERCENT),
    _ks("ks4_grade5_eng_maths_pct_all_pupils", "All pupils with grade 5 in English and maths",
        "Percentage of all pupils achieving grade 5 or above in GCSE English and maths, England.", KS4_URL,
        KS4_SOURCE, **PERCENT),
    _ks("ks2_disadvantage_gap_index", "Disadvantage gap at age 11 (KS2)", "DfE's disadvantage gap index for "
        "key stage 2 reading, writing and maths, England.", KS2_URL, KS2_SOURCE, direction=LO, min_value=-10,
        max_value=10, caveats="Not assessed in 2019/20 and 2020/21. The index runs from −10 to 10; 0 means "
        "no gap."),
    {"slug": "gdp_per_head_cvm_quarterly", "mission": "growth", "name": "Real GDP per head",
     "description": "Gross domestic product per head in the quarter, chained volume measures, seasonally "
     "adjusted (ONS series IHXW), United Kingdom.", "tier": CORE, "kind": "outcome", "direction": HI,
     "frequency": "quarterly", "owner": "hmt", "suppliers": ["ons"], "source_url": IHXW_URL,
     "publisher": IHXW_SOURCE, "licence": OGL, "caveats": GDP_HEAD_CAVEAT, "family": "gdp_per_head",
     "methodology": "ONS Quarterly national accounts dataset CSV, CDID IHXW; 1946–1954 placeholder zeros "
     "dropped."},
    {"slug": "gdp_per_head_cvm_annual", "mission": "growth", "name": "Real GDP per head, annual",
     "description": "Gross domestic product per head in the calendar year, chained volume measures (ONS "
     "series IHXW), United Kingdom.", "tier": COMP, "kind": "outcome", "direction": HI,
     "frequency": "annual", "owner": "hmt", "suppliers": ["ons"], "source_url": IHXW_URL,
     "publisher": IHXW_SOURCE, "licence": OGL, "caveats": GDP_HEAD_CAVEAT, "family": "gdp_per_head",
     "methodology": "ONS Quarterly national accounts dataset CSV, CDID IHXW, annual figures."},
]  # fmt: skip

#: Publisher citations for the series that existed before the additions (metric slug → text, release page).
NHS_HEADLINES = {
    "rtt_18_weeks": (RTT_SOURCE, RTT_URL, RTT_CAVEAT),
    "ae_4_hours": (AE_SOURCE, AE_URL, AE_CAVEAT),
}

RTT_SLUGS = ["rtt_18_weeks"] + [s["slug"] for s in ADDITION_METRICS if s["slug"].startswith("rtt_")]
# (metric slugs, kind, starts, ends, note, page)
BREAKS = [
    (RTT_SLUGS, SeriesBreak.Kind.BREAK, date(2013, 4, 1), None,
     "Consultant-led sexual-health pathways removed from the collection from April 2013.", RTT_URL),
    (RTT_SLUGS, SeriesBreak.Kind.BREAK, date(2024, 2, 1), None,
     "From February 2024 community-service pathways are no longer reported (the workbook marks the month "
     "'* Feb-24'): figures before and after are not directly comparable.", RTT_URL),
    (["ae_4_hours", "ae_4hr_pct_type1"], SeriesBreak.Kind.SPAN, date(2019, 5, 1), date(2023, 5, 1),
     "May 2019 to May 2023 exclude the 14 trusts in the Clinical Review of Standards field test: not directly "
     "comparable with the months either side.", AE_URL),
    (["partner_abuse_last_year_women_16_59"], SeriesBreak.Kind.GAP, date(2007, 4, 1), date(2007, 4, 1),
     "No figure for 2007/08: the question was not comparable.", ABUSE_URL),
    (["partner_abuse_last_year_women_16_59"], SeriesBreak.Kind.GAP, date(2020, 4, 1), date(2020, 4, 1),
     "No figure for 2020/21: the telephone survey excluded the module.", ABUSE_URL),
    (["ks4_disadvantage_gap_index", "ks4_grade5_eng_maths_pct_disadvantaged",
      "ks4_grade5_eng_maths_pct_not_disadvantaged", "ks4_grade5_eng_maths_pct_all_pupils"],
     SeriesBreak.Kind.SPAN, date(2019, 9, 1), date(2020, 9, 1),
     "GCSE grades in 2019/20 and 2020/21 were centre- and teacher-assessed: not comparable.", KS4_URL),
    (["gld_all_children", "gld_fsm_eligible", "gld_not_fsm_eligible"], SeriesBreak.Kind.BREAK,
     date(2021, 9, 1), None, "The 2021/22 EYFS reforms break comparability with earlier years.",
     "https://explore-education-statistics.service.gov.uk/find-statistics/early-years-foundation-stage-profile-results"),
]  # fmt: skip


def load_breaks(tally: Tally, metrics: dict[str, Metric]) -> list[SeriesBreak]:
    rows = []
    for slugs, kind, starts, ends, note, page in BREAKS:
        for slug in slugs:
            lookup = {"metric": metrics[slug], "kind": kind, "starts": starts}
            defaults = {"ends": ends, "note": note, "source_url": page, "geography": None}
            rows.append(upsert(tally, SeriesBreak, lookup, defaults))
    return rows
