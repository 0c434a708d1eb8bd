"""Approval and period locking (issue 10, ADR 0018): the owner approves a period's figures; later writes into
it are refused with 409, naming each row, until the owner unlocks it (audited), on both import engines."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from rest_framework.authtoken.models import Token

from metrics.approval_services import ApprovalConflict, period_approve, period_unlock
from metrics.approvals import PeriodApproval
from metrics.models import Observation, Upload
from metrics.services import observation_import
from missions.models import AuditEvent
from tests import http_server as server
from tests.http_server import FORMATS, make_source, pull
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file

http_server = server.http_server  # the fixture
pytestmark = pytest.mark.django_db

ROW = {"metric": "gld", "geography": "K02000001"}


@pytest.fixture
def world(organisations):
    metrics = ingest_world.build(organisations)
    metrics["gld"].suppliers.add(organisations["ons"])  # the ONS supplies DfE's metric
    observation_import(
        rows=[{**ROW, "period": p, "value": v} for p, v in [("2021", "60"), ("2022", "65"), ("2023", "67")]],
        format="demo",
        system=True,
    )
    return metrics


def token_client(user) -> Client:
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def approve(client, period="2022", slug="gld"):
    url = f"/api/v1/metrics/{slug}/approvals/"
    return client.post(url, {"period": period}, content_type="application/json")


def current(period_start) -> list[Decimal]:
    found = Observation.objects.filter(metric__slug="gld", period_start=period_start, superseded_at=None)
    return [o.value for o in found]


def test_owner_approves_and_a_suppliers_upload_into_the_period_is_refused_naming_row_and_column(world, users):
    owner = token_client(users["analyst"])
    approved = approve(owner)
    assert approved.status_code == 201, approved.json()
    assert approved.json()["period"] == "2022" and approved.json()["state"] == "approved"
    assert approved.json()["organisation"] == "dfe"
    before = Observation.objects.count()

    supplier = token_client(users["ons_analyst"])
    text = HEADER + "gld,2023,K02000001,68\ngld,2022,K02000001,66\ngld,2022,E92000001,50\n"
    response = supplier.post("/api/v1/uploads/", {"file": csv_file(text)})

    assert response.status_code == 409
    body = response.json()
    assert body["written"] is False and body["rejected"] == 2
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [
        (3, "period", "period_approved"),
        (4, "period", "period_approved"),
    ]
    message = body["errors"][0]["message"]
    assert message.startswith("Period 2022 of Good level of development is approved by Department for")
    assert message.endswith("ask the owner to unlock it.")
    assert Observation.objects.count() == before  # all or nothing: not even the 2023 row
    assert current(date(2023, 1, 1)) == [Decimal("67")]
    assert Upload.objects.get(pk=body["upload"]).status == Upload.Status.REJECTED


def test_json_rows_into_an_approved_period_are_409_and_a_dry_run_says_so_too(world, users):
    period_approve(user=users["analyst"], metric=world["gld"], period_start=date(2022, 1, 1))
    client = token_client(users["centre"])  # the centre writes any metric, but not into an approved period
    rows = [{**ROW, "period": "2022", "value": "1"}]
    for path in ("/api/v1/observations/", "/api/v1/observations/?dry_run=1"):
        response = client.post(path, rows, content_type="application/json")
        assert response.status_code == 409
        assert response.json()["errors"][0]["row"] == 1
    assert current(date(2022, 1, 1)) == [Decimal("65")]


def test_other_periods_still_land_and_invalid_rows_beside_an_approved_one_are_400(world, users):
    period_approve(user=users["analyst"], metric=world["gld"], period_start=date(2022, 1, 1))
    supplier = token_client(users["ons_analyst"])
    fine = supplier.post("/api/v1/uploads/", {"file": csv_file(HEADER + "gld,2023,K02000001,68\n")})
    assert fine.status_code == 201 and fine.json()["revised"] == 1
    assert current(date(2023, 1, 1)) == [Decimal("68")]
    mixed = supplier.post(
        "/api/v1/uploads/", {"file": csv_file(HEADER + "gld,2022,K02000001,1\ngld,2023,K02000001,lots\n")}
    )
    assert mixed.status_code == 400  # fix the invalid row first; the approved one is named as well
    assert {e["code"] for e in mixed.json()["errors"]} == {"period_approved", "invalid"}


def test_non_owner_cannot_approve_or_unlock(world, users, client_for):
    for persona in ("ons_analyst", "dfe", "treasury", "secretariat", "accountability"):
        assert approve(token_client(users[persona])).status_code == 403, persona
    approval = period_approve(user=users["analyst"], metric=world["gld"], period_start=date(2022, 1, 1))
    url = f"/api/v1/metrics/gld/approvals/{approval.pk}/unlock/"
    refused = token_client(users["ons_analyst"]).post(url, {"reason": "x"}, content_type="application/json")
    assert refused.status_code == 403
    with pytest.raises(PermissionDenied):
        period_unlock(user=users["ons_analyst"], approval=approval, reason="Because")
    assert PeriodApproval.objects.get().is_open
    assert client_for(None).post(url, {"reason": "x"}, content_type="application/json").status_code == 401


def test_unlock_is_audited_with_its_reason_then_the_write_lands_as_a_new_vintage(world, users):
    owner = token_client(users["analyst"])
    approval_id = approve(owner).json()["id"]
    url = f"/api/v1/metrics/gld/approvals/{approval_id}/unlock/"
    assert owner.post(url, {"reason": " "}, content_type="application/json").status_code == 400
    unlocked = owner.post(url, {"reason": "ONS corrected the 2022 figure"}, content_type="application/json")
    assert unlocked.status_code == 200 and unlocked.json()["state"] == "unlocked"
    assert owner.post(url, {"reason": "again"}, content_type="application/json").status_code == 409

    events = AuditEvent.objects.filter(action__startswith="period.").order_by("pk")
    assert [e.action for e in events] == ["period.approve", "period.unlock"]
    assert events[1].changes["reason"] == "ONS corrected the 2022 figure"
    assert events[1].actor == users["analyst"]
    history = owner.get("/api/v1/metrics/gld/approvals/").json()
    assert [(a["period"], a["state"], a["unlock_reason"]) for a in history] == [
        ("2022", "unlocked", "ONS corrected the 2022 figure")
    ]

    supplier = token_client(users["ons_analyst"])
    landed = supplier.post("/api/v1/uploads/", {"file": csv_file(HEADER + "gld,2022,K02000001,66\n")})
    assert landed.status_code == 201 and landed.json()["revised"] == 1
    vintages = Observation.objects.filter(metric__slug="gld", period_start=date(2022, 1, 1))
    vintages = vintages.order_by("revision")
    assert [(o.revision, o.value, o.superseded_at is None) for o in vintages] == [
        (1, Decimal("65"), False),
        (2, Decimal("66"), True),
    ]
    # Approved again: a new row; the unlocked one stays as history.
    assert approve(owner).status_code == 201
    assert PeriodApproval.objects.filter(metric__slug="gld").count() == 2


def test_approving_twice_is_409_and_periods_without_figures_or_nonsense_are_400(world, users):
    owner = token_client(users["analyst"])
    assert approve(owner).status_code == 201
    twice = approve(owner)
    assert twice.status_code == 409
    assert "already approved by Department for Education" in twice.json()["detail"]
    with pytest.raises(ApprovalConflict):
        period_approve(user=users["centre"], metric=world["gld"], period_start=date(2022, 1, 1))
    empty = approve(owner, period="2019")
    assert empty.status_code == 400 and "no figures for 2019" in empty.json()["errors"][0]["message"]
    assert approve(owner, period="2022-Q9").status_code == 400
    assert approve(owner, slug="nope").status_code == 404
    assert PeriodApproval.objects.count() == 1


def test_a_pull_into_an_approved_period_fails_with_the_reason(http_server, users):
    ihyq = (FORMATS / "ons_timeseries_ihyq_pn2_data.json").read_bytes()
    url = http_server.set("/ihyq.json", ihyq)
    source = make_source(url)
    assert pull(source).outcome == "succeeded"
    metric = source.metric
    period_approve(user=users["centre"], metric=metric, period_start=date(2024, 7, 1))
    doc = json.loads(ihyq)
    doc["quarters"][-1]["value"] = "0.2"  # 2024 Q3 revised
    http_server.set("/ihyq.json", json.dumps(doc))
    source.refresh_from_db()
    before = Observation.objects.count()
    run = pull(source)
    assert run.outcome == "failed"
    assert "Period 2024 Q3" in run.error or "Period 2024-Q3" in run.error
    assert "ask the owner to unlock it" in run.error
    assert Observation.objects.count() == before


def test_the_metric_page_shows_approved_periods_and_lets_the_owner_approve_and_unlock(world, client_for):
    owner = client_for("analyst")
    page = owner.get("/metrics/gld/")
    assert 'id="approval-periods"' in page.content.decode()
    approved = owner.post("/metrics/gld/approvals/", {"period": "2022"})
    assert approved.status_code == 302 and approved["Location"].endswith("#approvals")
    text = client_for("dfe").get("/metrics/gld/").content.decode()
    assert "2022: approved by Department for Education" in text
    assert 'id="approval-periods"' not in text  # a department official sees it but may not approve
    public = client_for(None).get("/public/metrics/gld/").content.decode()
    assert "2022: approved by Department for Education" in public

    approval = PeriodApproval.objects.get()
    blank = owner.post(f"/metrics/gld/approvals/{approval.pk}/unlock/", {"reason": ""})
    assert blank.status_code == 400
    html = blank.content.decode()
    assert "govuk-error-summary" in html and f'href="#reason-{approval.pk}"' in html
    assert f'id="reason-{approval.pk}-error"' in html and "Give the reason for unlocking" in html
    twice = owner.post("/metrics/gld/approvals/", {"period": "2022"})
    assert twice.status_code == 409 and "already approved" in twice.content.decode()
    done = owner.post(f"/metrics/gld/approvals/{approval.pk}/unlock/", {"reason": "Corrected"})
    assert done.status_code == 302
    assert "No period of this metric has been approved." in owner.get("/metrics/gld/").content.decode()
    assert client_for("ons_analyst").post("/metrics/gld/approvals/", {"period": "2023"}).status_code == 403


def test_the_schema_documents_approvals_and_the_409_of_imports(client_for):
    paths = client_for(None).get("/api/v1/schema/?format=json").json()["paths"]
    approvals = paths["/api/v1/metrics/{slug}/approvals/"]
    assert {"200", "404"} <= set(approvals["get"]["responses"])
    assert {"201", "400", "403", "404", "409"} <= set(approvals["post"]["responses"])
    unlock = paths["/api/v1/metrics/{slug}/approvals/{id}/unlock/"]["post"]
    assert {"200", "400", "403", "404", "409"} <= set(unlock["responses"])
    for path in ("/api/v1/observations/", "/api/v1/uploads/"):
        assert "409" in paths[path]["post"]["responses"], path
