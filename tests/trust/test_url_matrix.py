"""The role x URL matrix (issue 10): every URL pattern in the URLconf x every method x every persona and an
anonymous visitor, against the one table of expected answers in url_matrix_table.py. A URL with no line in
the table fails, so a new page or endpoint cannot ship without someone deciding who may open it.

Methods the table does not list for a URL must be refused for every role (any 3xx/4xx but never 2xx or 5xx).
Django admin URLs (all behind the same staff check) are requested with GET only, to keep the test quick.
Set MATRIX_RECORD=1 to print the answers observed as table lines (to audit, then paste — never blindly).
"""

import os
from http.cookies import SimpleCookie

import pytest
from django.db import transaction
from django.test import Client

from tests.trust import url_matrix as m
from tests.trust.url_matrix_table import ADMIN_DEFAULT, MATRIX

pytestmark = pytest.mark.django_db


def _clients(users) -> dict[str, Client]:
    clients = {"anon": Client()}
    for role in m.ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(users[role])
    return clients


def _status(client: Client, method: str, url: str) -> int:
    saved = {name: morsel.value for name, morsel in client.cookies.items()}
    with transaction.atomic():
        response = getattr(client, method.lower())(url)
        transaction.set_rollback(True)  # one role's write never changes what the next role sees
    client.cookies = SimpleCookie(saved)  # undo a sign-out
    return response.status_code


def test_every_url_has_a_line_in_the_table():
    routes = m.routes()
    names = {route.name for route in routes if not route.is_admin}
    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - {route.name for route in routes})
    assert not missing, f"URLs with no line in tests/trust/url_matrix_table.py: {missing}"
    assert not stale, f"Lines for URLs that no longer exist: {stale}"


def test_every_role_gets_the_expected_answer_from_every_url(organisations, users, settings, tmp_path):
    settings.API_THROTTLE_RATES = {"anon": "1000000/min", "user": "1000000/min"}
    world = m.build_world(organisations, users, settings, tmp_path)
    clients = _clients(users)
    problems, recorded, requests = [], [], 0
    for route in m.routes():
        obj, spec = MATRIX.get(route.name, (None, ADMIN_DEFAULT if route.is_admin else ""))
        url = m.url_for(route, world, obj)
        expected = m.parse(spec)
        observed = {}
        for method in ("GET",) if route.is_admin else m.METHODS:
            codes = {role: _status(clients[role], method, url) for role in m.ROLES}
            requests += len(codes)
            observed[method] = codes
            for role, status in codes.items():
                if status >= 500:
                    problems.append(f"{route.name} {method} {url} as {role}: {status}")
                elif method in expected:
                    if not m.matches(expected[method][role], status):
                        problems.append(
                            f"{route.name} {method} {url} as {role}: {status}, "
                            f"expected {expected[method][role]}"
                        )
                elif 200 <= status < 300:
                    problems.append(f"{route.name} {method} {url} as {role}: {status} for an unlisted method")
        recorded.append(_line(route, obj, observed))
    if os.environ.get("MATRIX_RECORD"):
        print("\n".join(recorded))
    print(f"URL matrix: {len(m.routes())} URL patterns x {len(m.ROLES)} roles, {requests} requests")
    assert not problems, "\n".join(problems)


def _line(route, obj, observed) -> str:
    methods = [
        f"{method} " + " ".join(str(observed[method][role]) for role in m.ROLES)
        for method in observed
        if any(200 <= s < 400 or s in (400, 403, 404, 409, 415, 422) for s in observed[method].values())
        and any(s != 405 for s in observed[method].values())
    ]
    return f'    "{route.name}": ({obj!r}, "{" ; ".join(methods)}"),'
