"""GET /api/v1/mandate-letters/, /reports/ and POST …/recommendations/<id>/response/, per persona."""

import pytest

from accountability.models import MandateLetter

pytestmark = pytest.mark.django_db


def test_a_letter_lists_commitments_with_both_statuses(client_for, issued_letter, users):
    from accountability import services

    commitment = issued_letter.commitments.get()
    services.commitment_update_add(
        commitment=commitment, by=users["dfe"], status="ongoing", rationale="Work."
    )
    data = client_for("dfe").get(f"/api/v1/mandate-letters/{issued_letter.pk}/").json()
    c = data["commitments"][0]
    assert c["self_assessment"]["status"] == "ongoing"
    assert c["computed"]["trend"] == "Rose from 60.0% (2019) to 66.0% (2022)."
    assert c["computed"]["status"] in {"on_track", "at_risk", "off_track", "deteriorating", "achieved"}


@pytest.mark.parametrize(
    "persona,count", [("centre", 1), ("dfe", 1), ("dhsc", 0), ("accountability", 0), (None, 0)]
)
def test_letters_are_scoped_per_persona(client_for, issued_letter, persona, count):
    assert client_for(persona).get("/api/v1/mandate-letters/").json()["count"] == count
    expected = 200 if count else 404
    assert client_for(persona).get(f"/api/v1/mandate-letters/{issued_letter.pk}/").status_code == expected


def test_published_letters_are_public(client_for, issued_letter):
    MandateLetter.objects.filter(pk=issued_letter.pk).update(status="published")
    assert client_for(None).get(f"/api/v1/mandate-letters/{issued_letter.pk}/").status_code == 200


def test_a_report_carries_judgements_recommendations_and_overdue(client_for, laid_report):
    data = client_for(None).get(f"/api/v1/reports/{laid_report.pk}/").json()
    assert data["judgements"][0]["verdict"] == "too_early"
    assert [r["number"] for r in data["recommendations"]] == [1, 2]
    assert data["recommendations"][0]["overdue"] is False and data["recommendations"][0]["owner"] == "dfe"


def _respond(client, report, number, body=None):
    rec = report.recommendations.get(number=number)
    return client.post(
        f"/api/v1/reports/{report.pk}/recommendations/{rec.pk}/response/",
        body or {"response": "partly", "response_text": "In part, because…"},
        content_type="application/json",
    )


@pytest.mark.parametrize(
    "persona", ["centre", "treasury", "dhsc", "analyst", "secretariat", "accountability"]
)
def test_only_the_owning_department_may_respond(client_for, laid_report, persona):
    response = _respond(client_for(persona), laid_report, 1)
    assert response.status_code == 403
    assert set(response.json()) == {"detail", "code", "errors"}


def test_anonymous_callers_must_authenticate(client_for, laid_report):
    assert _respond(client_for(None), laid_report, 1).status_code in (401, 403)


def test_the_owning_department_responds_once(client_for, laid_report):
    response = _respond(client_for("dfe"), laid_report, 1)
    assert response.status_code == 201 and response.json()["response"] == "partly"
    assert _respond(client_for("dfe"), laid_report, 1).status_code == 409
    bad = _respond(client_for("dfe"), laid_report, 2, {"response": "awaited", "response_text": "x"})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"


def test_an_embargoed_report_is_404_to_the_department(client_for, world):
    from accountability import services

    member = world["users"]["accountability"]
    draft = services.report_create(body=world["body"], by=member, title="T", summary="S")
    rec = services.recommendation_add(report=draft, by=member, text="R", owner=world["orgs"]["dfe"])
    response = client_for("dfe").post(
        f"/api/v1/reports/{draft.pk}/recommendations/{rec.pk}/response/",
        {"response": "accepted", "response_text": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_the_schema_documents_the_endpoints(client_for):
    paths = client_for(None).get("/api/v1/schema/?format=json").json()["paths"]
    for path in [
        "/api/v1/mandate-letters/",
        "/api/v1/mandate-letters/{id}/",
        "/api/v1/reports/",
        "/api/v1/reports/{id}/",
        "/api/v1/reports/{report_pk}/recommendations/{id}/response/",
    ]:
        assert path in paths
