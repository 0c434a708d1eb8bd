"""The REST API: reads scoped per persona, writes with the documented status codes and summary shape."""

import pytest
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from metrics.models import Observation
from metrics.services import observation_import
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file

pytestmark = pytest.mark.django_db

ROW = {"metric": "gld", "period": "2023", "geography": "K02000001", "value": "67"}
SUMMARY_KEYS = {"created", "revised", "unchanged", "rejected", "errors", "upload"}


@pytest.fixture
def world(organisations):
    metrics = ingest_world.build(organisations)
    observation_import(
        rows=[{**ROW, "period": p, "value": v} for p, v in [("2021", "60"), ("2022", "65")]],
        format="demo",
        system=True,
    )
    return metrics


def token_client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


def test_missions_and_metrics_with_status_and_filters(world, client_for, django_assert_max_num_queries):
    client = client_for("analyst")
    assert [m["slug"] for m in client.get("/api/v1/missions/").json()["results"]] == ["opportunity", "health"]
    assert client.get("/api/v1/missions/health/").json()["lead_organisation"] == "dhsc"
    with django_assert_max_num_queries(12):
        metrics = client.get("/api/v1/metrics/").json()["results"]
    assert {m["slug"] for m in metrics} == {"gld", "growth", "waiting", "gdp"}
    gld = client.get("/api/v1/metrics/gld/").json()
    assert gld["owner"] == "dfe" and gld["status"] and gld["stale"] in (True, False)
    assert gld["latest_period"] == "2022"
    for query, expected in [
        ("mission=health", {"waiting"}),
        ("tier=comprehensive", {"growth"}),
        ("kind=output", {"growth"}),
        ("owner=hmt", {"gdp"}),
    ]:
        assert {m["slug"] for m in client.get(f"/api/v1/metrics/?{query}").json()["results"]} == expected


def test_restricted_and_unpublished_metrics_follow_the_selectors(world, client_for):
    world["waiting"].restricted = True
    world["waiting"].save()
    assert client_for("dhsc").get("/api/v1/metrics/waiting/").status_code == 200
    assert client_for("dfe").get("/api/v1/metrics/waiting/").status_code == 404
    world["gld"].published = False
    world["gld"].save()
    assert client_for(None).get("/api/v1/metrics/gld/").status_code == 404
    assert client_for("accountability").get("/api/v1/metrics/gld/").status_code == 404


def test_observations_filter_by_geography_period_and_as_of(world, client_for):
    from django.utils import timezone

    between = timezone.now()
    observation_import(rows=[{**ROW, "period": "2022", "value": "66"}], format="demo", system=True)
    client = client_for("analyst")
    url = "/api/v1/metrics/gld/observations/"
    now = client.get(url).json()["results"]
    assert [(o["period"], o["value"], o["revision"]) for o in now] == [
        ("2021", "60.000000000000000000", 1),
        ("2022", "66.000000000000000000", 2),
    ]
    then = client.get(url, {"as_of": between.isoformat()}).json()["results"]
    assert [float(o["value"]) for o in then] == [60, 65]
    assert [o["period"] for o in client.get(url, {"from": "2022", "to": "2022"}).json()["results"]] == [
        "2022"
    ]
    assert client.get(url, {"geography": "W92000004"}).json()["results"] == []
    bad = client.get(url, {"as_of": "yesterday"})
    assert bad.status_code == 400 and set(bad.json()) == {"detail", "code", "errors"}
    assert client.get(url, {"from": "2022-Q1"}).status_code == 400


def test_json_rows_are_written_with_201_and_the_summary_shape(world, users):
    response = token_client(users["analyst"]).post(
        "/api/v1/observations/",
        [ROW, {**ROW, "period": "2022", "value": "65"}],
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) >= SUMMARY_KEYS
    assert (body["created"], body["unchanged"], body["rejected"], body["errors"]) == (1, 1, 0, [])
    assert body["upload"] is not None


