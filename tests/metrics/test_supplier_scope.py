"""Issue 10: an analyst of a supplying organisation (the ONS supplies HMT's restricted `gdp`) sees
and writes the metric it supplies and nothing else that is restricted: not through the pages, the API, the
CSV templates, the upload form's list or the import's errors (a restricted metric it may not write is "no
metric called")."""

import pytest

from metrics.services import observation_import
from tests.factories import MetricFactory
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file

pytestmark = pytest.mark.django_db

SECRET = "Secret waiting list measure"


@pytest.fixture
def world(organisations):
    metrics = ingest_world.build(organisations)
    metrics["gdp"].restricted = True
    metrics["gdp"].name = "Supplied growth measure"
    metrics["gdp"].save()
    metrics["secret"] = MetricFactory(
        slug="secret",
        name=SECRET,
        mission=metrics["waiting"].mission,
        owner=organisations["dhsc"],
        restricted=True,
    )
    return metrics


def send(text, user):
    from metrics.ingest.files import open_table

    upload = csv_file(text)
    return observation_import(rows=open_table(upload.file, filename=upload.name), user=user, format="csv")


@pytest.mark.parametrize("persona", ["ons_analyst", "analyst"])
def test_the_import_answers_for_a_restricted_metric_as_for_an_unknown_one(world, users, persona):
    for slug in ("secret", "nope"):
        summary = send(HEADER + f"{slug},2020,K02000001,1\n", users[persona])
        assert [e.message for e in summary.errors] == [f"There is no metric called '{slug}'."]
    # an unrestricted metric of another organisation may still be named in the refusal
    summary = send(HEADER + "waiting,2020-01,K02000001,1\n", users[persona])
    assert "does not supply data for the metric 'waiting'" in summary.errors[0].message


def test_the_supplier_sees_the_restricted_metric_it_supplies_and_no_other(world, client_for):
    ons = client_for("ons_analyst")
    slugs = {m["slug"] for m in ons.get("/api/v1/metrics/").json()["results"]}
    assert "gdp" in slugs and "secret" not in slugs
    assert ons.get("/api/v1/metrics/gdp/").status_code == 200
    assert ons.get("/api/v1/metrics/secret/").status_code == 404
    assert ons.get("/metrics/gdp/").status_code == 200
    assert ons.get("/metrics/secret/").status_code == 404
    assert ons.get("/uploads/templates/gdp.csv").status_code == 200
    assert ons.get("/uploads/templates/secret.csv").status_code == 404
    page = ons.get("/uploads/")
    assert "Supplied growth measure" in page.text and SECRET not in page.text
    # the owner's analysts, the centre and the Treasury keep seeing it; another department does not
    assert client_for("centre").get("/api/v1/metrics/secret/").status_code == 200
    assert client_for("dhsc").get("/api/v1/metrics/secret/").status_code == 200
    assert client_for("analyst").get("/api/v1/metrics/gdp/").status_code == 404


@pytest.mark.parametrize("path", ["/", "/missions/health/", "/api/v1/metrics/?mission=health"])
def test_no_page_names_another_restricted_metric_to_the_supplier(world, client_for, path):
    response = client_for("ons_analyst").get(path)
    assert response.status_code in (200, 404)
    assert SECRET not in response.text and "/metrics/secret/" not in response.text
