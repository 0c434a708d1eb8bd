"""Metric metadata: one Metric per series in the CSV, plus the core NHS metrics that have no public series here.

Tiers. IPPR's mission framework (seed paper, step 1) splits core (outcome) metrics from comprehensive (output
and input) ones. Core here = the measure of a Plan for Change milestone (targets.md §A) or of a mission
ambition or legal commitment (§B, §C) where we hold the series or know its official source:
GDP per capita growth and net additional dwellings (growth), low-carbon share and carbon intensity of
electricity and DESNZ territorial emissions (clean energy: milestone, Clean Power 2030 and the Climate Change
Act/NDC), physical violence prevalence (the nearest series to "serious violent crime"), GLD for all children
(opportunity), RTT 18 weeks, A&E 4 hours and healthy life expectancy (NHS). Everything else is comprehensive:
context, components and alternative measures.

Owners are the departments accountable for the outcome (they may upload its figures); producers that are not
the owner are suppliers (the ONS for GDP, crime survey and HLE; NHS England for RTT and A&E).

decimal_places is display precision (the model allows at most 6): the CSV's own precision, except for series
where the source file carries float noise (12 to 17 decimals), shown to 1 decimal as their producers publish
them. Stored values keep every published digit.
"""

from __future__ import annotations

import re
from decimal import Decimal

from metrics.models import Geography, Metric
from missions.models import Mission, Organisation

from .additions import ADDITION_METRICS, NHS_HEADLINES, SLUG_MAP
from .common import Tally, upsert
from .series import read_additions, read_series

OGL = "Open Government Licence v3.0"
CC_BY = "CC BY 4.0 — credit: Our World in Data and the underlying producer"
# Publishers' release pages (the data were copied from the repositories named in each row's `source`, which the
# metric's methodology records; readers are sent to the publisher).
OWID_ENERGY = "https://ourworldindata.org/energy"
OWID_CO2 = "https://ourworldindata.org/co2-and-greenhouse-gas-emissions"
SDG = "https://sdgdata.gov.uk/{}/"
SMC_GLD = "https://explore-education-statistics.service.gov.uk/find-statistics/early-years-foundation-stage-profile-results"
HLE = "https://fingertips.phe.org.uk/search/90362"

UK_NOT_GB = (
    "UK generation (Ember via Our World in Data), not the GB-generation measure (DESNZ/NESO) on which the Clean "
    "Power 2030 milestone is defined: close but not identical. The 2025 figure is Ember's newest annual estimate "
    "and may be revised."
)
SCOPE = (
    "DESNZ territorial totals (1990 = 813.4 MtCO2e) and Climate Watch totals differ in scope and method: do not "
    "compare them on one axis."
)
OWID_CO2_GAP = "1990–2001 exist in the source file but were not read, so the series starts in 2002. " + SCOPE
GLD_CAVEAT = (
    "No assessment in 2019/20 and 2020/21; the 2021/22 EYFS reforms break comparability with earlier years. "
    "Values are rounded to whole numbers at source (secondary sources quote 67.7% for 2023/24)."
)
HLE_CAVEAT = (
    "England only, 3-year pooled periods to 2018-20 (OHID Fingertips edition): never compare with the ONS "
    "editions on one chart. The manifesto ambition concerns the gap between the richest and poorest regions, "
    "judged on the regional series."
)
PERCENT = {"min_value": Decimal(0), "max_value": Decimal(100)}

E, C, O_ = "E92000001", "K02000001", "K04000001"
CORE, COMP = Metric.Tier.CORE, Metric.Tier.COMPREHENSIVE
OUTCOME, OUTPUT, INPUT = Metric.Kind.OUTCOME, Metric.Kind.OUTPUT, Metric.Kind.INPUT
HI, LO = Metric.Direction.HIGHER, Metric.Direction.LOWER


