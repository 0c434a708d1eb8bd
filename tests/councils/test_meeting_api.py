"""/api/v1/meetings/<id>/agenda|returns|decisions/ and PATCH /api/v1/actions/<id>/, per persona: who reads,
who writes, and the 403/404/409 refusals."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from councils.models import Action, AgendaItem, Decision, DepartmentalReturn, ReturnVersion
from missions.models import AuditEvent
from tests.factories import CouncilMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

READERS = ["centre", "treasury", "secretariat", "member", "dfe"]
#: Roles that never read councils (403) and a department or secretariat the meeting is hidden from (404).
NEVER = ["analyst", "ons_analyst", "accountability"]
HIDDEN = ["dhsc", "health_secretariat"]
NOT_MANAGERS = ["treasury", "member", "dfe", "dhsc", "analyst", "accountability"]


@pytest.fixture
def api(client_for, opportunity, health, organisations):
    member = UserFactory(username="minister", organisation=organisations["dfe"], roles=[])
    CouncilMemberFactory(
        council=opportunity["council"], name="A Minister", organisation=organisations["dfe"], user=member
    )

    def make(name):
        if name in ("member", "health_secretariat"):
            client = Client()
            client.force_login(member if name == "member" else health["user"])
            return client
        return client_for(name)

    return make


def url(meeting, what):
    return f"/api/v1/meetings/{meeting.pk}/{what}/"


@pytest.mark.parametrize("what", ["agenda", "returns", "decisions"])
@pytest.mark.parametrize("persona", READERS)
def test_council_readers_and_the_department_under_review_read(what, persona, api, opportunity):
    response = api(persona).get(url(opportunity["check_in"], what))
    assert response.status_code == 200, response.content
    assert isinstance(response.json(), list)


@pytest.mark.parametrize("what", ["agenda", "returns", "decisions"])
@pytest.mark.parametrize(("persona", "code"), [*((p, 403) for p in NEVER), *((p, 404) for p in HIDDEN)])
def test_others_are_refused_reads(what, persona, code, api, opportunity):
    response = api(persona).get(url(opportunity["check_in"], what))
    assert response.status_code == code
    assert set(response.json()) == {"detail", "code", "errors"}


@pytest.mark.parametrize("what", ["agenda", "returns", "decisions"])
def test_anonymous_callers_are_asked_to_authenticate(what, opportunity):
    assert Client().get(url(opportunity["check_in"], what)).status_code in (401, 403)


def writes(opportunity):
    meeting = opportunity["check_in"]
    readiness = opportunity["metrics"][0]
    return [
        ("agenda", {"metric": readiness.slug, "owner": "Permanent Secretary, DfE", "minutes_allotted": 20}),
        (
            "decisions",
            {
                "text": "Agreed a recovery plan for school readiness.",
                "actions": [
                    {"title": "Publish the recovery plan", "owner_organisation": "dfe",
                     "owner_name": "DG Early Years", "metric": readiness.slug,
                     "due_date": str(timezone.localdate() + dt.timedelta(days=30))}
                ],
            },
        ),
        ("returns", {"deadline": (meeting.starts_at - dt.timedelta(days=1)).isoformat()}),
    ]  # fmt: skip


@pytest.mark.parametrize("persona", ["centre", "secretariat"])
def test_the_secretariat_and_centre_write_agenda_decisions_and_request_returns(persona, api, opportunity):
    client = api(persona)
    for what, body in writes(opportunity):
        response = client.post(url(opportunity["check_in"], what), body, content_type="application/json")
        assert response.status_code == 201, (what, response.content)
    item = AgendaItem.objects.get()
    assert item.title.startswith("Progress on") and item.minutes_allotted == 20
    decision = Decision.objects.get()
    action = decision.actions.get()
    assert action.owner_name == "DG Early Years" and action.meeting == opportunity["check_in"]
    assert DepartmentalReturn.objects.get().organisation.slug == "dfe"
    assert (
        AuditEvent.objects.filter(action__in=["agenda.add", "decision.record", "return.request"]).count() == 3
    )


@pytest.mark.parametrize(
    ("persona", "code"), [*((p, 403) for p in NOT_MANAGERS), ("health_secretariat", 404)]
)
def test_everyone_else_is_refused_the_secretariats_writes(persona, code, api, opportunity):
    client = api(persona)
    for what, body in writes(opportunity):
        response = client.post(url(opportunity["check_in"], what), body, content_type="application/json")
        assert response.status_code == code, (what, response.content)
    assert not AgendaItem.objects.exists() and not Decision.objects.exists()
    assert not DepartmentalReturn.objects.exists()


def test_a_second_request_for_the_same_return_is_a_conflict(api, opportunity):
    client = api("secretariat")
    what, body = writes(opportunity)[2]
    assert (
        client.post(url(opportunity["check_in"], what), body, content_type="application/json").status_code
        == 201
    )
    again = client.post(url(opportunity["check_in"], what), body, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "conflict"


def test_agenda_item_must_come_from_this_missions_papers(api, opportunity, health):
    from tests.factories import MetricFactory

    elsewhere = MetricFactory(mission=health["mission"])
    response = api("secretariat").post(
        url(opportunity["check_in"], "agenda"), {"metric": elsewhere.slug}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "metric"


def entries(opportunity, submit=True):
    return {
        "entries": [
            {"metric": m.slug, "confidence": "likely", "reason": "Funded and on plan.", "asks": "None"}
            for m in opportunity["metrics"]
        ],
        "submit": submit,
    }


def test_the_department_files_its_return_and_readers_see_it_beside_the_data(api, opportunity, requested):
    response = api("dfe").post(
        url(opportunity["check_in"], "returns"), entries(opportunity), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "Submitted" and body["versions"][0]["number"] == 1
    rows = body["versions"][0]["entries"]
    assert {r["confidence"] for r in rows} == {"likely"} and all(r["status_label"] for r in rows)
    assert any(r["mismatch"].startswith("Mismatch: the department says “Likely”") for r in rows)
    listed = api("treasury").get(url(opportunity["check_in"], "returns")).json()
    assert listed[0]["versions"][0]["entries"][0]["reason"] == "Funded and on plan."


def test_drafts_are_not_shown_to_the_secretariat(api, opportunity, requested):
    api("dfe").post(
        url(opportunity["check_in"], "returns"),
        entries(opportunity, submit=False),
        content_type="application/json",
    )
    assert api("dfe").get(url(opportunity["check_in"], "returns")).json()[0]["versions"]
    assert api("secretariat").get(url(opportunity["check_in"], "returns")).json()[0]["versions"] == []


@pytest.mark.parametrize(
    ("persona", "code"),
    [("secretariat", 403), ("centre", 403), ("treasury", 403), ("analyst", 403), ("dhsc", 404)],
)
def test_only_the_department_under_review_files_its_return(persona, code, api, opportunity, requested):
    response = api(persona).post(
        url(opportunity["check_in"], "returns"), entries(opportunity), content_type="application/json"
    )
    assert response.status_code == code
    assert not ReturnVersion.objects.exists()


def test_filing_before_a_return_is_requested_is_a_conflict(api, opportunity):
    response = api("dfe").post(
        url(opportunity["check_in"], "returns"), entries(opportunity), content_type="application/json"
    )
    assert response.status_code == 409


def action_url(action):
    return f"/api/v1/actions/{action.pk}/"


@pytest.mark.parametrize("persona", ["dfe", "secretariat", "centre"])
def test_the_owning_department_and_the_secretariat_update_an_actions_status(persona, api, opportunity, users):
    action = opportunity["overdue"]
    response = api(persona).patch(
        action_url(action), {"status": "in_progress"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    event = AuditEvent.objects.get(action="action.status", object_id=str(action.pk))
    assert event.changes == {"status": ["open", "in_progress"]}


@pytest.mark.parametrize(
    ("persona", "code"),
    [("treasury", 403), ("analyst", 403), ("accountability", 403), ("member", 403), ("dhsc", 404),
     ("health_secretariat", 404)],
)  # fmt: skip
def test_others_cannot_change_an_actions_status(persona, code, api, opportunity):
    action = opportunity["overdue"]
    response = api(persona).patch(action_url(action), {"status": "done"}, content_type="application/json")
    assert response.status_code == code
    assert Action.objects.get(pk=action.pk).status == "open"


def test_a_change_not_allowed_from_the_current_status_is_a_conflict(api, opportunity):
    action = opportunity["overdue"]
    client = api("dfe")
    assert (
        client.patch(action_url(action), {"status": "done"}, content_type="application/json").status_code
        == 200
    )
    response = client.patch(action_url(action), {"status": "dropped"}, content_type="application/json")
    assert response.status_code == 409 and "reopen it first" in response.json()["detail"]


def test_the_endpoints_are_documented_with_their_names(api):
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ("/api/v1/meetings/{id}/agenda/", "/api/v1/meetings/{id}/returns/",
                 "/api/v1/meetings/{id}/decisions/", "/api/v1/actions/{id}/"):  # fmt: skip
        assert path in schema
    for operation in (
        "meeting_agenda_add",
        "meeting_returns_create",
        "meeting_decisions_create",
        "action_status_update",
    ):
        assert operation in schema
