"""/treasury/ is built once and served from the cache until something it reads changes (issue 13)."""

import datetime as dt
import os
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from metrics.services import observation_import
from missions.models import Mission
from spending import services
from spending.dashboard.cache import treasury_invalidate
from spending.models import BusinessCase, CostLine
from tests.spending.conftest import approve

pytestmark = pytest.mark.django_db


def _get(client, path="/treasury/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.text, len(queries)


def _section(page: str, key: str) -> str:
    start = page.index(f'id="{key}"')
    return page[start : page.find('<h2 class="govuk-heading-l"', start + 1)]


def _spending_by_mission(page: str) -> str:
    return _section(page, "spending-by-mission")


def test_a_second_request_is_served_from_the_cache(make_case, users, client_for):
    approve(make_case("Hubs"), users)
    client = client_for("treasury")
    first, cold = _get(client)
    again, warm = _get(client)
    assert warm < cold - 5, f"{warm} queries warm vs {cold} cold"
    assert _spending_by_mission(again) == _spending_by_mission(first)
    # The centre sees every case too: the same build serves it.
    centre, centre_queries = _get(client_for("centre"))
    assert centre_queries <= warm + 2 and "Approved cases cost £" in centre


def test_an_approval_and_a_changed_cost_are_seen_at_once(make_case, users, client_for):
    client = client_for("treasury")
    case = make_case("Hubs", costs={2026: 10})
    draft = make_case("Tutoring", costs={2026: 10})
    before, _ = _get(client)
    assert "none are approved yet" in before
    approve(case, users)
    after, _ = _get(client)
    assert "Approved cases cost £" in after and "none are approved yet" not in after
    # A draft's cost beyond the department's allocation fails the affordability test (cases by status).
    affordable = _section(after, "cases-by-status")
    services.cost_line_set(case=draft, by=users["dfe"], fiscal_year=2027, budget="RDEL", amount_m=D(500))
    assert _section(_get(client)[0], "cases-by-status") != affordable


def test_a_renamed_mission_is_seen_at_once(make_case, users, client_for, world):
    approve(make_case("Hubs"), users)
    client = client_for("treasury")
    assert "Opportunity" in _get(client)[0]
    mission = Mission.objects.get(pk=world["mission"].pk)
    mission.short_title = "Chances"
    mission.save()
    page = _spending_by_mission(_get(client)[0])
    assert "Chances" in page and "Opportunity" not in page


def test_a_new_vintage_of_an_impacted_metric_is_seen_at_once(make_case, users, client_for, world):
    """The modelled-vs-actual section reads the metric's series: a new observation through the import
    renews the metric's token, which the kept build recorded."""
    case = make_case("Hubs")
    BusinessCase.objects.filter(pk=case.pk).update(start_year=2024)  # its first two years have passed
    approve(case, users)
    client = client_for("treasury")
    before, _ = _get(client)
    _, warm = _get(client)
    observation_import(
        rows=[{"metric": "gld", "period": "2025", "geography": world["gld"].default_geography.code,
               "value": "71.5"}],  # 2025: in 2024-25
        format="json",
        system=True,
    )  # fmt: skip
    after, cold = _get(client)
    assert cold > warm, "the kept build was served after a new vintage"
    # Actual movement in 2024-25: 71.5 (its latest figure then) less 68 (2023, before the case began).
    assert "3.5" in _section(after, "modelled-vs-actual")
    assert "3.5" not in _section(before, "modelled-vs-actual")


def test_as_at_builds_are_kept_apart(make_case, users, client_for):
    approve(make_case("Hubs"), users)
    client = client_for("treasury")
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    now, _ = _get(client)
    then, _ = _get(client, f"/treasury/?as_at={yesterday}")
    assert "Approved cases cost £" in now and "none are approved yet" in then


def test_bulk_writes_call_treasury_invalidate(make_case, users, client_for):
    case = make_case("Hubs", costs={2026: 10})
    approve(case, users)
    client = client_for("treasury")
    before = _spending_by_mission(_get(client)[0])
    CostLine.objects.filter(case=case).update(amount_m=D(900))  # no signal: served as kept...
    assert _spending_by_mission(_get(client)[0]) == before
    treasury_invalidate()  # ...until the writer says so, as bulk imports do
    assert _spending_by_mission(_get(client)[0]) != before


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis at REDIS_URL")
def test_with_redis_as_the_cache(make_case, users, client_for, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    from django.core.cache import cache as redis_cache

    redis_cache.clear()
    case = make_case("Hubs", costs={2026: 10})
    client = client_for("treasury")
    first, cold = _get(client)
    again, warm = _get(client)
    assert warm < cold and _spending_by_mission(again) == _spending_by_mission(first)
    approve(case, users)
    assert "none are approved yet" not in _get(client)[0]
    redis_cache.clear()
