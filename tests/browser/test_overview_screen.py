"""The No10 overview in Chromium: five missions fit about one screen at 1280 px, nothing scrolls sideways at
320 px, axe finds nothing, and every mission and metric on it is a link."""

import datetime as dt

import pytest
from django.utils import timezone

from councils.models import Action, Council, Meeting
from metrics.services import observation_import
from tests.browser.conftest import axe_violations
from tests.factories import MetricFactory, MissionFactory, TargetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: The demo's overview was 5,159 px tall at 1280 px before issue 15 (11 core metrics); this world has 15.
MAX_HEIGHT = 3_000

MISSIONS = ["growth", "clean-energy", "safer-streets", "opportunity", "nhs"]


@pytest.fixture
def world(reference_data, users, organisations):
    for number, slug in enumerate(MISSIONS, start=1):
        mission = MissionFactory(slug=slug, number=number, title=f"Mission {slug}", short_title=slug.title())
        council = Council.objects.create(
            mission=mission, kind="delivery", name=f"{slug} board", slug=f"{slug}-board", chair="PM",
            illustrative=True,
        )  # fmt: skip
        for when, title in ((-20, "Last check-in"), (10, "Next board")):
            meeting = Meeting.objects.create(
                council=council, kind="delivery", title=f"{title} ({slug})", illustrative=True,
                starts_at=timezone.now() + dt.timedelta(days=when),
            )  # fmt: skip
        for i in range(3):
            metric = MetricFactory(
                slug=f"{slug}-{i}", mission=mission,
                name=f"A core metric of the {slug} mission with a long published name {i}",
                owner=organisations["dfe"], unit="%",
            )  # fmt: skip
            TargetFactory(metric=metric, value=90, due_date=dt.date(2030, 1, 1))
            observation_import(
                rows=[
                    {
                        "metric": metric.slug,
                        "period": str(y),
                        "geography": "K02000001",
                        "value": str(50 + y % 7),
                    }
                    for y in range(2010, 2024)
                ],
                format="demo",
                system=True,
            )
            Action.objects.create(
                meeting=meeting, title=f"Report on {metric.name}", owner_organisation=organisations["dfe"],
                due_date=timezone.localdate() - dt.timedelta(days=2), metric=metric, illustrative=True,
            )  # fmt: skip


def test_the_overview_fits_about_one_screen_with_every_mission_and_metric_linked(
    page, live_server, sign_in, world
):
    sign_in("centre")
    assert page.goto(f"{live_server.url}/").status == 200

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= MAX_HEIGHT, height
    for slug in MISSIONS:
        assert page.locator(f'#missions a[href="/missions/{slug}/"]').count() == 1
        for i in range(3):
            assert page.locator(f'#missions a[href="/metrics/{slug}-{i}/"]').count() >= 1
    assert axe_violations(page) == []


def test_the_overview_does_not_scroll_sideways_at_320_px(browser, live_server, world):
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", "centre")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    context.close()


def test_anonymous_visitors_land_on_the_public_dashboard(page, live_server, world):
    page.goto(f"{live_server.url}/")
    assert page.url.endswith("/public/")
    assert axe_violations(page) == []
