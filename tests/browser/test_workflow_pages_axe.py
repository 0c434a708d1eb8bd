"""The working pages — councils, meetings, actions, check-in packs, uploads, data sources, API tokens — in
Chromium with the real demo data: axe-core finds no WCAG 2.2 AA violations."""

from io import StringIO

import pytest
from django.core.management import call_command

from councils.models import Meeting
from councils.services import checkin_pack_request
from demo.loader import load_demo
from demo.users import DEFAULT_PASSWORD
from missions.models import User
from sources.models import DataSource
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(reference_data, live_server):
    load_demo()
    call_command("load_demo_sources", "--base-url", live_server.url, stdout=StringIO())


def check(page, live_server, paths):
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path


def test_secretariat_pages_have_no_axe_violations(page, live_server, sign_in, demo):
    meeting = Meeting.objects.filter(kind="check_in", department__slug="dfe").order_by("starts_at").first()
    pack = checkin_pack_request(meeting=meeting, by=User.objects.get(username="secretariat"))
    sign_in("secretariat", DEFAULT_PASSWORD)
    check(
        page,
        live_server,
        [
            "/councils/",
            f"/councils/{meeting.council.slug}/",
            f"/councils/{meeting.council.slug}/meetings/new/",
            f"/councils/meetings/{meeting.pk}/",
            f"/councils/meetings/{meeting.pk}/actions/new/",
            "/councils/actions/",
            f"/councils/packs/{pack.pk}/",
        ],
    )


def test_data_source_pages_have_no_axe_violations(page, live_server, sign_in, demo):
    sign_in("centre", DEFAULT_PASSWORD)
    source = DataSource.objects.first()
    check(page, live_server, ["/sources/", "/sources/add/", f"/sources/{source.pk}/"])


def test_analyst_pages_have_no_axe_violations(page, live_server, sign_in, demo):
    sign_in("analyst", DEFAULT_PASSWORD)
    check(page, live_server, ["/uploads/", "/account/tokens/"])
