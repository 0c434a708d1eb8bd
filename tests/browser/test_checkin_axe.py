"""The check-in pages of issue 14 — agenda builder, return requested and filed, the return beside the data,
decisions, minutes, the department's own page, an action — in Chromium with the demo data: axe-core finds
no WCAG 2.2 AA violations, and none of them scrolls sideways at 320 px."""

import pytest

from councils.models import Action, Meeting
from demo.loader import load_demo
from demo.users import DEFAULT_PASSWORD
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(reference_data, live_server):
    load_demo()
    check_ins = Meeting.objects.filter(kind="check_in", department__slug="dfe").order_by("starts_at")
    action = Action.objects.filter(owner_organisation__slug="dfe", meeting__isnull=False).first()
    return {"past": check_ins.first(), "next": check_ins.last(), "action": action}


def check(page, live_server, paths, widths=(1280, 320)):
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            assert page.locator("h1").count() == 1, path
            if width == 1280:
                assert axe_violations(page) == [], path
            else:
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, (path, overflow)


def test_secretariat_check_in_pages_have_no_axe_violations(page, live_server, sign_in, demo):
    past, upcoming = demo["past"], demo["next"]
    sign_in("secretariat", DEFAULT_PASSWORD)
    check(
        page,
        live_server,
        [
            f"/councils/{upcoming.council.slug}/",
            f"/councils/meetings/{upcoming.pk}/",
            f"/councils/meetings/{upcoming.pk}/agenda/",
            f"/councils/meetings/{upcoming.pk}/return/request/",
            f"/councils/meetings/{upcoming.pk}/decisions/new/",
            f"/councils/meetings/{upcoming.pk}/minutes/",
            f"/councils/meetings/{past.pk}/return/",
            f"/councils/actions/{demo['action'].pk}/",
        ],
    )


def test_department_check_in_pages_have_no_axe_violations(page, live_server, sign_in, demo):
    sign_in("dfe", DEFAULT_PASSWORD)
    check(
        page,
        live_server,
        [
            "/councils/mine/",
            f"/councils/meetings/{demo['next'].pk}/",
            f"/councils/meetings/{demo['next'].pk}/return/",
            f"/councils/meetings/{demo['past'].pk}/return/",
            f"/councils/actions/{demo['action'].pk}/",
        ],
    )
