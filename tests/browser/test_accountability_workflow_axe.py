"""Every accountability page in Chromium, as the role that sees its forms: axe-core finds no violations."""

import pytest
from django.utils import timezone

from accountability import services
from accountability.models import (
    AccountabilityBody,
    AnnualReview,
    Framework,
    MandateCommitment,
    MandateLetter,
    Recommendation,
    Report,
)
from demo.loader import load_demo
from demo.users import DEFAULT_PASSWORD
from metrics.models import Metric
from missions.models import Organisation, User
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(reference_data):
    load_demo()
    centre, member = User.objects.get(username="centre"), User.objects.get(username="accountability")
    draft = services.mandate_letter_create(
        by=centre,
        department=Organisation.objects.get(slug="dfe"),
        minister_title="Minister for School Standards",
    )
    body = AccountabilityBody.objects.get(organisation=member.organisation)
    report = services.report_create(
        body=body, by=member, title="Draft report", summary="Draft.", as_at=timezone.now()
    )
    return {"draft_letter": draft, "draft_report": report, "body": body}


def check(page, live_server, paths):
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path


def test_centre_pages(page, live_server, sign_in, demo):
    sign_in("centre", DEFAULT_PASSWORD)
    letter = MandateLetter.objects.filter(status="published").first()
    check(
        page,
        live_server,
        [
            "/accountability/",
            "/accountability/mandate-letters/",
            "/accountability/mandate-letters/new/",
            demo["draft_letter"].get_absolute_url(),
            letter.get_absolute_url(),
            AnnualReview.objects.first().get_absolute_url(),
            "/accountability/frameworks/",
            Framework.objects.first().get_absolute_url(),
            "/accountability/frameworks/rationalisation/",
            "/accountability/frameworks/flow/",
            "/accountability/responses/overdue/",
        ],
    )


def test_department_pages(page, live_server, sign_in, demo):
    sign_in("dfe", DEFAULT_PASSWORD)
    commitment = MandateCommitment.objects.filter(letter__department__slug="dfe").first()
    recommendation = Recommendation.objects.filter(owner__slug="dfe", responded_on=None).first()
    check(
        page,
        live_server,
        [commitment.get_absolute_url(), recommendation.get_absolute_url(), "/departments/dfe/"],
    )


def test_body_and_public_pages(page, live_server, sign_in, demo):
    laid = Report.objects.filter(status="laid").first()
    check(
        page,
        live_server,
        ["/accountability/bodies/", "/accountability/reports/", laid.get_absolute_url(), "/public/"],
    )
    sign_in("accountability", DEFAULT_PASSWORD)
    check(
        page,
        live_server,
        [
            demo["body"].get_absolute_url(),
            demo["draft_report"].get_absolute_url(),
            f"{demo['body'].get_absolute_url()}reports/new/",
        ],
    )
    assert Metric.objects.exists()
