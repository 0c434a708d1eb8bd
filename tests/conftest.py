"""Personas (after healthchecks' alice/bob/charlie) and shared fixtures.

Every view and endpoint has a test that the wrong persona is refused: use the `persona` fixture table.
"""

import os
import shutil

import pytest
from django.test import Client

from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Computed statuses are cached by metric id, and ids are reused between tests: start each empty."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def reference_data(django_db_blocker):
    """Geographies and role groups, which data migrations create. Transactional tests flush them after each
    test, so those tests ask for this fixture to put them back (idempotent, as the migrations are)."""
    import importlib

    from django.apps import apps

    with django_db_blocker.unblock():
        for module in ("metrics.migrations.0003_geographies", "missions.migrations.0002_role_groups"):
            migration = importlib.import_module(module)
            for operation in migration.Migration.operations:
                operation.code(apps, None)


@pytest.fixture
def organisations(db):
    return {
        "no10": OrganisationFactory(
            slug="no10", name="Prime Minister's Office", abbreviation="No10", kind="centre"
        ),
        "hmt": OrganisationFactory(slug="hmt", name="HM Treasury", abbreviation="HMT", kind="treasury"),
        "dfe": OrganisationFactory(slug="dfe", name="Department for Education", abbreviation="DfE"),
        "dhsc": OrganisationFactory(
            slug="dhsc", name="Department of Health and Social Care", abbreviation="DHSC"
        ),
        "ons": OrganisationFactory(
            slug="ons", name="Office for National Statistics", abbreviation="ONS", kind="statistics"
        ),
        "cabinet-office": OrganisationFactory(
            slug="cabinet-office", name="Cabinet Office", abbreviation="CO", kind="centre"
        ),
        "body": OrganisationFactory(
            slug="opportunity-body",
            name="Opportunity Mission Commission",
            abbreviation="OMC",
            kind="independent_body",
        ),
    }


PERSONAS = {
    # name: (organisation, roles)
    "centre": ("no10", ["centre"]),
    "treasury": ("hmt", ["treasury"]),
    "dfe": ("dfe", ["department"]),
    "dhsc": ("dhsc", ["department"]),
    "analyst": ("dfe", ["analyst"]),
    "ons_analyst": ("ons", ["analyst"]),
    "secretariat": ("cabinet-office", ["secretariat"]),
    "accountability": ("body", ["accountability"]),
}


@pytest.fixture
def users(organisations):
    return {
        name: UserFactory(username=name, organisation=organisations[org], roles=roles)
        for name, (org, roles) in PERSONAS.items()
    }


@pytest.fixture
def client_for(users):
    """client_for('dfe') -> a Client signed in as that persona; client_for(None) -> anonymous."""

    def make(name):
        client = Client()
        if name is not None:
            client.force_login(users[name])
        return client

    return make


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def pytest_collection_modifyitems(config, items):
    """Browser tests need Chromium. Outside CI they are skipped with a reason; in CI its absence fails."""
    if chromium_path() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium); CI installs it")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
