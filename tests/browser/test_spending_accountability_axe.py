"""Business case, mandate letter and report pages in Chromium: axe-core finds no violations."""

import pytest

from accountability.models import MandateLetter, Report
from demo.loader import load_demo
from demo.users import DEFAULT_PASSWORD
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(reference_data):
    load_demo()


def test_spending_and_accountability_pages_have_no_axe_violations(page, live_server, sign_in, demo):
    sign_in("treasury", DEFAULT_PASSWORD)
    paths = [
        "/spending/business-cases/",
        "/spending/business-cases/family-hubs-school-readiness/",
        f"/accountability/mandate-letters/{MandateLetter.objects.first().pk}/",
        f"/accountability/reports/{Report.objects.first().pk}/",
    ]
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path
