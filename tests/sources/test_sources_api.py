"""/api/v1/sources/: the issue's fields, pulls queued after commit, runs newest first, personas."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sources.models import DataSource, PullRun
from tests import http_server as server
from tests.factories import MetricFactory
from tests.http_server import make_source, pull

http_server = server.http_server  # the fixture
pytestmark = pytest.mark.django_db
REFUSED = ["treasury", "dfe", "dhsc", "secretariat", "accountability"]


@pytest.fixture
def api(users):
    def make(name):
        client = APIClient()
        if name:
            token, _ = Token.objects.get_or_create(user=users[name])
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def source(http_server, organisations):
    metric = MetricFactory(slug="gdp-growth", frequency="quarterly", owner=organisations["dfe"])
    return make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"), metric=metric)


def test_analyst_creates_a_source_and_lists_it(api, organisations, http_server):
    MetricFactory(slug="claimants", frequency="monthly", owner=organisations["dfe"])
    body = {
        "name": "Claimant count",
        "connector": "nomis_csv",
        "url": http_server.sample_url("nomis_NM_18_1_data_csv_select_sample.csv"),
        "metric": "claimants",
        "geography": "E92000001",
        "schedule": "0 9 * * 1-5",
    }
    response = api("analyst").post("/api/v1/sources/", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert {k: data[k] for k in body} == body and data["owner"] == "dfe" and data["enabled"] is True
    listed = api("analyst").get("/api/v1/sources/").json()["results"]
    assert [s["name"] for s in listed] == ["Claimant count"]
    assert DataSource.objects.get().periodic_task.enabled


def test_invalid_source_answers_in_the_stable_error_shape(api, source):
    body = {"name": "x", "connector": "xml", "url": "ftp://x", "metric": "gdp-growth",
            "geography": "K02000001", "schedule": "every day"}  # fmt: skip
    response = api("centre").post("/api/v1/sources/", body, format="json")
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"connector", "url"} <= fields
    body.update(connector="csv", url="https://example.org/x.csv")
    response = api("centre").post("/api/v1/sources/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "schedule"


def test_analyst_may_not_feed_another_organisations_metric(api, source):
    body = {"name": "x", "connector": "csv", "url": "https://example.org/x.csv", "metric": "gdp-growth",
            "geography": "K02000001", "schedule": "0 9 * * *"}  # fmt: skip
    response = api("ons_analyst").post("/api/v1/sources/", body, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "metric"


def test_pull_queues_a_run_after_commit_and_runs_list_newest_first(
    api, source, django_capture_on_commit_callbacks
):
    first = pull(source)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api("analyst").post(f"/api/v1/sources/{source.pk}/pull/")
    assert response.status_code == 202 and response.json()["outcome"] == "queued"
    assert len(callbacks) == 1  # the task was sent only once the request's transaction committed
    runs = api("analyst").get(f"/api/v1/sources/{source.pk}/runs/").json()["results"]
    assert [r["id"] for r in runs] == [response.json()["id"], first.pk]
    assert runs[0]["outcome"] == "unchanged" and runs[1]["outcome"] == "succeeded"
    expected = {
        "started_at",
        "finished_at",
        "outcome",
        "created",
        "revised",
        "unchanged",
        "rejected",
        "error",
    }
    assert expected <= set(runs[1]) and runs[1]["created"] == 278


def test_pressing_pull_twice_queues_one_run(api, source):
    client = api("centre")
    one = client.post(f"/api/v1/sources/{source.pk}/pull/").json()
    two = client.post(f"/api/v1/sources/{source.pk}/pull/").json()
    assert one["id"] == two["id"] and PullRun.objects.count() == 1


def test_other_organisations_analyst_gets_404(api, source):
    client = api("ons_analyst")
    assert client.get("/api/v1/sources/").json()["results"] == []
    assert client.post(f"/api/v1/sources/{source.pk}/pull/").status_code == 404
    assert client.get(f"/api/v1/sources/{source.pk}/runs/").status_code == 404


@pytest.mark.parametrize("persona", REFUSED + [None])
def test_wrong_personas_are_refused(api, source, persona):
    client = api(persona)
    expected = 401 if persona is None else 403
    assert client.get("/api/v1/sources/").status_code == expected
    assert client.post("/api/v1/sources/", {}, format="json").status_code == expected
    assert client.post(f"/api/v1/sources/{source.pk}/pull/").status_code == expected
    assert client.get(f"/api/v1/sources/{source.pk}/runs/").status_code == expected
    assert not PullRun.objects.exists()
