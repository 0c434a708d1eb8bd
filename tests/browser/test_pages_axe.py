"""Chromium opens the pages, the Plotly chart draws, and axe-core finds no WCAG 2.2 AA violations."""

import pytest

from metrics.services import observation_import
from tests.browser.conftest import axe_violations
from tests.factories import MetricFactory, MissionFactory, TargetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(reference_data, users, organisations):
    mission = MissionFactory(
        slug="opportunity", title="Break down barriers to opportunity", lead_organisation=organisations["dfe"]
    )
    metric = MetricFactory(
        slug="gld", name="Good level of development", mission=mission, owner=organisations["dfe"]
    )
    TargetFactory(metric=metric)
    observation_import(
        rows=[
            {"metric": "gld", "period": p, "geography": "K02000001", "value": v}
            for p, v in [("2019", "71.8"), ("2022", "65.2"), ("2023", "67.2")]
        ],
        format="demo",
        system=True,
    )
    return mission


@pytest.mark.parametrize("path", ["/", "/missions/opportunity/", "/metrics/gld/", "/departments/dfe/"])
def test_official_pages_have_no_axe_violations(page, live_server, sign_in, world, path):
    sign_in("centre")
    page.goto(f"{live_server.url}{path}")
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/public/", "/public/metrics/gld/", "/accessibility/", "/sign-in/"])
def test_public_pages_have_no_axe_violations(page, live_server, world, path):
    page.goto(f"{live_server.url}{path}")
    assert axe_violations(page) == []


def test_the_metric_chart_draws(page, live_server, sign_in, world):
    sign_in("dfe")
    page.goto(f"{live_server.url}/metrics/gld/")
    page.wait_for_selector("#metric-chart .main-svg", timeout=10_000)
    assert page.locator("#metric-chart .scatterlayer .trace").count() >= 1
