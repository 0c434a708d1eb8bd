"""WCAG 2.2 reflow (1.4.10): every page type, in Chromium at 320 CSS px wide, scrolls only vertically.

The document's scrollWidth must not exceed the viewport. Wide tables sit in their own keyboard-focusable
scrolling region (allowed by the success criterion for data tables), charts resize to the width.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from accountability.models import MandateLetter, Report
from councils.models import Meeting
from councils.services import checkin_pack_request
from demo.loader import load_demo
from demo.users import DEFAULT_PASSWORD
from metrics.models import Metric
from missions.models import User
from sources.models import DataSource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320

WIDTH_JS = """() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"""
WIDEST_JS = """() => {
  const vw = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > vw + 1 && !el.closest('.md-table-scroll'))
    .slice(0, 3)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + [...el.classList].join('.')
         + ' ' + Math.round(el.getBoundingClientRect().right));
}"""


@pytest.fixture
def demo(reference_data, live_server):
    load_demo()
    call_command("load_demo_sources", "--base-url", live_server.url, stdout=StringIO())


def _pages() -> dict[str | None, list[str]]:
    meeting = Meeting.objects.filter(kind="check_in", department__slug="dfe").order_by("starts_at").first()
    pack = checkin_pack_request(meeting=meeting, by=User.objects.get(username="secretariat"))
    metric = Metric.objects.filter(tier="core").order_by("pk").first()
    mission = metric.mission
    source = DataSource.objects.first()
    return {
        None: [
            "/public/",
            f"/public/missions/{mission.slug}/",
            f"/public/metrics/{metric.slug}/",
            "/accessibility/",
            "/sign-in/",
        ],
        "centre": [
            "/",
            f"/missions/{mission.slug}/",
            f"/metrics/{metric.slug}/",
            f"/departments/{mission.lead_organisation.slug}/",
            "/sources/",
            "/sources/add/",
            f"/sources/{source.pk}/",
        ],
        "secretariat": [
            "/councils/",
            f"/councils/{meeting.council.slug}/",
            f"/councils/{meeting.council.slug}/meetings/new/",
            f"/councils/meetings/{meeting.pk}/",
            f"/councils/meetings/{meeting.pk}/actions/new/",
            "/councils/actions/",
            f"/councils/packs/{pack.pk}/",
        ],
        "analyst": ["/uploads/", "/account/tokens/"],
        "treasury": [
            "/spending/business-cases/",
            "/spending/business-cases/family-hubs-school-readiness/",
            f"/accountability/mandate-letters/{MandateLetter.objects.first().pk}/",
            f"/accountability/reports/{Report.objects.first().pk}/",
        ],
    }


def measure(browser, live_server, persona: str | None, paths: list[str], width: int) -> dict[str, tuple]:
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    if persona:
        page.goto(f"{live_server.url}/sign-in/")
        page.fill("#id_username", persona)
        page.fill("#id_password", DEFAULT_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
    found = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")  # charts drawn
        found[path] = (page.evaluate(WIDTH_JS), page.evaluate(WIDEST_JS))
    context.close()
    return found


@pytest.mark.parametrize("persona", [None, "centre", "secretariat", "analyst", "treasury"])
def test_no_page_scrolls_sideways_at_320_css_pixels(browser, live_server, demo, persona):
    too_wide = {}
    for path, (scroll_width, widest) in measure(
        browser, live_server, persona, _pages()[persona], WIDTH
    ).items():
        print(f"reflow {WIDTH}px {persona or 'public'} {path}: {scroll_width}px {widest}")
        if scroll_width > WIDTH:
            too_wide[path] = (scroll_width, widest)
    assert too_wide == {}


def test_the_pack_fits_a_desktop_window(browser, live_server, demo):
    meeting = Meeting.objects.filter(kind="check_in", department__slug="dfe").order_by("starts_at").first()
    pack = checkin_pack_request(meeting=meeting, by=User.objects.get(username="secretariat"))
    found = measure(browser, live_server, "secretariat", [f"/councils/packs/{pack.pk}/"], 1280)
    ((scroll_width, widest),) = found.values()
    assert scroll_width <= 1280, widest
