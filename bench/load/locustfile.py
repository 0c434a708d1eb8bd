"""Locust scenario of issue 13: the demo's roles on their real journeys (docs/load.md).

Each user signs in as its role's demo account (the sign-in form, with its CSRF token), lands where the
service sends that role, and then browses: every page it opens adds the links it shows to what the user may
open next, and each step picks a page type by the role's weights and one of the seen pages of that type.
Only page types in the role's journey are followed (a link the role does not use is never opened), so the
stats group by page type (`name=`), whatever the slug or id. Every response is checked: the expected status
(200, or the redirect of a form), no redirect to the sign-in page, JSON where JSON is due; anything else is
a failure.

Production settings sit behind a TLS-terminating proxy (config/settings/production.py): the users send
`X-Forwarded-Proto: https` and the `Origin` a browser would, as that proxy would pass them on, and keep the
`Secure` cookies it would carry over its https leg (they travel here over loopback http).

Environment: DEMO_PASSWORD (the demo users' password; the published default otherwise) and LOAD_API_TOKEN
(the demo analyst's API token; without it the analyst's API reads use their session).
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

from locust import task
from visitor import PACK_URL, Visitor  # bench/load/visitor.py (locust puts this folder on sys.path)

PACK_POLLS, PACK_REFRESH_SECONDS = 15, 2  # the pack page refreshes every 2 s (councils.views.packs)


class Centre(Visitor):
    """No10 / the centre: the overview, then missions, metrics, departments, councils, the Treasury."""

    weight = 6
    usernames = ("centre",)
    own_department_only = False
    journey = {
        "overview": 6,
        "mission page": 5,
        "metric page": 5,
        "department dashboard": 3,
        "council list": 1,
        "council page": 1,
        "meeting page": 2,
        "action list": 1,
        "treasury dashboard": 1,
        "case page": 1,
        "accountability hub": 1,
        "accountability report": 1,
    }


class Department(Visitor):
    """A department's official: their dashboard, their missions' metrics, check-ins and business cases."""

    weight = 9
    usernames = ("dfe", "dhsc")
    journey = {
        "department dashboard": 6,
        "mission page": 4,
        "metric page": 5,
        "my check-ins": 3,
        "meeting page": 2,
        "check-in return": 2,
        "action page": 2,
        "case list": 1,
        "case page": 2,
        "overview": 1,
    }


class Secretariat(Visitor):
    """A council's secretariat: councils, meetings, agendas, returns, actions; now and then a pack."""

    weight = 5
    usernames = ("secretariat",)
    journey = {
        "council list": 2,
        "council page": 4,
        "meeting page": 5,
        "meeting agenda": 3,
        "meeting minutes": 2,
        "check-in return": 3,
        "action list": 2,
        "action page": 3,
        "check-in pack": 2,
        "mission page": 1,
        "metric page": 1,
    }

    @task(1)
    def build_pack(self) -> None:
        """Build a meeting's check-in pack and watch it as its page does (status every 2 s)."""
        meetings = sorted(self.seen["meeting page"])
        if not meetings:
            return
        meeting = random.choice(meetings)
        answer = self.post_form(meeting, f"{meeting}packs/", "build check-in pack (POST)", {"as_at": ""})
        if answer is None:
            return
        pack = PACK_URL.search(answer.headers.get("Location", ""))
        if pack is None:
            return
        self.open(pack.group(0), "check-in pack")
        for _ in range(PACK_POLLS):
            time.sleep(PACK_REFRESH_SECONDS)
            status = self.pack_status(pack.group(0))
            if status in (None, "ready"):
                return

    def pack_status(self, pack: str) -> str | None:
        with self.client.get(
            f"{pack}status.json", name="check-in pack status", allow_redirects=False, catch_response=True
        ) as response:
            self._keep_secure_cookies()
            try:
                body = response.json() if response.status_code == 200 else {}
            except ValueError:
                body = {}
            if response.status_code != 200 or body.get("status") in (None, "failed"):
                response.failure(f"pack {pack}: {response.status_code} {body.get('error', '')}")
                return None
            response.success()
            return body["status"]


class Analyst(Visitor):
    """A departmental statistician: metric pages, uploads and sources, and the API (token)."""

    weight = 6
    usernames = ("analyst",)
    uses_token = True
    journey = {
        "overview": 1,
        "mission page": 2,
        "metric page": 4,
        "department dashboard": 1,
        "uploads page": 1,
        "sources list": 1,
        "source page": 1,
    }

    def _metric_slug(self) -> str | None:
        metrics = sorted(self.seen["metric page"])
        return random.choice(metrics).split("/")[2] if metrics else None

    @task(2)
    def api_catalogue(self) -> None:
        body = self.api("/api/v1/missions/", "api: missions")
        if body and body.get("results"):
            mission = random.choice(body["results"])["slug"]
            self.api(f"/api/v1/metrics/?mission={mission}", "api: metrics of a mission")

    @task(1)
    def api_metric(self) -> None:
        slug = self._metric_slug()
        if slug:
            self.api(f"/api/v1/metrics/{slug}/", "api: metric")

    @task(3)
    def api_observations(self) -> None:
        slug = self._metric_slug()
        if slug:
            self.api(f"/api/v1/metrics/{slug}/observations/", "api: observations")

    @task(3)
    def api_observations_as_of(self) -> None:
        """What was known at a moment of the last fortnight (vintages)."""
        slug = self._metric_slug()
        if slug:
            moment = datetime.now(UTC) - timedelta(minutes=random.randint(1, 14 * 24 * 60))
            as_of = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
            self.api(f"/api/v1/metrics/{slug}/observations/?as_of={as_of}", "api: observations as_of")

    @task(1)
    def api_sources(self) -> None:
        self.api("/api/v1/sources/", "api: sources")


class Treasury(Visitor):
    """HM Treasury's spending team: /treasury/, the case list and cases, reviews and events, the API."""

    weight = 5
    usernames = ("treasury",)
    own_department_only = False
    journey = {
        "treasury dashboard": 5,
        "case list": 4,
        "case page": 6,
        "spending record": 2,
        "mission page": 2,
        "metric page": 2,
        "department dashboard": 2,
        "overview": 1,
    }

    @task(1)
    def api_cases(self) -> None:
        self.api("/api/v1/business-cases/", "api: business cases")


class Accountability(Visitor):
    """An accountability body's analyst: reports, mandate letters, commitments, and the missions."""

    weight = 5
    usernames = ("accountability",)
    journey = {
        "accountability hub": 3,
        "accountability list": 3,
        "accountability report": 5,
        "mandate letter": 3,
        "accountability record": 3,
        "mission page": 2,
        "metric page": 2,
        "overview": 1,
    }


class Public(Visitor):
    """The public, signed out: the public dashboard, missions, metrics, appraisals, reports; a download."""

    weight = 14
    journey = {
        "public home": 4,
        "public mission": 4,
        "public metric": 6,
        "public appraisals": 1,
        "accountability hub": 1,
        "accountability list": 1,
        "accountability report": 2,
        "mandate letter": 1,
    }

    @task(1)
    def download_csv(self) -> None:
        metrics = sorted(self.seen["public metric"])
        if metrics:
            self.request(
                "GET", f"{random.choice(metrics)}data.csv", "public metric CSV", content_type="text/csv"
            )
