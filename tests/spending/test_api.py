"""/api/v1/business-cases/…: names, the computed `tests`, imports, and 403/404/409 per persona."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from spending.models import BusinessCase

pytestmark = pytest.mark.django_db
API = "/api/v1/business-cases/"


@pytest.fixture
def api(users):
    def make(name):
        client = APIClient()
        if name:
            client.force_authenticate(users[name])
        return client

    return make


@pytest.mark.parametrize(
    "who,expected",
    [("centre", 200), ("treasury", 200), ("dfe", 200), ("dhsc", 200), ("analyst", 403), ("ons_analyst", 403),
     ("secretariat", 403), ("accountability", 403), (None, 401)],
)  # fmt: skip
def test_who_may_list_cases(make_case, api, who, expected):
    make_case()
    response = api(who).get(API)
    assert response.status_code in ((401, 403) if expected == 401 else (expected,))
    if expected == 200:
        assert response.json()["count"] == (0 if who == "dhsc" else 1)


def test_a_case_carries_its_computed_tests_with_inputs(make_case, api):
    case = make_case(partners=["dhsc"])
    body = api("treasury").get(f"{API}{case.slug}/").json()
    assert set(body["tests"]) == {"affordability", "mission_critical", "ten_year"}
    for test in body["tests"].values():
        assert test["result"] in {"pass", "fail", "not_assessable"} and "inputs" in test
    ten = body["tests"]["ten_year"]
    assert {"pv_costs_m", "pv_benefits_m", "npsv_m", "bcr"} <= set(ten) and ten["bcr"] is None
    assert body["tests"]["affordability"]["inputs"]["years"][0]["allocation_m"] == 100.0
    assert body["tests"]["mission_critical"]["inputs"]["metrics"][0]["remaining_gap"] == 7.0
    assert body["partner_departments"] == ["dhsc"] and body["lead_department"] == "dfe"
    listed = api("dfe").get(API).json()["results"]
    assert listed[0]["tests"]["ten_year"]["result"] == "pass"


def test_a_department_creates_patches_signs_off_and_submits_through_the_api(world, api):
    created = api("dfe").post(
        API,
        {
            "title": "API case",
            "category": "RDEL",
            "strategic_case": "Why",
            "price_base": "2025-26",
            "partner_departments": ["dhsc"],
            "missions": ["opportunity"],
            "spending_review": "sr-test",
            "start_year": 2026,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    slug = created.json()["slug"]
    assert created.json()["lead_department"] == "dfe" and created.json()["status"] == "draft"
    assert api("dfe").patch(f"{API}{slug}/", {"stage": "OBC"}, format="json").json()["stage"] == "OBC"
    assert api("dhsc").patch(f"{API}{slug}/", {"stage": "FBC"}, format="json").status_code == 403
    costs = api("dfe").post(
        f"{API}{slug}/costs/", [{"fiscal_year": 2026, "budget": "RDEL", "amount_m": "5"}], format="json"
    )
    assert costs.status_code == 201
    assert api("dfe").post(f"{API}{slug}/submit/").status_code == 409  # DHSC has not signed off
    assert api("dhsc").post(f"{API}{slug}/sign-off/", {}, format="json").status_code == 201
    assert api("dfe").post(f"{API}{slug}/submit/").json()["status"] == "submitted"
    assert api("dfe").patch(f"{API}{slug}/", {"stage": "FBC"}, format="json").status_code == 409
    assert api("dfe").post(f"{API}{slug}/assess/", {"judgement": "x"}, format="json").status_code == 403
    assert (
        api("treasury")
        .post(f"{API}{slug}/decide/", {"decision": "approved", "reasons": "x"}, format="json")
        .status_code
        == 409
    )  # not assessed yet
    assert (
        api("treasury").post(f"{API}{slug}/assess/", {"judgement": "ok"}, format="json").json()["status"]
        == "assessed"
    )
    decided = api("treasury").post(
        f"{API}{slug}/decide/", {"decision": "approved", "reasons": "value"}, format="json"
    )
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert [h["to_status"] for h in decided.json()["history"]] == [
        "draft",
        "submitted",
        "assessed",
        "approved",
    ]


@pytest.mark.parametrize("who", ["treasury", "centre", "analyst", "secretariat", "accountability"])
def test_only_departments_create_cases(world, api, who):
    response = api(who).post(
        API,
        {
            "title": "x",
            "category": "RDEL",
            "strategic_case": "y",
            "price_base": "z",
            "partner_departments": [],
            "missions": ["opportunity"],
        },
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] in {"permission_denied", "not_authenticated"}


@pytest.mark.parametrize("path", ["", "costs/", "impacts/"])
def test_a_case_outside_the_users_scope_is_404(make_case, api, path):
    case = make_case()
    assert api("dhsc").get(f"{API}{case.slug}/{path}").status_code == 404
    assert api("analyst").get(f"{API}{case.slug}/{path}").status_code == 403
    assert api("dhsc").post(f"{API}{case.slug}/submit/").status_code == 404


@pytest.mark.parametrize(
    "who,action,body,expected",
    [("dhsc", "submit/", {}, 403), ("treasury", "submit/", {}, 403), ("dfe", "sign-off/", {}, 403),
     ("dfe", "assess/", {"judgement": "x"}, 403), ("centre", "assess/", {"judgement": "x"}, 403),
     ("dhsc", "decide/", {"decision": "approved", "reasons": "x"}, 403),
     ("centre", "decide/", {"decision": "approved", "reasons": "x"}, 403),
     ("dhsc", "costs/", {"fiscal_year": 2026, "budget": "RDEL", "amount_m": "1"}, 403),
     ("treasury", "impacts/", [], 403), ("treasury", "assess/", {"judgement": "x"}, 409)],
)  # fmt: skip
def test_transition_refusals(make_case, api, who, action, body, expected):
    case = make_case(partners=["dhsc"])
    assert api(who).post(f"{API}{case.slug}/{action}", body, format="json").status_code == expected


def test_impacts_json_errors_have_row_column_message_and_write_nothing(make_case, api):
    case = make_case(impacts=0)
    rows = [
        {"metric": "gld", "year": 1, "impact": "0.5", "method": "m"},
        {"metric": "nope", "year": 2, "impact": "x", "method": ""},
        {"metric": "gld", "year": 99, "impact": "1", "method": "m", "probability": "2"},
    ]
    response = api("dfe").post(f"{API}{case.slug}/impacts/", rows, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    message = "There is no metric 'nope' you can see."
    assert {"row": 2, "column": "metric", "message": message, "code": "invalid"} in errors
    assert {(e["row"], e["column"]) for e in errors} >= {
        (2, "impact"),
        (2, "method"),
        (3, "year"),
        (3, "probability"),
    }
    assert response.json()["rejected"] == 3 and case.impacts.count() == 0


def test_impacts_dry_run_and_csv_upload(make_case, api):
    case = make_case(impacts=0)
    rows = [{"metric": "gld", "year": y, "impact": "0.5", "method": "m"} for y in range(1, 11)]
    dry = api("dfe").post(f"{API}{case.slug}/impacts/?dry_run=true", rows, format="json")
    assert dry.status_code == 200 and dry.json()["created"] == 10 and not dry.json()["written"]
    assert case.impacts.count() == 0
    csv = "metric,year,impact,method,valuation,valued_units\n" + "".join(
        f"gld,{y},0.5,m,qaly,10\n" for y in range(1, 11)
    )
    upload = api("dfe").post(
        f"{API}{case.slug}/impacts/", {"file": SimpleUploadedFile("x.csv", csv.encode())}, format="multipart"
    )
    assert upload.status_code == 201 and upload.json()["created"] == 10
    assert api("dfe").get(f"{API}{case.slug}/").json()["tests"]["ten_year"]["bcr"] is not None
    bad = api("dfe").post(
        f"{API}{case.slug}/impacts/",
        {"file": SimpleUploadedFile("x.csv", b"metric,year\ngld,1\n")},
        format="multipart",
    )
    assert bad.status_code == 400
    assert {k: bad.json()["errors"][0][k] for k in ("row", "column")} == {"row": 1, "column": "impact"}


def test_the_schema_documents_the_business_case_endpoints(world, api):
    schema = api("treasury").get("/api/v1/schema/?format=json").json()
    for path in (
        "/api/v1/business-cases/",
        "/api/v1/business-cases/{slug}/",
        "/api/v1/business-cases/{slug}/submit/",
        "/api/v1/business-cases/{slug}/assess/",
        "/api/v1/business-cases/{slug}/decide/",
        "/api/v1/business-cases/{slug}/costs/",
        "/api/v1/business-cases/{slug}/impacts/",
    ):
        assert path in schema["paths"], path
    assert "TenYear" in schema["components"]["schemas"]


def test_list_query_count_is_constant_in_the_number_of_cases(make_case, api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_case("A")
    client = api("treasury")
    client.get(API)  # warm the per-user role cache
    with CaptureQueriesContext(connection) as few:
        client.get(API)
    for title in "BCDEF":
        make_case(title)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(API).json()["results"]) == 6
    assert len(many) == len(few)
    assert BusinessCase.objects.count() == 6
