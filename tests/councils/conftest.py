"""A small opportunity mission with a strategy council, its taskforce (the `secretariat` persona staffs it),
an earlier meeting with actions and a DfE check-in; and a health mission with its own secretariat."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from councils.models import Meeting
from tests.factories import (
    ActionFactory,
    CouncilFactory,
    CouncilMemberFactory,
    MeetingFactory,
    MetricFactory,
    MissionFactory,
    ObservationFactory,
    TargetFactory,
    TaskforceFactory,
    TaskforceMemberFactory,
    UserFactory,
)

RECORDED = timezone.make_aware(dt.datetime(2025, 1, 10, 9, 0))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def opportunity(users, organisations, media):
    dfe = organisations["dfe"]
    mission = MissionFactory(
        slug="opportunity",
        title="Break down barriers to opportunity",
        short_title="Opportunity",
        lead_organisation=dfe,
    )
    council = CouncilFactory(mission=mission, slug="opportunity-strategy", name="Opportunity Mission Council")
    CouncilMemberFactory(council=council, name="Education Secretary", organisation=dfe)
    taskforce = TaskforceFactory(mission=mission)
    TaskforceMemberFactory(
        taskforce=taskforce,
        user=users["secretariat"],
        name="Sam Secretariat",
        organisation=organisations["cabinet-office"],
    )
    readiness = MetricFactory(
        slug="school-readiness",
        name="Children with a good level of development",
        mission=mission,
        owner=dfe,
        unit="%",
    )
    neet = MetricFactory(
        slug="neet-rate",
        name="Young people not in education, employment or training",
        mission=mission,
        owner=dfe,
        unit="%",
        direction="lower",
    )
    for year, value in [(2019, "65.2"), (2021, "65.9"), (2023, "67.2")]:
        ObservationFactory(
            metric=readiness, period_start=dt.date(year, 1, 1), value=Decimal(value), recorded_at=RECORDED
        )
    for year, value in [(2020, "12.1"), (2022, "12.6"), (2024, "13.2")]:
        ObservationFactory(
            metric=neet, period_start=dt.date(year, 1, 1), value=Decimal(value), recorded_at=RECORDED
        )
    TargetFactory(metric=readiness, value=Decimal("75"), baseline_date=dt.date(2019, 1, 1))
    earlier = MeetingFactory(
        council=council, title="First strategy council", starts_at=timezone.now() - dt.timedelta(days=60)
    )
    check_in = MeetingFactory(
        council=council,
        kind=Meeting.Kind.CHECK_IN,
        department=dfe,
        title="DfE check-in",
        starts_at=timezone.now() + dt.timedelta(days=3),
    )
    overdue = ActionFactory(
        meeting=earlier,
        title="Publish the early years plan",
        owner_organisation=dfe,
        due_date=timezone.localdate() - dt.timedelta(days=5),
        metric=readiness,
    )
    return {
        "mission": mission,
        "council": council,
        "taskforce": taskforce,
        "metrics": [readiness, neet],
        "earlier": earlier,
        "check_in": check_in,
        "overdue": overdue,
    }


@pytest.fixture
def health(organisations):
    """Another mission whose taskforce has its own secretariat user."""
    mission = MissionFactory(
        slug="health",
        title="Build an NHS fit for the future",
        short_title="Health",
        lead_organisation=organisations["dhsc"],
    )
    council = CouncilFactory(mission=mission, slug="health-strategy", name="Health Mission Council")
    other = UserFactory(
        username="health_secretariat", organisation=organisations["cabinet-office"], roles=["secretariat"]
    )
    TaskforceMemberFactory(
        taskforce=TaskforceFactory(mission=mission), user=other, organisation=organisations["cabinet-office"]
    )
    meeting = MeetingFactory(council=council, title="Health strategy council")
    return {"mission": mission, "council": council, "user": other, "meeting": meeting}


@pytest.fixture
def requested(opportunity, users):
    """The DfE check-in's return, requested by the secretariat, due a day before the meeting."""
    from councils import services

    meeting = opportunity["check_in"]
    return services.return_request(
        meeting=meeting, by=users["secretariat"], deadline=meeting.starts_at - dt.timedelta(days=1)
    )


def judgements(meeting, confidence="likely", reason="The plan is funded and on schedule."):
    """An entry for every metric and contribution the department owns, all with the same judgement."""
    from councils import returns

    metrics, contributions = returns.subjects(meeting)
    common = {
        "confidence": confidence,
        "reason": reason,
        "risks": "Staffing",
        "asks": "A decision on funding",
    }
    return [{"metric": m, **common} for m in metrics] + [{"contribution": c, **common} for c in contributions]


@pytest.fixture
def dhsc_member(opportunity, organisations):
    """A DHSC official who holds a seat on the opportunity council (reads its papers as a member)."""
    user = UserFactory(username="dhsc_member", organisation=organisations["dhsc"], roles=["department"])
    CouncilMemberFactory(
        council=opportunity["council"], name="Health Secretary", organisation=organisations["dhsc"], user=user
    )
    return user
