"""Chromium opens every page type as the right persona: axe-core finds no WCAG 2.2 AA violations, the
keyboard reaches every control, and the Plotly charts draw."""

import datetime as dt

import pytest
from django.utils import timezone

from metrics.services import observation_import
from tests.browser.conftest import axe_violations
from tests.factories import MetricFactory, MissionFactory, TargetFactory
from tests.worlds import illustrative_governance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(reference_data, users, organisations):
    mission = MissionFactory(
        slug="opportunity", title="Break down barriers to opportunity", lead_organisation=organisations["dfe"]
    )
    metric = MetricFactory(
        slug="gld", name="Good level of development", mission=mission, owner=organisations["dfe"]
    )
    MetricFactory(
        slug="pupils",
        name="Pupils in good schools",
        mission=mission,
        owner=organisations["dfe"],
        tier="comprehensive",
        kind="output",
    )
    TargetFactory(metric=metric)
    rows = [
        ("K02000001", "2019", "71.8"),
        ("K02000001", "2022", "65.2"),
        ("K02000001", "2023", "67.2"),
        ("E92000001", "2023", "68.0"),
        ("K02000001", "2023", "67.0"),
    ]
    for geography, period, value in rows:
        observation_import(
            rows=[{"metric": "gld", "period": period, "geography": geography, "value": value}],
            format="demo",
            system=True,
            recorded_at=timezone.now() - dt.timedelta(days=5 if value != "67.0" else 1),
        )
    illustrative_governance(mission, metric, organisations, users)
    return mission


AS_AT = "/metrics/gld/?geography=K02000001&geography=E92000001&as_at="
OFFICIAL_PAGES = [
    ("centre", "/"),
    ("centre", "/?status=off_track"),
    ("secretariat", "/missions/opportunity/"),
    ("dfe", "/departments/dfe/"),
    ("analyst", "/metrics/gld/"),
    ("treasury", AS_AT),
]
PUBLIC_PAGES = [
    "/public/",
    "/public/missions/opportunity/",
    "/public/metrics/gld/",
    "/accessibility/",
    "/sign-in/",
]


def _path(path):
    return path + (timezone.localdate() - dt.timedelta(days=3)).isoformat() if path == AS_AT else path


@pytest.mark.parametrize("persona,path", OFFICIAL_PAGES)
def test_official_pages_have_no_axe_violations(page, live_server, sign_in, world, persona, path):
    sign_in(persona)
    response = page.goto(f"{live_server.url}{_path(path)}")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_axe_violations(page, live_server, world, path):
    assert page.goto(f"{live_server.url}{path}").status == 200
    assert axe_violations(page) == []


FOCUSABLE = "a[href], button:not([hidden]), select, input:not([type=hidden]), summary"


def _tab_through(page) -> tuple[int, set[int]]:
    """Number every visible control, then press Tab until focus leaves the page; return what was reached."""
    total = page.evaluate(
        """(selector) => {
            // Controls inside a closed <details> are reached by opening it (its summary is counted).
            const all = [...document.querySelectorAll(selector)].filter(
                el => el.getClientRects().length && !el.closest('details:not([open]) > :not(summary)'));
            all.forEach((el, i) => el.setAttribute('data-kb', i));
            return all.length;
        }""",
        FOCUSABLE,
    )
    reached = set()
    for _ in range(total * 2 + 10):
        page.keyboard.press("Tab")
        index = page.evaluate(
            "() => document.activeElement && document.activeElement.getAttribute('data-kb')"
        )
        if index is not None:
            reached.add(int(index))
        if len(reached) == total:
            break
    return total, reached


@pytest.mark.parametrize(
    "persona,path",
    [("centre", "/"), ("analyst", "/metrics/gld/"), ("centre", "/missions/opportunity/"), (None, "/public/")],
)
def test_the_keyboard_reaches_every_control(page, live_server, sign_in, world, persona, path):
    if persona:
        sign_in(persona)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    total, reached = _tab_through(page)
    assert total > 5 and reached == set(range(total))


@pytest.mark.parametrize(
    "path,chart", [("/metrics/gld/", "#metric-chart"), ("/missions/opportunity/", "#chart-gld")]
)
def test_the_plotly_chart_draws(page, live_server, sign_in, world, path, chart):
    sign_in("dfe")
    page.goto(f"{live_server.url}{path}")
    page.wait_for_selector(f"{chart} .main-svg", timeout=10_000)
    assert page.locator(f"{chart} .scatterlayer .trace").count() >= 1
    assert page.locator(f"{chart}-summary").inner_text().startswith("Good level of development")


def test_the_as_at_form_works_by_keyboard_without_javascript(browser, live_server, world):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/public/metrics/gld/")
    assert "67.0" in page.locator("#data-table").inner_text()
    page.select_option("#as_at", index=2)
    page.locator("#chart-options button").press("Enter")
    page.wait_for_load_state()
    assert "as_at=" in page.url and "67.2" in page.locator("#data-table").inner_text()
    assert "Good level of development (United Kingdom)" in page.locator("#metric-chart-summary").inner_text()
    context.close()
