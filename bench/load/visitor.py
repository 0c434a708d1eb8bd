"""The visitor every role of bench/load/locustfile.py is: signs in through the form, browses the page types of
its journey, and checks every response (see the locustfile's docstring)."""

from __future__ import annotations

import os
import random
import re
from collections import defaultdict

from locust import HttpUser, between, task

PASSWORD = os.environ.get("DEMO_PASSWORD") or "mission-demo-2026"
API_TOKEN = os.environ.get("LOAD_API_TOKEN", "")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LINK = re.compile(r'href="(/[^"#?]*)"')
PACK_URL = re.compile(r"/councils/packs/(\d+)/$")
# The mission, department and metrics that bench/load/run.py creates to receive the 1M-row upload: not
# part of anyone's journey (their pages list 200 metrics of synthetic data).
BENCH_ONLY = re.compile(r"load-bench|bench-metric-")


# First match wins: the fixed council paths come before the council slug.
PAGE_TYPES = [
    (name, re.compile(pattern))
    for name, pattern in [
        ("overview", r"/"),
        ("mission page", r"/missions/[\w-]+/"),
        ("metric page", r"/metrics/[\w-]+/"),
        ("department dashboard", r"/departments/[\w-]+/"),
        ("my check-ins", r"/councils/mine/"),
        ("council list", r"/councils/"),
        ("action list", r"/councils/actions/"),
        ("action page", r"/councils/actions/\d+/"),
        ("meeting page", r"/councils/meetings/\d+/"),
        ("meeting agenda", r"/councils/meetings/\d+/agenda/"),
        ("meeting minutes", r"/councils/meetings/\d+/minutes/"),
        ("check-in return", r"/councils/meetings/\d+/return/"),
        ("check-in pack", r"/councils/packs/\d+/"),
        ("council page", r"/councils/[\w-]+/"),
        ("treasury dashboard", r"/treasury/"),
        ("case list", r"/spending/business-cases/"),
        ("case page", r"/spending/business-cases/[\w-]+/"),
        ("spending record", r"/spending/(mission-fund|valuations|fiscal-events)/"),
        ("spending record", r"/spending/(reviews|fiscal-events)/[\w-]+/"),
        ("accountability hub", r"/accountability/"),
        ("accountability list", r"/accountability/(reports|mandate-letters|bodies|frameworks)/"),
        ("accountability report", r"/accountability/reports/\d+/"),
        ("mandate letter", r"/accountability/mandate-letters/\d+/"),
        ("accountability record", r"/accountability/(bodies|commitments|reviews|frameworks)/\d+/"),
        ("public home", r"/public/"),
        ("public mission", r"/public/missions/[\w-]+/"),
        ("public metric", r"/public/metrics/[\w-]+/"),
        ("public appraisals", r"/public/appraisals/"),
        ("uploads page", r"/uploads/"),
        ("sources list", r"/sources/"),
        ("source page", r"/sources/\d+/"),
    ]
]


def page_type(path: str) -> str | None:
    return next((name for name, pattern in PAGE_TYPES if pattern.fullmatch(path)), None)