def _owid_elec(slug, name, what, tier=COMP, direction=HI, kind=OUTCOME, share=True, caveat=UK_NOT_GB):
    return {
        "slug": slug, "mission": "clean-energy", "name": name, "tier": tier, "kind": kind,
        "direction": direction, "frequency": "annual", "owner": "desnz", "description": what,
        "source_url": OWID_ENERGY, "licence": CC_BY, "caveats": caveat, **(PERCENT if share else {}),
        "methodology": "Our World in Data energy dataset (Ember yearly electricity data 2025, Energy Institute "
        "Statistical Review 2024, DUKES before 1985); UK rows transcribed unchanged.",
    }  # fmt: skip


def _sdg(slug, mission, name, what, indicator, owner, **extra):
    spec = {
        "slug": slug, "mission": mission, "name": name, "description": what, "frequency": "annual",
        "owner": owner, "source_url": SDG.format(indicator), "licence": OGL, "tier": COMP, "kind": OUTCOME,
        "direction": HI, "methodology": f"ONS UK Sustainable Development Goals data, indicator {indicator}, "
        "headline rows only.",
    }  # fmt: skip
    spec.update(extra)
    return spec


METRICS = [
    # Mission 1 — growth
    _sdg("gdp_per_capita_real_growth", "growth", "Real GDP per capita, annual growth",
         "Annual growth rate of real GDP per head (SDG 8.1.1); the milestone asks for higher GDP per capita by "
         "the end of the Parliament.", "8-1-1", "hmt", tier=CORE, suppliers=["ons"],
         caveats="Growth rate only: the GDP per capita level and real household disposable income per head "
         "(the milestone's measures) are not loaded. Latest loaded year 2022 (ONS release of 31 March 2023)."),
    _sdg("gdp_per_employed_person_real_growth", "growth", "Real GDP per employed person, annual growth",
         "Annual growth rate of real GDP per employed person (SDG 8.2.1), a productivity measure.", "8-2-1",
         "hmt", suppliers=["ons"], decimal_places=1,
         caveats="ONS Blue Book 2022 and MGRZ; the source file holds unrounded ratios (shown to 1 decimal)."),
    {"slug": "gdp_qoq_growth", "mission": "growth", "name": "GDP, quarter-on-quarter growth",
     "description": "ONS series IHYQ: gross domestic product, chained volume measures, seasonally adjusted, "
     "growth on the previous quarter.", "tier": COMP, "kind": OUTCOME, "direction": HI,
     "frequency": "quarterly", "owner": "hmt", "suppliers": ["ons"],
     "source_url": "https://www.ons.gov.uk/economy/grossdomesticproductgdp/timeseries/ihyq/pn2",
     "methodology": "ONS time series IHYQ (dataset PN2), release of 15 November 2024.", "licence": OGL,
     "caveats": "Vintage of 15 November 2024; later ONS releases revise earlier quarters."},
    {"slug": "net_additional_dwellings", "mission": "growth", "name": "Net additional dwellings, England",
     "description": "Net additional dwellings in England in the financial year (1 April to 31 March): new "
     "builds, conversions and changes of use less demolitions.", "tier": CORE, "kind": OUTPUT, "direction": HI,
     "frequency": "financial_year", "owner": "mhclg",
     "source_url": "https://www.gov.uk/government/statistics/housing-supply-net-additional-dwellings-england-"
     "2023-to-2024", "methodology": "MHCLG Housing supply: net additional dwellings, headline as first "
     "published.", "licence": OGL,
     "caveats": "Headline figures as first published; the live tables revise history (2022-23 was later given "
     "as 234,290). The 1.5 million homes milestone is cumulative over the Parliament. Years before 2022-23 "
     "are not loaded."},
    # Mission 2 — clean energy
    _owid_elec("electricity_low_carbon_share", "Low-carbon share of electricity generation",
               "Share of UK electricity generated from renewables and nuclear (clean power).", tier=CORE),
    _owid_elec("electricity_renewables_share", "Renewable share of electricity generation",
               "Share of UK electricity generated from renewable sources."),
    _owid_elec("electricity_fossil_share", "Fossil fuel share of electricity generation",
               "Share of UK electricity generated from coal, oil and gas.", direction=LO),
    _owid_elec("electricity_nuclear_share", "Nuclear share of electricity generation",
               "Share of UK electricity generated by nuclear power."),
    _owid_elec("electricity_wind_share", "Wind share of electricity generation",
               "Share of UK electricity generated by wind."),
    _owid_elec("electricity_solar_share", "Solar share of electricity generation",
               "Share of UK electricity generated by solar power."),
    _owid_elec("electricity_carbon_intensity", "Carbon intensity of electricity generation",
               "Greenhouse gas emissions per kilowatt-hour of UK electricity generated.", tier=CORE,
               direction=LO, share=False),
    # Direction: electrification of heat and transport is expected to raise generation, so higher.
    _owid_elec("electricity_generation", "Electricity generation", "Total UK electricity generation.",
               kind=OUTPUT, share=False),
    _owid_elec("electricity_generation_ghg_emissions", "Greenhouse gas emissions from electricity generation",
               "Greenhouse gas emissions of the UK power sector.", direction=LO, share=False,
               caveat=UK_NOT_GB + " Series starts in 2000."),
    _sdg("ghg_emissions_territorial_desnz", "clean-energy", "Territorial greenhouse gas emissions (DESNZ)",
         "Total greenhouse gas emissions within UK borders (SDG 13.2.2 headline), the basis of the Climate "
         "Change Act and the UK's NDC.", "13-2-2", "desnz", tier=CORE, direction=LO, decimal_places=1,
         caveats="Final estimates 1990–2021 (DESNZ, 7 February 2023); later years not loaded. The NDC excludes "
         "international aviation and shipping. " + SCOPE),
    _sdg("net_co2_emissions_territorial_desnz", "clean-energy", "Net CO2 emissions (DESNZ)",
         "Net territorial CO2 emissions: emissions minus removals.", "13-2-2", "desnz", direction=LO,
         decimal_places=1, caveats="Final estimates 1990–2021; later years not loaded. " + SCOPE),
    _sdg("renewable_share_final_energy_consumption", "clean-energy",
         "Renewable share of final energy consumption", "Renewable and waste energy as a share of total final "
         "energy consumption (SDG 7.2.1 headline).", "7-2-1", "desnz", suppliers=["ons"], **PERCENT,
         caveats="ONS environmental accounts, published 5 June 2023; covers all energy, not only electricity."),
    {"slug": "co2_territorial_emissions", "mission": "clean-energy", "name": "Territorial CO2 emissions (GCP)",
     "description": "UK fossil and industry CO2 emissions, excluding land use (Global Carbon Budget 2024).",
     "direction": LO, "caveats": OWID_CO2_GAP},
    {"slug": "co2_emissions_per_capita", "mission": "clean-energy", "name": "CO2 emissions per person",
     "description": "UK territorial CO2 emissions per person (Global Carbon Budget and OWID population).",
     "direction": LO, "caveats": OWID_CO2_GAP},
    {"slug": "ghg_emissions_incl_lulucf_climatewatch", "mission": "clean-energy",
     "name": "Greenhouse gas emissions incl. land use (Climate Watch)", "description": "Total UK greenhouse "
     "gas emissions including land use, land-use change and forestry (Climate Watch via OWID).",
     "direction": LO, "caveats": OWID_CO2_GAP},
    {"slug": "ghg_emissions_excl_lulucf_climatewatch", "mission": "clean-energy",
     "name": "Greenhouse gas emissions excl. land use (Climate Watch)", "description": "Total UK greenhouse "
     "gas emissions excluding land use, land-use change and forestry (Climate Watch via OWID).",
     "direction": LO, "caveats": OWID_CO2_GAP},
    # Mission 3 — safer streets
    _sdg("physical_violence_prevalence_adults", "safer-streets", "Adults who were victims of physical violence",
         "Percentage of adults aged 16 and over who were victims of physical violence in the previous 12 "
         "months (Crime Survey for England and Wales; SDG 16.1.3 series (a)).", "16-1-3", "home-office",
         tier=CORE, direction=LO, frequency="financial_year", suppliers=["ons"], decimal_places=1, **PERCENT,
         caveats="The nearest loaded series to the ambition's \"serious violent crime\", which it does not "
         "measure; knife crime (police recorded) is not loaded. Survey years run April to March."),
    _sdg("feel_safe_walking_alone_after_dark", "safer-streets", "Adults who feel safe walking alone after dark",
         "Percentage of adults aged 16 and over who feel safe walking alone after dark (Crime Survey for "
         "England and Wales; SDG 16.1.4).", "16-1-4", "home-office", frequency="financial_year",
         suppliers=["ons"], decimal_places=1, **PERCENT,
         caveats="Not published for 2016/17, 2020/21 and 2021/22. ONS CSEW annual supplementary tables, "
         "20 July 2023."),
    {"slug": "police_officers_fte_43_forces", "mission": "safer-streets",
     "name": "Police officers (FTE), 43 territorial forces", "description": "Full-time-equivalent police "
     "officers in the 43 territorial police forces of England and Wales, at the date shown.", "tier": COMP,
     "kind": INPUT, "direction": HI,
     "frequency": "daily", "owner": "home-office",
     "source_url": "https://www.gov.uk/government/statistics/police-workforce-england-and-wales-31-march-2024",
     "methodology": "Home Office Police workforce, England and Wales releases: headline figures as printed.",
     "licence": OGL, "caveats": "Context only: the milestone counts 13,000 additional officers, PCSOs and "
     "special constables in neighbourhood roles, which is not loaded. 31 March 2023 is the revised 147,434 "
     "(first published as 147,430)."},
    # Mission 4 — opportunity
    {"slug": "gld_all_children", "mission": "opportunity", "name": "Children with a good level of development",
     "description": "Percentage of children reaching a good level of development at the end of Reception "
     "(Early Years Foundation Stage Profile), England.", "tier": CORE, "caveats": GLD_CAVEAT},
    {"slug": "gld_fsm_eligible", "mission": "opportunity",
     "name": "Children eligible for free school meals with a good level of development",
     "description": "Percentage of children eligible for free school meals reaching a good level of "
     "development at the end of Reception, England (attainment-gap proxy).",
     "caveats": GLD_CAVEAT + " The gap with other children is not computed."},
    {"slug": "gld_not_fsm_eligible", "mission": "opportunity",
     "name": "Children not eligible for free school meals with a good level of development",
     "description": "Percentage of children not eligible for free school meals reaching a good level of "
     "development at the end of Reception, England.", "caveats": GLD_CAVEAT},
    # Mission 5 — NHS
    {"slug": "healthy_life_expectancy_at_birth_male", "mission": "nhs",
     "name": "Healthy life expectancy at birth, males", "description": "Years a newborn boy in England can "
     "expect to live in good health, 3-year pooled estimate.", "caveats": HLE_CAVEAT, "family": "hle_male"},
    {"slug": "healthy_life_expectancy_at_birth_female", "mission": "nhs",
     "name": "Healthy life expectancy at birth, females", "description": "Years a newborn girl in England can "
     "expect to live in good health, 3-year pooled estimate.", "caveats": HLE_CAVEAT, "family": "hle_female"},
]  # fmt: skip