def test_a_dry_run_answers_200_and_writes_nothing(world, users):
    response = token_client(users["analyst"]).post(
        "/api/v1/observations/?dry_run=true", [ROW], content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["created"] == 1
    assert not Observation.objects.filter(period_start__year=2023).exists()


def test_any_rejected_row_answers_400_and_writes_nothing(world, users):
    response = token_client(users["analyst"]).post(
        "/api/v1/observations/",
        [ROW, {**ROW, "period": "2020", "value": "1,234"}],
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == [
        {"row": 2, "column": "value", "message": body["errors"][0]["message"], "code": "invalid"}
    ]
    assert (body["created"], body["rejected"]) == (1, 1)
    assert not Observation.objects.filter(period_start__year__in=[2020, 2023]).exists()


def test_an_analyst_of_dfe_cannot_write_dhscs_metric(world, users):
    response = token_client(users["analyst"]).post(
        "/api/v1/observations/",
        [{**ROW, "metric": "waiting", "period": "2023-01"}],
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "does not supply data" in response.json()["errors"][0]["message"]


def test_a_body_that_is_not_a_list_of_rows_is_refused_in_the_stable_shape(world, users):
    response = token_client(users["analyst"]).post(
        "/api/v1/observations/", ROW, content_type="application/json"
    )
    assert response.status_code == 400 and set(response.json()) == {"detail", "code", "errors"}


def test_files_are_uploaded_with_201_and_read_back(world, users):
    client = token_client(users["analyst"])
    response = client.post("/api/v1/uploads/", {"file": csv_file(HEADER + "gld,2023,E92000001,67\n")})
    assert response.status_code == 201 and response.json()["created"] == 1
    stored = client.get(f"/api/v1/uploads/{response.json()['upload']}/")
    assert stored.status_code == 200
    assert stored.json()["summary"]["created"] == 1 and stored.json()["status"] == "committed"


def test_file_upload_status_codes(world, users):
    client = token_client(users["analyst"])
    bad = client.post("/api/v1/uploads/", {"file": csv_file(HEADER + "gld,2023,E92000001,lots\n")})
    assert bad.status_code == 400 and bad.json()["errors"][0]["row"] == 2
    dry = client.post("/api/v1/uploads/?dry_run=1", {"file": csv_file(HEADER + "gld,2023,E92000001,1\n")})
    assert dry.status_code == 200
    pdf = client.post("/api/v1/uploads/", {"file": csv_file("%PDF", name="report.pdf")})
    assert pdf.status_code == 415 and pdf.json()["code"] == "unsupported_media_type"
    json_body = client.post("/api/v1/uploads/", [ROW], content_type="application/json")
    assert json_body.status_code == 415
    assert client.post("/api/v1/uploads/", {}).status_code == 400
    with override_settings(MAX_UPLOAD_BYTES=100):
        big = client.post("/api/v1/uploads/", {"file": csv_file(HEADER + "gld,2023,E92000001,1\n" * 10)})
        assert big.status_code == 413 and big.json()["code"] == "too_large"


WRITERS = ["analyst", "centre"]
REFUSED = ["treasury", "dfe", "dhsc", "secretariat", "accountability"]


@pytest.mark.parametrize("persona", REFUSED)
@pytest.mark.parametrize("path", ["/api/v1/observations/", "/api/v1/uploads/", "/api/v1/uploads/1/"])
def test_personas_who_do_not_write_data_are_refused_403(world, users, persona, path):
    client = token_client(users[persona])
    response = (
        client.get(path) if path.endswith("1/") else client.post(path, [ROW], content_type="application/json")
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("path", ["/api/v1/observations/", "/api/v1/uploads/", "/api/v1/uploads/1/"])
def test_anonymous_writers_get_401(world, client, path):
    response = (
        client.get(path) if path.endswith("1/") else client.post(path, [ROW], content_type="application/json")
    )
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_a_wrong_token_is_401(world):
    response = Client(HTTP_AUTHORIZATION="Token nope").post(
        "/api/v1/observations/", [ROW], content_type="application/json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize("persona", WRITERS)
def test_writers_may_write_through_the_session_too(world, client_for, persona):
    response = client_for(persona).post("/api/v1/observations/", [ROW], content_type="application/json")
    assert response.status_code == 201


def test_an_upload_is_visible_to_its_organisation_and_the_centre_only(world, users):
    response = token_client(users["analyst"]).post(
        "/api/v1/uploads/", {"file": csv_file(HEADER + "gld,2023,E92000001,1\n")}
    )
    path = f"/api/v1/uploads/{response.json()['upload']}/"
    assert token_client(users["centre"]).get(path).status_code == 200
    assert token_client(users["ons_analyst"]).get(path).status_code == 404


def test_the_openapi_schema_validates(world, client):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert {"/api/v1/observations/", "/api/v1/uploads/", "/api/v1/metrics/{slug}/observations/"} <= set(
        schema["paths"]
    )


def test_the_docs_load_their_assets_locally(world, client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn" not in html.lower() and "unpkg" not in html and "jsdelivr" not in html
    assert "swagger-ui-bundle.js" in html
    import re

    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset
