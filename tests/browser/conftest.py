"""Real Chromium (Debian's package) driven by Playwright, with axe-core from npm."""

import importlib
import os
from pathlib import Path

import pytest

from tests.conftest import chromium_path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API runs an event loop in this thread; the live server and the ORM calls the tests make
# are still synchronous, so Django's guard against ORM use inside an event loop does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def reference_data(request):
    """Geographies and role groups come from data migrations. A transactional test flushes them and, after
    ordinary tests have run, serialized_rollback does not always bring them back, so make sure of them."""
    if "django_db_setup" not in request.fixturenames and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    geographies = importlib.import_module("metrics.migrations.0003_geographies")
    groups = importlib.import_module("missions.migrations.0002_role_groups")
    geographies.create_geographies(apps, None)
    groups.create_groups(apps, None)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is required for browser tests in CI: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # axe-core is injected as an inline script, which the site's Content-Security-Policy rightly refuses.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page, live_server):
    def do(username: str, password: str = "correct-horse-battery"):
        page.goto(f"{live_server.url}/sign-in/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")

    return do


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