_GLD = {"tier": COMP, "kind": OUTCOME, "direction": HI, "frequency": "academic_year", "owner": "dfe",
        "source_url": SMC_GLD, "licence": OGL, "methodology": "DfE EYFSP results as published by the Social "
        "Mobility Commission, State of the Nation 2025 (chart IN11).", **PERCENT}  # fmt: skip
_HLE = {"tier": COMP, "kind": OUTCOME, "edition": "OHID Fingertips indicator 90362 (ONS, to 2018-20)", "direction": HI, "frequency": "multi_year", "period_span": 3,
        "owner": "dhsc", "suppliers": ["ons"], "source_url": HLE, "licence": OGL,
        "methodology": "ONS health state life expectancies via OHID Fingertips indicator 90362; England rows "
        "(E92000001)."}  # fmt: skip
_OWID_CO2 = {"tier": COMP, "kind": OUTCOME, "frequency": "annual", "owner": "desnz", "source_url": OWID_CO2,
             "licence": CC_BY, "methodology": "Our World in Data CO2 and greenhouse gas dataset; UK rows "
             "2002–2023 transcribed unchanged."}  # fmt: skip
_DEFAULTS = {
    "gld_": _GLD,
    "healthy_life_": _HLE,
    "co2_": _OWID_CO2,
    "ghg_emissions_incl": _OWID_CO2,
    "ghg_emissions_excl": _OWID_CO2,
}

# The NHS headline metrics, fed by the additions file (see additions.SLUG_MAP for the series each reads).
NHS_METRICS = [
    {"slug": "rtt_18_weeks", "mission": "nhs", "name": "Patients waiting under 18 weeks for elective treatment",
     "description": "Percentage of referral-to-treatment (RTT) incomplete pathways waiting under 18 weeks, "
     "England, including NHS England's estimates for trusts that did not report (its headline figure).",
     "decimal_places": 1, "tier": CORE, "kind": OUTCOME, "direction": HI, "frequency": "monthly",
     "owner": "dhsc", "suppliers": ["nhs-england"],
     "methodology": "NHS England RTT Overview Timeseries, sheet 'Full Time Series', column '% within 18 weeks "
     "with estimates for missing data'; fractions multiplied by 100 exactly.", "licence": OGL, **PERCENT},
    {"slug": "ae_4_hours", "mission": "nhs", "name": "A&E attendances seen within four hours",
     "description": "Percentage of A&E attendances (all types) admitted, transferred or discharged within four "
     "hours, England.", "decimal_places": 1, "tier": CORE, "kind": OUTCOME,
     "direction": HI, "frequency": "monthly", "owner": "dhsc", "suppliers": ["nhs-england"],
     "methodology": "NHS England Monthly A&E Time Series, sheet 'Performance', 'Percentage in 4 hours or less "
     "(all)'; fractions multiplied by 100 exactly.", "licence": OGL, **PERCENT},
]  # fmt: skip

