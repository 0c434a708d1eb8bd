"""An accountability world: a mission with a published metric and its figures, a body for the
`accountability` persona, and helpers to revise the data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accountability import services
from accountability.models import AccountabilityBody
from metrics.services import observation_import
from tests.factories import MetricFactory, MissionFactory, TargetFactory

YEARS = {"2019": "60.0", "2020": "62.0", "2021": "64.0", "2022": "66.0"}


def import_values(values: dict[str, str], when=None):
    rows = [{"metric": "gld", "period": p, "geography": "K02000001", "value": v} for p, v in values.items()]
    return observation_import(rows=rows, format="json", system=True, recorded_at=when)


@pytest.fixture
def world(users, organisations):
    mission = MissionFactory(
        slug="opportunity", short_title="Opportunity", lead_organisation=organisations["dfe"]
    )
    gld = MetricFactory(
        slug="gld", name="Good level of development", mission=mission, owner=organisations["dfe"]
    )
    other = MetricFactory(slug="other", name="Other metric", mission=mission, owner=organisations["dhsc"])
    milestone = TargetFactory(metric=gld, value=Decimal("75"), baseline_date=dt.date(2019, 1, 1))
    import_values(YEARS, when=timezone.now() - dt.timedelta(days=30))
    body = AccountabilityBody.objects.create(
        mission=mission, organisation=organisations["body"], statutory_mandate="Reports yearly", chair="Chair"
    )
    return {
        "mission": mission,
        "gld": gld,
        "other": other,
        "milestone": milestone,
        "body": body,
        "users": users,
        "orgs": organisations,
    }


@pytest.fixture
def issued_letter(world):
    centre = world["users"]["centre"]
    letter = services.mandate_letter_create(
        by=centre, department=world["orgs"]["dfe"], minister_title="Secretary of State for Education"
    )
    services.mandate_commitment_add(letter=letter, by=centre, metric=world["gld"], text="Raise GLD to 75%.")
    return services.mandate_letter_issue(letter=letter, by=centre, issued_on=dt.date(2025, 1, 10))


@pytest.fixture
def laid_report(world):
    """A report laid today by the body: one judgement, two recommendations for DfE."""
    member = world["users"]["accountability"]
    report = services.report_create(body=world["body"], by=member, title="Annual report", summary="S")
    services.judgement_set(
        report=report,
        by=member,
        metric=world["gld"],
        verdict="too_early",
        commentary="C",
        difference_note="One more year of data is needed.",
    )
    for text in ("Publish a trajectory.", "Close data gaps."):
        services.recommendation_add(report=report, by=member, text=text, owner=world["orgs"]["dfe"])
    services.report_submit(report=report, by=member)
    return services.report_lay(report=report, by=member, laid_on=timezone.localdate())
