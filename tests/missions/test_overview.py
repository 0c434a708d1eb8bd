"""The No10 overview on one screen: roll-ups, what changed since the last check-in, the worst problems with
every item linked; anonymous visitors start at the public dashboard; the navigation leads somewhere useful."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.models import Action, CheckInPack, Council, Meeting
from metrics.services import observation_import
from tests.factories import MetricFactory, MissionFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisations, users):
    mission = MissionFactory(
        slug="nhs", title="Build an NHS fit for the future", lead_organisation=organisations["dhsc"]
    )
    rtt = MetricFactory(
        slug="rtt", name="Patients waiting under 18 weeks for elective treatment", mission=mission,
        owner=organisations["dhsc"], unit="%",
    )  # fmt: skip
    TargetFactory(metric=rtt, value=92, due_date=dt.date(2029, 1, 1), baseline_date=dt.date(2020, 1, 1))
    council = Council.objects.create(
        mission=mission,
        kind="delivery",
        name="NHS Delivery Board",
        slug="nhs-delivery",
        chair="PM",
        illustrative=True,
    )
    last = Meeting.objects.create(
        council=council, kind="check_in", title="Check-in: elective recovery",
        department=organisations["dhsc"], starts_at=timezone.now() - dt.timedelta(days=30), illustrative=True,
    )  # fmt: skip
    earlier = Meeting.objects.create(
        council=council, kind="delivery", title="Delivery board: spring", illustrative=True,
        starts_at=timezone.now() - dt.timedelta(days=90),
    )  # fmt: skip
    Meeting.objects.create(
        council=council, kind="delivery", title="Delivery board: next review", illustrative=True,
        starts_at=timezone.now() + dt.timedelta(days=7),
    )  # fmt: skip
    for meeting in (earlier, last):  # the same action carried from one meeting to the next
        Action.objects.create(
            meeting=meeting, title="Publish the elective recovery plan",
            owner_organisation=organisations["dhsc"], due_date=timezone.localdate() - dt.timedelta(days=3),
            metric=rtt, illustrative=True,
        )  # fmt: skip
    old = timezone.now() - dt.timedelta(days=60)
    for period, value, when in [("2020", "60", old), ("2021", "59", old), ("2022", "58", timezone.now())]:
        observation_import(
            rows=[{"metric": "rtt", "period": period, "geography": "K02000001", "value": value}],
            format="demo", system=True, recorded_at=when,
        )  # fmt: skip
    return {"mission": mission, "rtt": rtt, "last": last, "earlier": earlier}


def test_anonymous_visitors_start_at_the_public_dashboard(client_for, world):
    response = client_for(None).get("/")
    assert response.status_code == 302 and response["Location"] == "/public/"


def test_each_mission_shows_its_roll_up_metrics_and_what_changed_since_the_last_check_in(client_for, world):
    CheckInPack.objects.create(
        meeting=world["last"], version=1, as_at=world["last"].starts_at, status="ready",
        content={"metrics": [{"slug": "rtt", "status": "on_track"}]},
    )  # fmt: skip

    page = client_for("centre").get("/").text

    assert 'href="/missions/nhs/"' in page and "Overall: Deteriorating" in page
    assert "Patients waiting under 18 weeks for elective treatment" in page  # the name as published
    since = page[page.index('id="since-nhs"') :]
    assert "On track → Deteriorating" in since[: since.index("</p>")]
    assert "1 metric with new or revised figures" in since[: since.index("</p>")]
    fresh = page[page.index('id="fresh-nhs"') :]
    assert "1 new or revised figure (to 2022)" in fresh[: fresh.index("</ul>")]
    assert f'href="/councils/meetings/{world["last"].pk}/"' in page


def test_overdue_actions_are_deduplicated_and_linked_to_their_meetings(client_for, world):
    page = client_for("centre").get("/").text

    actions = page[page.index('id="overdue-actions"') :]
    actions = actions[: actions.index("</ul>")]
    assert actions.count("Publish the elective recovery plan") == 1
    assert "(set at 2 meetings)" in actions
    assert f'href="/councils/meetings/{world["earlier"].pk}/"' in actions
    assert f'href="/councils/meetings/{world["last"].pk}/"' in actions
    assert "Overdue actions (1)" in page


def test_next_meetings_and_problem_metrics_are_linked(client_for, world):
    page = client_for("centre").get("/").text

    meetings = page[page.index('id="next-meetings"') :]
    assert 'class="govuk-link" href="/councils/meetings/' in meetings[: meetings.index("</ul>")]
    problems = page[page.index('id="problem-metrics"') :]
    assert 'href="/metrics/rtt/"' in problems[: problems.index("</ul>")]


def test_a_department_official_is_sent_to_its_own_dashboard_for_an_action_set_at_a_council_it_cannot_see(
    client_for, world
):
    page = client_for("dhsc").get("/").text

    actions = page[page.index('id="overdue-actions"') :]
    assert 'href="/departments/dhsc/"' in actions[: actions.index("</ul>")]
    assert "/councils/meetings/" not in actions[: actions.index("</ul>")]


def test_queries_do_not_grow_with_meetings_actions_or_packs(client_for, world, organisations):
    client = client_for("centre")

    def count():
        cache.clear()  # the cold page: cached statuses would make the second count smaller, not equal
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    before = count()
    council = world["last"].council
    for i in range(6):
        meeting = Meeting.objects.create(
            council=council, kind="delivery", title=f"Board {i}", illustrative=True,
            starts_at=timezone.now() - dt.timedelta(days=40 + i),
        )  # fmt: skip
        Action.objects.create(
            meeting=meeting, title=f"Action {i}", owner_organisation=organisations["dfe"],
            due_date=timezone.localdate() - dt.timedelta(days=1), illustrative=True,
        )  # fmt: skip
        CheckInPack.objects.create(
            meeting=meeting, version=1, as_at=timezone.now(), status="ready", content={}
        )
    assert count() == before


@pytest.mark.parametrize(
    "persona,shown",
    [
        ("centre", None),
        ("treasury", "/departments/hmt/"),
        ("dfe", "/departments/dfe/"),
        ("ons_analyst", None),
    ],
)
def test_the_organisation_link_leads_to_a_dashboard_or_is_not_shown(client_for, world, persona, shown):
    nav = client_for(persona).get("/public/").text
    nav = nav[nav.index("govuk-service-navigation__list") :]
    nav = nav[: nav.index("</ul>")]
    if shown is None:
        assert "/departments/" not in nav
    else:
        assert f'href="{shown}"' in nav
        assert client_for(persona).get(shown).status_code == 200
