"""The replica router (issue 13): dashboards' and the API's GETs read the replica alias, writes and every
read inside a transaction or after the reader's own write read the primary. The "replica" alias mirrors the
test database (config/settings/test.py), so these are real queries on a second connection."""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from config.routers import PIN_COOKIE, ROUTER
from metrics.models import Metric
from tests.factories import MetricFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def routed(settings, reference_data):
    settings.DATABASE_ROUTERS = [ROUTER]


def _queries(client_call):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client_call()
    return response, primary, replica


def _selects(captured):
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]


def test_a_dashboard_get_reads_the_replica(routed, client_for):
    metric = MetricFactory()
    client = client_for("centre")
    response, primary, replica = _queries(lambda: client.get(f"/metrics/{metric.slug}/"))
    assert response.status_code == 200
    assert any("metrics_metric" in sql for sql in _selects(replica))
    assert not any("metrics_metric" in sql for sql in _selects(primary))


def test_a_post_reads_the_primary_and_pins_the_writer_there(routed, client_for, users):
    client = client_for("centre")
    response, primary, replica = _queries(lambda: client.post("/sign-out/"))
    assert _selects(replica) == []
    assert PIN_COOKIE in response.cookies
    metric = MetricFactory()
    client.force_login(users["centre"])
    client.cookies[PIN_COOKIE] = response.cookies[PIN_COOKIE].value
    response, primary, replica = _queries(lambda: client.get(f"/metrics/{metric.slug}/"))
    assert response.status_code == 200
    assert _selects(replica) == [], "a writer reads their own writes from the primary"
    assert any("metrics_metric" in sql for sql in _selects(primary))


def test_reads_inside_a_transaction_stay_on_the_primary(routed):
    from config.routers import _replica_reads

    token = _replica_reads.set(True)
    try:
        assert Metric.objects.db == "replica"
        with transaction.atomic():
            assert Metric.objects.db == "default", "a service validates against the primary"
        assert Metric.objects.create  # writes are never routed to the replica
        assert Metric.objects.db_manager().db == "replica"
    finally:
        _replica_reads.reset(token)


def test_without_a_router_nothing_changes(reference_data, client_for):
    metric = MetricFactory()
    client = client_for("centre")
    response, primary, replica = _queries(lambda: client.get(f"/metrics/{metric.slug}/"))
    assert response.status_code == 200 and _selects(replica) == []
    assert PIN_COOKIE not in client.post("/sign-out/").cookies