FIELDS = ("name", "description", "tier", "kind", "direction", "frequency", "source_url", "methodology",
          "licence", "caveats", "family", "edition")  # fmt: skip


def _with_defaults(spec: dict) -> dict:
    for prefix, defaults in _DEFAULTS.items():
        if spec["slug"].startswith(prefix):
            return {**defaults, **spec}
    return spec


def display_unit(published: str) -> str:
    """A short unit for tables and charts ("%", "dwellings"); the published wording goes in the methodology.

    Sources word units at length ("% of children reaching a good level of development at end of Reception"),
    which the metric's name already says; repeating it beside every figure makes tables unreadable.
    """
    if published.startswith("%"):
        return "%"
    if published.startswith("dwellings"):
        return "dwellings"
    for start, short in UNITS:
        if published.startswith(start):
            return short
    return published


UNITS = (
    ("incomplete RTT pathways", "pathways"),
    ("estimated unique patients", "patients"),
    ("£ per head", "£ per head"),
    ("disadvantage gap index", "index"),
)
REPOSITORY = re.compile(
    r"^(?P<repo>[\w.-]+/[\w.-]+)@[0-9a-f]+:(?P<path>.+?\.(?:csv|json|xlsx?)) (?P<rest>.*)$"
)
PUBLISHERS = {
    "owid/energy-data": "Our World in Data, energy dataset",
    "owid/co2-data": "Our World in Data, CO2 and greenhouse gas emissions dataset",
    "ONSdigital/sdg-data": "ONS, UK data for the Sustainable Development Goals, indicator {indicator}",
    "ONSdigital/zebedee": "ONS, GDP quarter-on-quarter growth, series IHYQ",
    "ukgov-equality-hub/smc-son": "Social Mobility Commission, State of the Nation data",
    "traffordDataLab/trafford_themes": "OHID Fingertips, indicator 90362",
}