class Visitor(HttpUser):
    """One person on the service: signs in (unless `usernames` is empty) and browses `journey`."""

    abstract = True
    wait_time = between(1, 5)
    usernames: tuple[str, ...] = ()
    landing = "/public/"  # anonymous visitors; signed-in users land where /after-sign-in/ sends them
    journey: dict[str, int] = {}
    own_department_only = True  # department dashboards: only the user's own (others answer 403 or 404)
    uses_token = False  # API reads with LOAD_API_TOKEN (the analyst) rather than the session

    def on_start(self) -> None:
        self.seen: dict[str, set[str]] = defaultdict(set)
        self.own_department = ""
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.origin = re.sub(r"^http:", "https:", self.host.rstrip("/"))
        if self.usernames:
            self.username = random.choice(self.usernames)
            self.landing = self.sign_in()
        self.open(self.landing)

    # -- requests, each checked ---------------------------------------------------------------------------

    def _keep_secure_cookies(self) -> None:
        """The proxy's https leg carries `Secure` cookies; this loopback leg is plain http."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def request(self, method: str, path: str, name: str, expect: int = 200, content_type: str = "", **kwargs):
        """One request, checked: the expected status (a redirect only where one is expected, never to the
        sign-in page) and, if given, the content type."""
        with self.client.request(
            method, path, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            self._keep_secure_cookies()
            if response.status_code != expect:
                where = response.headers.get("Location", "")
                response.failure(f"{method} {path}: {response.status_code} (expected {expect}) {where}")
                return None
            if expect == 302 and "/sign-in/" in response.headers.get("Location", ""):
                response.failure(f"{method} {path}: sent to the sign-in page")
                return None
            if content_type and not response.headers.get("Content-Type", "").startswith(content_type):
                response.failure(
                    f"{method} {path}: {response.headers.get('Content-Type')}, not {content_type}"
                )
                return None
            response.success()
            return response

    def open(self, path: str, name: str | None = None):
        """GET a page (200) and remember the links it offers that this role's journey follows."""
        response = self.request("GET", path, name or page_type(path) or path)
        if response is not None and "text/html" in response.headers.get("Content-Type", ""):
            self.harvest(response.text)
        return response

    def harvest(self, html: str) -> None:
        for link in set(LINK.findall(html)):
            kind = page_type(link)
            if kind not in self.journey or BENCH_ONLY.search(link):
                continue
            if kind == "department dashboard" and self.own_department_only and link != self.own_department:
                continue
            self.seen[kind].add(link)

    def api(self, path: str, name: str) -> dict | None:
        """GET an API resource: 200 and a JSON object."""
        headers = {"Authorization": f"Token {API_TOKEN}"} if API_TOKEN and self.uses_token else {}
        with self.client.get(
            path, name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            self._keep_secure_cookies()
            if response.status_code != 200:
                response.failure(f"GET {path}: {response.status_code}: {response.text[:200]}")
                return None
            try:
                body = response.json()
            except ValueError:
                response.failure(f"GET {path}: not JSON")
                return None
            if not isinstance(body, dict):
                response.failure(f"GET {path}: not a JSON object")
                return None
            response.success()
            return body

    def post_form(self, page: str, action: str, name: str, data: dict[str, str]):
        """Submit a form found on `page` as a browser does: its CSRF token and the site's Origin; the answer
        is the redirect (302) of a successful POST."""
        response = self.open(page)
        if response is None:
            return None
        match = CSRF_FIELD.search(response.text)
        if match is None:
            return None
        return self.request(
            "POST",
            action,
            name,
            expect=302,
            data={"csrfmiddlewaretoken": match.group(1), **data},
            headers={"Origin": self.origin, "Referer": f"{self.origin}{page}"},
        )

    def sign_in(self) -> str:
        """The sign-in form, then /after-sign-in/; returns where the role lands."""
        form = self.request("GET", "/sign-in/", "sign-in form")
        token = CSRF_FIELD.search(form.text).group(1) if form is not None else ""
        self.request(
            "POST",
            "/sign-in/",
            "sign-in (POST)",
            expect=302,
            data={"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
            headers={"Origin": self.origin, "Referer": f"{self.origin}/sign-in/"},
        )
        after = self.request("GET", "/after-sign-in/", "after sign-in", expect=302)
        landing = after.headers["Location"] if after is not None else "/"
        if landing.startswith("/departments/"):
            self.own_department = landing
        return landing

    # -- the journey --------------------------------------------------------------------------------------

    @task(10)
    def browse(self) -> None:
        """Open a page of a type the role uses, among those seen so far."""
        kinds = [(kind, weight) for kind, weight in self.journey.items() if self.seen[kind]]
        if not kinds:
            self.open(self.landing)
            return
        kind = random.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
        self.open(random.choice(sorted(self.seen[kind])), kind)
