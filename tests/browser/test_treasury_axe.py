"""Issue 11's pages in Chromium: axe-core finds no violations (Treasury, department and public views)."""

import pytest

from demo.loader import load_demo
from demo.users import DEFAULT_PASSWORD
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASES = "/spending/business-cases/"
TREASURY_PAGES = [
    "/treasury/",
    "/treasury/?as_at=2026-01-01",
    CASES,
    f"{CASES}childhood-healthy-weight-pie/",  # assessed: the decision form shows
    f"{CASES}family-hubs-school-readiness/",  # submitted: the assessment form shows
    "/spending/reviews/",
    "/spending/reviews/sr2025/",
    "/spending/fiscal-events/",
    "/spending/fiscal-events/autumn-budget-2026-illustrative/",
    "/spending/mission-fund/",
    "/spending/valuations/",
]
DEPARTMENT_PAGES = [
    f"{CASES}new/",
    f"{CASES}school-nurseries-mission-fund/",
    f"{CASES}school-nurseries-mission-fund/edit/",
    f"{CASES}school-nurseries-mission-fund/costs/",
    f"{CASES}school-nurseries-mission-fund/impacts/",
]


@pytest.fixture
def demo(reference_data):
    load_demo()


def _check(page, live_server, paths):
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path


def test_treasury_pages_have_no_axe_violations(page, live_server, sign_in, demo):
    sign_in("treasury", DEFAULT_PASSWORD)
    _check(page, live_server, TREASURY_PAGES)


def test_department_case_pages_have_no_axe_violations(page, live_server, sign_in, demo):
    sign_in("dfe", DEFAULT_PASSWORD)
    _check(page, live_server, DEPARTMENT_PAGES)


def test_the_public_register_has_no_axe_violations(page, live_server, demo):
    _check(page, live_server, ["/public/appraisals/"])