def publisher_citation(source: str) -> str:
    """The publisher and release to credit, for a CSV `source` that names the repository copy we read."""
    match = REPOSITORY.match(source)
    if match is None or match["repo"] not in PUBLISHERS:
        return source
    indicator = re.search(r"indicator_([\d-]+)\.csv", match["path"])
    publisher = PUBLISHERS[match["repo"]].format(
        indicator=indicator[1].replace("-", ".") if indicator else ""
    )
    producer = re.search(r"\((?:orig: )?([^)]*)\)", match["rest"])
    return f"{publisher} ({producer[1]})" if producer else publisher


def _save(tally, spec, order, *, unit, decimals, geography, source, missions, orgs, geographies) -> Metric:
    values = {field: spec.get(field, "") for field in FIELDS}
    short = display_unit(unit)
    if short != unit:
        values["methodology"] = f"{values['methodology']} Unit as published: {unit}.".strip()
    cited = spec.get("publisher") or publisher_citation(source)
    if cited != source:
        values["methodology"] = f"{values['methodology']} Copy read for this dashboard: {source}.".strip()
    source = cited
    values.update(
        mission=missions[spec["mission"]],
        unit=short,
        decimal_places=decimals,
        period_span=spec.get("period_span", 1),
        owner=orgs[spec["owner"]],
        default_geography=geographies[geography],
        source=source,
        min_value=spec.get("min_value"),
        max_value=spec.get("max_value"),
        published=True,
        display_order=order,
    )
    m2m = {"suppliers": [orgs[slug] for slug in spec.get("suppliers", [])]}
    return upsert(tally, Metric, {"slug": spec["slug"]}, values, m2m)


def load_metrics(
    tally: Tally, missions: dict[str, Mission], orgs: dict[str, Organisation]
) -> dict[str, Metric]:
    series = read_series()
    specs = [_with_defaults(spec) for spec in METRICS]
    missing = set(series) ^ {spec["slug"] for spec in specs}
    additions = read_additions()
    missing |= (set(additions) - set(SLUG_MAP)) ^ {spec["slug"] for spec in ADDITION_METRICS}
    if missing:
        raise ValueError(f"Metric specs and CSV series differ: {sorted(missing)}")
    geographies = {geo.code: geo for geo in Geography.objects.all()}
    common = {"missions": missions, "orgs": orgs, "geographies": geographies}
    metrics: dict[str, Metric] = {}
    for order, spec in enumerate(specs, start=1):
        data = series[spec["slug"]]
        metrics[spec["slug"]] = _save(
            tally, spec, order, unit=data.unit, decimals=min(data.decimals, spec.get("decimal_places", 6)),
            geography=data.geography_code, source=data.source, **common,
        )  # fmt: skip
    headline = {metric: csv_slug for csv_slug, metric in SLUG_MAP.items()}
    for order, spec in enumerate(NHS_METRICS + ADDITION_METRICS, start=len(specs) + 1):
        data = additions[headline.get(spec["slug"], spec["slug"])]
        if spec["slug"] in NHS_HEADLINES:
            publisher, url, caveats = NHS_HEADLINES[spec["slug"]]
            spec = {**spec, "publisher": publisher, "source_url": url, "caveats": caveats}
        metrics[spec["slug"]] = _save(
            tally, spec, order, unit=data.unit, decimals=min(data.decimals, spec.get("decimal_places", 1)),
            geography=data.geography_code, source=data.source, **common,
        )  # fmt: skip
    return metrics
