"""Organisations: the centre, the Treasury, departments, delivery partners, authorities and mission bodies.

Real organisations carry their gov.uk (or own) website. The independent mission bodies other than the Climate
Change Committee do not exist: their names end "(illustrative)" because `Organisation` has no illustrative flag.
"""

from __future__ import annotations

from missions.models import Organisation

from .common import Tally, upsert

K = Organisation.Kind
GOVUK = "https://www.gov.uk/government/organisations/"

# slug, name, abbreviation, kind, parent slug, website
ORGANISATIONS = [
    (
        "no10",
        "Prime Minister's Office, 10 Downing Street",
        "No10",
        K.CENTRE,
        None,
        GOVUK + "prime-ministers-office-10-downing-street",
    ),
    ("cabinet-office", "Cabinet Office", "CO", K.CENTRE, None, GOVUK + "cabinet-office"),
    ("hmt", "HM Treasury", "HMT", K.TREASURY, None, GOVUK + "hm-treasury"),
    ("dfe", "Department for Education", "DfE", K.DEPARTMENT, None, GOVUK + "department-for-education"),
    (
        "dhsc",
        "Department of Health and Social Care",
        "DHSC",
        K.DEPARTMENT,
        None,
        GOVUK + "department-of-health-and-social-care",
    ),
    (
        "desnz",
        "Department for Energy Security and Net Zero",
        "DESNZ",
        K.DEPARTMENT,
        None,
        GOVUK + "department-for-energy-security-and-net-zero",
    ),
    ("home-office", "Home Office", "HO", K.DEPARTMENT, None, GOVUK + "home-office"),
    (
        "mhclg",
        "Ministry of Housing, Communities and Local Government",
        "MHCLG",
        K.DEPARTMENT,
        None,
        GOVUK + "ministry-of-housing-communities-local-government",
    ),
    (
        "dbt",
        "Department for Business and Trade",
        "DBT",
        K.DEPARTMENT,
        None,
        GOVUK + "department-for-business-and-trade",
    ),
    ("ons", "Office for National Statistics", "ONS", K.STATISTICS, None, "https://www.ons.gov.uk/"),
    ("nhs-england", "NHS England", "NHSE", K.DELIVERY_PARTNER, "dhsc", "https://www.england.nhs.uk/"),
    ("ofsted", "Ofsted", "Ofsted", K.REGULATOR, None, GOVUK + "ofsted"),
    (
        "gmca",
        "Greater Manchester Combined Authority",
        "GMCA",
        K.MAYORAL_AUTHORITY,
        None,
        "https://www.greatermanchester-ca.gov.uk/",
    ),
    (
        "wmca",
        "West Midlands Combined Authority",
        "WMCA",
        K.MAYORAL_AUTHORITY,
        None,
        "https://www.wmca.org.uk/",
    ),
    # Real: set up by the Climate Change Act 2008 and reports to Parliament on progress to net zero.
    (
        "climate-change-committee",
        "Climate Change Committee",
        "CCC",
        K.INDEPENDENT_BODY,
        None,
        "https://www.theccc.org.uk/",
    ),
    # Illustrative mission bodies (IPPR's proposal, modelled on the OBR and the CCC): they do not exist.
    (
        "growth-mission-board",
        "Growth Mission Accountability Board (illustrative)",
        "GMAB",
        K.INDEPENDENT_BODY,
        None,
        "",
    ),
    (
        "safer-streets-commission",
        "Safer Streets Mission Commission (illustrative)",
        "SSMC",
        K.INDEPENDENT_BODY,
        None,
        "",
    ),
    (
        "opportunity-commission",
        "Opportunity Mission Commission (illustrative)",
        "OMC",
        K.INDEPENDENT_BODY,
        None,
        "",
    ),
    (
        "health-mission-board",
        "Health Mission Accountability Board (illustrative)",
        "HMAB",
        K.INDEPENDENT_BODY,
        None,
        "",
    ),
]


def load_organisations(tally: Tally) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for slug, name, abbreviation, kind, parent, website in ORGANISATIONS:
        orgs[slug] = upsert(
            tally,
            Organisation,
            {"slug": slug},
            {
                "name": name,
                "abbreviation": abbreviation,
                "kind": kind,
                "parent": orgs[parent] if parent else None,
                "website": website,
            },
        )
    return orgs
