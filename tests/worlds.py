"""Shared test worlds: the illustrative governance records the dashboard tests (and browser tests) show."""

import datetime as dt

from django.utils import timezone

from accountability.models import AccountabilityBody, Judgement, MandateCommitment, MandateLetter, Report
from councils.models import Action, Council, Meeting, Taskforce, TaskforceMember
from missions.models import Contribution
from spending.models import BusinessCase


def illustrative_governance(mission, gld, organisations, users):
    """A council, taskforce, upcoming meeting, overdue action, contribution, mandate letter, business case
    and accountability report for `mission`, all illustrative: what the dashboards show beside the data."""
    council = Council.objects.create(
        mission=mission,
        kind="strategy",
        name="Opportunity Council",
        slug="opp",
        chair="Prime Minister",
        illustrative=True,
    )
    taskforce = Taskforce.objects.create(mission=mission, name="Opportunity taskforce", illustrative=True)
    TaskforceMember.objects.create(
        taskforce=taskforce,
        name="Sam",
        role="Lead",
        unit="delivery",
        organisation=organisations["cabinet-office"],
        user=users["secretariat"],
    )
    Meeting.objects.create(
        council=council,
        kind="strategy",
        title="Spring council",
        illustrative=True,
        starts_at=timezone.now() + dt.timedelta(days=10),
    )
    Action.objects.create(
        title="Publish the early years plan",
        owner_organisation=organisations["dfe"],
        illustrative=True,
        due_date=timezone.localdate() - dt.timedelta(days=3),
        metric=gld,
    )
    Contribution.objects.create(
        mission=mission,
        organisation=organisations["dfe"],
        outcome="More children school-ready",
        illustrative=True,
    )
    letter = MandateLetter.objects.create(
        minister_name="A Minister",
        minister_title="Secretary of State for Education",
        department=organisations["dfe"],
        issued_on=dt.date(2025, 1, 10),
        status="issued",
        illustrative=True,
    )
    MandateCommitment.objects.create(
        letter=letter, number=1, metric=gld, expected_contribution="Raise GLD to 75%"
    )
    case = BusinessCase.objects.create(
        title="Family hubs expansion",
        slug="hubs",
        lead_department=organisations["dfe"],
        category="RDEL",
        strategic_case="Because.",
        price_base="nominal",
        status="submitted",
        illustrative=True,
    )
    case.missions.add(mission)
    body = AccountabilityBody.objects.create(
        mission=mission, organisation=organisations["body"], statutory_mandate="Reports yearly", chair="Chair"
    )
    report = Report.objects.create(
        body=body,
        title="First annual report",
        laid_on=dt.date(2025, 6, 1),
        as_at=timezone.make_aware(dt.datetime(2025, 5, 31, 12)),
        summary="S",
        status="laid",
        illustrative=True,
    )
    Judgement.objects.create(report=report, metric=gld, verdict="at_risk", commentary="Slow progress")
