"""Departmental returns: the mismatch wording, versions and lateness, who reads what, and the pack as at a
moment (a pack built before a late return does not contain it; a rebuild does)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councils import returns, services
from councils.models import DepartmentalReturn, ReturnVersion
from councils.packs import content as pack_content
from missions.models import AuditEvent
from tests.councils.conftest import judgements

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("confidence", "status", "label", "words"),
    [
        (
            "likely",
            "off_track",
            "Off track",
            "Mismatch: the department says “Likely” but the data say off track.",
        ),
        (
            "highly_likely",
            "deteriorating",
            "Deteriorating",
            "says “Highly likely” but the data say deteriorating",
        ),
        ("highly_likely", "at_risk", "At risk", "says “Highly likely” but the data say at risk"),
        ("unlikely", "on_track", "On track", "says “Unlikely” but the data say on track"),
        ("highly_unlikely", "achieved", "Achieved", "says “Highly unlikely” but the data say achieved"),
    ],
)
def test_a_judgement_the_data_do_not_support_is_called_out_in_words(confidence, status, label, words):
    assert words in returns.mismatch(confidence, status, label)


@pytest.mark.parametrize(
    ("confidence", "status"),
    [
        ("likely", "on_track"),
        ("likely", "at_risk"),
        ("unlikely", "at_risk"),
        ("unlikely", "off_track"),
        ("highly_unlikely", "deteriorating"),
        ("likely", "no_target"),
        ("highly_likely", "not_enough_data"),
        ("", "off_track"),
    ],
)
def test_a_judgement_consistent_with_the_data_or_not_checkable_is_not_called_out(confidence, status):
    assert returns.mismatch(confidence, status, status.replace("_", " ")) == ""


def test_optimism_and_pessimism_get_different_questions():
    assert "what will close the gap" in returns.mismatch("likely", "off_track", "Off track")
    assert "what the department sees" in returns.mismatch("unlikely", "on_track", "On track")


def test_each_filing_is_a_new_version_and_only_submissions_count(requested, users, opportunity):
    meeting = opportunity["check_in"]
    draft = services.return_file(
        departmental_return=requested, by=users["dfe"], entries=judgements(meeting)[:1], submit=False
    )
    assert draft.number == 1 and draft.submitted_at is None
    assert returns.state(requested).label == "Requested"
    submitted = services.return_file(
        departmental_return=requested, by=users["dfe"], entries=judgements(meeting), submit=True
    )
    assert submitted.number == 2 and submitted.submitted_at is not None
    assert returns.state(requested).label == "Submitted"
    assert returns.submitted_as_at(requested) == submitted
    assert AuditEvent.objects.filter(action="return.submit", object_id=str(requested.pk)).count() == 1
    assert AuditEvent.objects.filter(action="return.draft", object_id=str(requested.pk)).count() == 1


def test_a_submission_must_cover_everything_with_a_judgement_and_reason(requested, users, opportunity):
    meeting = opportunity["check_in"]
    with pytest.raises(ValidationError, match="covers every metric"):
        services.return_file(
            departmental_return=requested, by=users["dfe"], entries=judgements(meeting)[:1], submit=True
        )
    with pytest.raises(ValidationError, match="confidence and its reason"):
        services.return_file(
            departmental_return=requested,
            by=users["dfe"],
            entries=judgements(meeting, reason=""),
            submit=True,
        )
    assert not ReturnVersion.objects.exists()


def test_a_return_cannot_cover_a_metric_the_department_does_not_own(requested, users, opportunity):
    from tests.factories import MetricFactory

    other = MetricFactory(mission=opportunity["mission"], owner=users["dhsc"].organisation)
    with pytest.raises(ValidationError, match="does not cover"):
        services.return_file(
            departmental_return=requested,
            by=users["dfe"],
            entries=[{"metric": other, "confidence": "likely", "reason": "x"}],
            submit=False,
        )


def test_a_return_after_the_deadline_is_flagged_late(requested, users, opportunity):
    DepartmentalReturn.objects.filter(pk=requested.pk).update(deadline=timezone.now() - dt.timedelta(hours=1))
    requested.refresh_from_db()
    assert returns.state(requested).label == "Overdue"
    services.return_file(
        departmental_return=requested,
        by=users["dfe"],
        entries=judgements(opportunity["check_in"]),
        submit=True,
    )
    assert returns.state(requested).label == "Submitted late"
    assert returns.state(requested).late


def test_a_return_is_closed_once_the_meeting_has_taken_place(requested, users, opportunity):
    meeting = opportunity["check_in"]
    type(meeting).objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=1))
    requested.refresh_from_db()
    with pytest.raises(services.StateConflict):
        services.return_file(departmental_return=requested, by=users["dfe"], entries=[], submit=False)


def test_a_return_is_requested_once_and_only_for_a_check_in(requested, users, opportunity):
    with pytest.raises(services.StateConflict):
        services.return_request(
            meeting=opportunity["check_in"], by=users["secretariat"], deadline=requested.deadline
        )
    earlier = opportunity["earlier"]
    with pytest.raises(ValidationError):
        services.return_request(meeting=earlier, by=users["secretariat"], deadline=timezone.now())


def test_pack_built_before_a_late_return_does_not_contain_it_and_a_rebuild_does(
    requested, users, opportunity
):
    meeting = opportunity["check_in"]
    DepartmentalReturn.objects.filter(pk=requested.pk).update(deadline=timezone.now() - dt.timedelta(hours=1))
    before = services.checkin_pack_request(meeting=meeting, by=users["secretariat"], enqueue=False)
    before = services.checkin_pack_build(pack_id=before.pk)
    services.return_file(
        departmental_return=requested, by=users["dfe"], entries=judgements(meeting, "likely"), submit=True
    )
    after = services.checkin_pack_request(meeting=meeting, by=users["secretariat"], enqueue=False)
    after = services.checkin_pack_build(pack_id=after.pk)
    assert before.status == after.status == "ready"

    assert before.content["departmental_return"]["version"] is None
    assert before.content["departmental_return"]["overdue_at_as_at"] is True
    assert "No return had been submitted" in before.html
    assert "The plan is funded and on schedule." not in before.html

    filed = after.content["departmental_return"]
    assert filed["version"]["number"] == 1 and filed["version"]["late"] is True
    assert "The plan is funded and on schedule." in after.html and "Late" in after.html
    row = filed["rows"][0]
    assert row["confidence_label"] == "Likely" and row["status_label"]  # judgement beside the computed status
    assert row["mismatch"] == returns.mismatch("likely", row["status"], row["status_label"])

    # the earlier pack is frozen: rebuilding its content as at its moment still leaves the return out
    again = pack_content.assemble(meeting, before.as_at)
    assert again["departmental_return"]["version"] is None


def test_pack_opens_with_the_actions_from_the_last_meeting(opportunity, users):
    content = pack_content.assemble(opportunity["check_in"], timezone.now())
    last = content["last_meeting"]
    assert last["title"] == "First strategy council"
    assert [a["title"] for a in last["actions"]] == ["Publish the early years plan"]
    assert last["actions"][0]["overdue"] is True


def _return_page(client, opportunity):
    return client.get(reverse("councils:return", kwargs={"pk": opportunity["check_in"].pk}))


def test_drafts_are_the_departments_alone_and_members_read_submissions(
    requested, users, opportunity, client_for, dhsc_member
):
    meeting = opportunity["check_in"]
    services.return_file(
        departmental_return=requested,
        by=users["dfe"],
        entries=judgements(meeting, reason="Draft words"),
        submit=False,
    )
    member = Client()
    member.force_login(dhsc_member)
    assert "Draft words" in _return_page(client_for("dfe"), opportunity).content.decode()
    for reader in (client_for("secretariat"), client_for("centre"), client_for("treasury"), member):
        response = _return_page(reader, opportunity)
        assert response.status_code == 200 and "Draft words" not in response.content.decode()
    services.return_file(
        departmental_return=requested,
        by=users["dfe"],
        entries=judgements(meeting, reason="Final words"),
        submit=True,
    )
    for reader in (client_for("secretariat"), client_for("treasury"), member):
        assert "Final words" in _return_page(reader, opportunity).content.decode()


@pytest.mark.parametrize("persona", ["dhsc", "analyst", "ons_analyst", "accountability"])
def test_another_department_cannot_read_the_return_before_the_meeting(
    persona, requested, users, opportunity, client_for
):
    services.return_file(
        departmental_return=requested,
        by=users["dfe"],
        entries=judgements(opportunity["check_in"]),
        submit=True,
    )
    assert _return_page(client_for(persona), opportunity).status_code == 404


def test_return_page_shows_judgement_beside_status_with_the_mismatch(
    requested, users, opportunity, client_for
):
    meeting = opportunity["check_in"]
    services.return_file(
        departmental_return=requested,
        by=users["dfe"],
        entries=judgements(meeting, "highly_likely"),
        submit=True,
    )
    page = _return_page(client_for("secretariat"), opportunity).content.decode()
    rows = returns.beside_the_data(returns.entries_of(returns.submitted_as_at(requested)))
    assert "Highly likely" in page
    assert [row.status_label for row in rows if row.mismatch]  # the off-track readiness metric
    for row in rows:
        assert row.status_label in page
        assert row.mismatch in page
