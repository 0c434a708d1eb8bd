"""Every role's navigation leads only to pages that role can open, and so does every link on the
accountability pages reachable from it: a crawl per role over the demo data finds no 403 or 404."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from demo.loader import load_demo
from missions.models import User

pytestmark = pytest.mark.django_db

PERSONAS = [
    "centre",
    "treasury",
    "dfe",
    "dhsc",
    "analyst",
    "ons-analyst",
    "secretariat",
    "accountability",
    None,
]
NAV = re.compile(r'class="govuk-service-navigation__link" href="([^"]+)"')
HREF = re.compile(r'href="([^"#]+)"')
SKIP = ("/static/", "/admin/", "/api/", "/media/")
PDF = "/pdf/"  # rendered by WeasyPrint: checked once per role below, not for every letter and report
LIMIT = 400


def _client(username):
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def _links(html: str, base: str) -> set[str]:
    found = set()
    for href in HREF.findall(html.replace("&amp;", "&")):
        parts = urlsplit(urljoin(base, href))
        if parts.netloc in ("", "testserver") and not parts.path.startswith(SKIP):
            found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(username) -> tuple[dict[str, int], list[str]]:
    client = _client(username)
    start = client.get("/after-sign-in/" if username else "/public/", follow=True)
    assert start.status_code == 200
    nav = sorted(set(NAV.findall(start.text)))
    statuses: dict[str, int] = {}
    queue = list(nav)
    pdfs = 0
    while queue and len(statuses) < LIMIT:
        path = queue.pop(0)
        if path in statuses:
            continue
        if PDF in path:
            if pdfs:
                continue
            pdfs += 1
        response = client.get(path)
        statuses[path] = response.status_code
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or "text/html" not in content_type:
            continue
        # follow every link from navigation pages and accountability pages; recurse only within ours
        if path in nav or path.startswith("/accountability/"):
            queue.extend(link for link in _links(response.text, path) if link not in statuses)
    return statuses, nav


@pytest.fixture
def demo(reference_data):
    load_demo()


def test_every_role_reaches_only_pages_it_can_open(demo):
    report = {}
    for username in PERSONAS:
        statuses, nav = crawl(username)
        assert "/accountability/" in nav, username
        refused = {path: code for path, code in statuses.items() if code in (403, 404)}
        assert refused == {}, f"{username}: {refused}"
        report[username] = len(statuses)
        assert any(p.startswith("/accountability/mandate-letters/") for p in statuses), username
        assert any(p.startswith("/accountability/reports/") for p in statuses), username
    assert min(report.values()) > 10, report
    # the accountability user's organisation link (a body, not a department) answered 403: it is gone
    nav = NAV.findall(_client("accountability").get("/", follow=True).text)
    assert "/departments/opportunity-commission/" not in nav
    print("pages crawled per role:", report)
