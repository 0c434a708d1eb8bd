"""Running a check-in from the product's pages, per persona: agenda, return requested and filed, decisions
with actions, minutes published, and the department's own page of check-ins and actions."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councils import services
from councils.models import Action, AgendaItem, Decision, DepartmentalReturn, Meeting
from missions.models import AuditEvent
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(client_for, health):
    def make(name):
        if name == "health_secretariat":
            client = Client()
            client.force_login(health["user"])
            return client
        return client_for(name)

    return make


def manage_posts(opportunity):
    meeting = opportunity["check_in"]
    readiness = opportunity["metrics"][0]
    deadline = timezone.localtime(meeting.starts_at - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    return [
        ("councils:agenda", {"item": f"metric:{readiness.pk}", "owner": "DG Early Years",
                             "minutes_allotted": "15"}),
        ("councils:return-request", {"deadline": deadline}),
        ("councils:decision-create", {"text": "Agreed a plan.", "action_title": "Write the plan",
                                      "owner_organisation": str(readiness.owner_id), "owner_name": "DG",
                                      "due_date": "2027-01-31", "metric": str(readiness.pk)}),
        ("councils:minutes", {"minutes": "The council discussed school readiness."}),
    ]  # fmt: skip


@pytest.mark.parametrize("persona", ["secretariat", "centre"])
def test_the_secretariat_runs_the_meeting_in_the_product(persona, client_as, opportunity):
    client = client_as(persona)
    meeting = opportunity["check_in"]
    for name, data in manage_posts(opportunity):
        response = client.post(reverse(name, kwargs={"pk": meeting.pk}), data)
        assert response.status_code == 302, (name, response.content.decode()[:3000])
    item = AgendaItem.objects.get()
    assert item.metric == opportunity["metrics"][0] and item.owner == "DG Early Years"
    assert DepartmentalReturn.objects.get().meeting == meeting
    decision = Decision.objects.get()
    assert decision.actions.get().title == "Write the plan"
    assert Meeting.objects.get(pk=meeting.pk).minutes_published_at is None
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Write the plan" in page and "Draft: not yet published" in page and "Requested" in page


@pytest.mark.parametrize(
    ("persona", "code"),
    [("treasury", 403), ("dfe", 403), ("health_secretariat", 404), ("dhsc", 403), ("analyst", 403),
     ("accountability", 403)],
)  # fmt: skip
def test_others_cannot_run_the_meeting(persona, code, client_as, opportunity):
    client = client_as(persona)
    meeting = opportunity["check_in"]
    for name, data in manage_posts(opportunity):
        assert client.post(reverse(name, kwargs={"pk": meeting.pk}), data).status_code == code, name
    assert not AgendaItem.objects.exists() and not Decision.objects.exists()
    assert not DepartmentalReturn.objects.exists()


def test_agenda_items_reorder_and_remove_and_the_pack_follows_the_order(client_for, opportunity, users):
    meeting = opportunity["check_in"]
    readiness, neet = opportunity["metrics"]
    first = services.agenda_item_add(meeting=meeting, by=users["secretariat"], metric=readiness)
    second = services.agenda_item_add(
        meeting=meeting, by=users["secretariat"], metric=neet, minutes_allotted=10
    )
    client = client_for("secretariat")
    move = reverse("councils:agenda-move", kwargs={"pk": meeting.pk, "item_pk": second.pk})
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert list(meeting.agenda.values_list("metric", flat=True)) == [neet.pk, readiness.pk]
    from councils.packs.content import assemble

    content = assemble(meeting, timezone.now())
    assert [m["id"] for m in content["metrics"]][:2] == [neet.pk, readiness.pk]
    assert [i["title"] for i in content["agenda"]] == [second.title, first.title]
    assert client_for("dfe").post(move, {"direction": "down"}).status_code == 403
    remove = reverse("councils:agenda-remove", kwargs={"pk": meeting.pk, "item_pk": first.pk})
    assert client.post(remove).status_code == 302
    assert list(meeting.agenda.values_list("pk", flat=True)) == [second.pk]
    assert AuditEvent.objects.filter(action__startswith="agenda.").count() == 4


def test_agenda_picks_from_the_missions_papers(client_for, opportunity, users):
    page = client_for("secretariat").get(
        reverse("councils:agenda", kwargs={"pk": opportunity["check_in"].pk})
    )
    html = page.content.decode()
    for heading in ("Metrics", "Actions"):
        assert f'label="{heading}"' in html
    assert "Children with a good level of development" in html and "Publish the early years plan" in html


def test_minutes_are_published_to_members_once(client_for, opportunity, users):
    meeting = opportunity["check_in"]
    services.meeting_minutes_save(
        meeting=meeting, by=users["secretariat"], minutes="Private draft of minutes"
    )
    assert (
        "Private draft of minutes"
        not in client_for("treasury").get(meeting.get_absolute_url()).content.decode()
    )
    publish = reverse("councils:minutes-publish", kwargs={"pk": meeting.pk})
    assert client_for("secretariat").post(publish).status_code == 302
    assert (
        "Private draft of minutes" in client_for("treasury").get(meeting.get_absolute_url()).content.decode()
    )
    assert client_for("secretariat").post(publish).status_code == 409
    edit = reverse("councils:minutes", kwargs={"pk": meeting.pk})
    assert client_for("secretariat").post(edit, {"minutes": "Rewritten"}).status_code == 409


def test_the_department_files_its_return_on_the_page(client_for, opportunity, requested):
    meeting = opportunity["check_in"]
    readiness, neet = opportunity["metrics"]
    url = reverse("councils:return", kwargs={"pk": meeting.pk})
    form = client_for("dfe").get(url).content.decode()
    assert "Submit the return" in form and f'name="m{readiness.pk}-confidence"' in form
    data = {"action": "submit"}
    for metric in (readiness, neet):
        data |= {f"m{metric.pk}-confidence": "likely", f"m{metric.pk}-reason": "On plan"}
    assert client_for("dfe").post(url, data).status_code == 302
    page = client_for("secretariat").get(url).content.decode()
    assert "Submitted" in page and "Mismatch: the department says “Likely”" in page
    assert "Submit the return" not in page
    assert client_for("secretariat").post(url, data).status_code == 403


def test_an_incomplete_submission_is_explained(client_for, opportunity, requested):
    url = reverse("councils:return", kwargs={"pk": opportunity["check_in"].pk})
    response = client_for("dfe").post(url, {"action": "submit"})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_the_department_opens_its_check_ins_and_updates_its_actions(
    client_for, opportunity, requested, organisations
):
    client = client_for("dfe")
    page = client.get(reverse("councils:mine")).content.decode()
    assert "DfE check-in" in page and "Return" in page and "Publish the early years plan" in page
    action = opportunity["overdue"]
    status_url = reverse("councils:action-status", kwargs={"pk": action.pk})
    assert client.post(status_url, {"status": "done"}).status_code == 302
    assert Action.objects.get(pk=action.pk).status == "done"
    detail = client.get(action.get_absolute_url()).content.decode()
    assert "Open to Done" in detail and "dfe" in detail
    others = ActionFactory(meeting=opportunity["earlier"], owner_organisation=organisations["dhsc"])
    assert client.get(others.get_absolute_url()).status_code == 404
    assert (
        client.post(
            reverse("councils:action-status", kwargs={"pk": others.pk}), {"status": "done"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize(("persona", "code"), [("treasury", 403), ("analyst", 403), ("accountability", 403)])
def test_roles_that_never_change_actions_are_refused(persona, code, client_for, opportunity):
    url = reverse("councils:action-status", kwargs={"pk": opportunity["overdue"].pk})
    assert client_for(persona).post(url, {"status": "done"}).status_code == code


def test_the_department_page_is_for_departments(client_for, opportunity):
    for persona in ("centre", "treasury", "secretariat", "analyst", "accountability"):
        assert client_for(persona).get(reverse("councils:mine")).status_code == 403


def test_council_page_shows_its_rhythm_and_confidence_trend(client_for, opportunity, requested, users):
    from tests.councils.conftest import judgements

    services.return_file(
        departmental_return=requested,
        by=users["dfe"],
        entries=judgements(opportunity["check_in"]),
        submit=True,
    )
    page = client_for("treasury").get(opportunity["council"].get_absolute_url()).content.decode()
    for text in ("Next meetings", "Past meetings", "Returns outstanding", "Actions by status",
                 "Delivery confidence across check-ins", "confidence-chart-figure"):  # fmt: skip
        assert text in page
    assert "Children with a good level of development: likely at one check-in" in page
    csv = client_for("treasury").get(
        reverse("councils:confidence-csv", kwargs={"slug": opportunity["council"].slug})
    )
    lines = csv.content.decode().splitlines()
    assert lines[0] == "metric,meeting,meeting_date,department,confidence,return_version,late"
    assert lines[1].startswith("school-readiness,DfE check-in,") and lines[1].endswith(",Likely,1,no")
    assert (
        client_for("dhsc")
        .get(reverse("councils:confidence-csv", kwargs={"slug": opportunity["council"].slug}))
        .status_code
        == 404
    )


def test_outstanding_returns_are_listed_until_submitted(client_for, opportunity, requested):
    page = client_for("secretariat").get(opportunity["council"].get_absolute_url()).content.decode()
    assert 'id="outstanding"' in page and f"return from {requested.organisation}</a>, due" in page
