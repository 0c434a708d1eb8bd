"""The annual review: drafted from the data as at the review date, judged and signed off by the centre,
frozen against later revisions."""

import datetime as dt

import pytest
from django.utils import timezone

from accountability.models import AnnualReview
from councils import services as council_services
from missions.models import Contribution
from tests.accountability.conftest import import_values
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def department_record(world, users):
    """An action done, an action overdue and a contribution, all before the review date."""
    orgs = world["orgs"]
    done = ActionFactory(
        title="Publish the plan",
        owner_organisation=orgs["dfe"],
        metric=world["gld"],
        due_date=dt.date.today() - dt.timedelta(days=20),
    )
    council_services.action_update_status(action=done, status="done", by=users["centre"])
    ActionFactory(
        title="Recruit staff",
        owner_organisation=orgs["dfe"],
        metric=world["gld"],
        due_date=dt.date.today() - dt.timedelta(days=5),
    )
    Contribution.objects.create(
        mission=world["mission"], organisation=orgs["dfe"], outcome="More children ready"
    )


def test_the_review_is_drafted_from_the_data_and_signed_off(client_for, issued_letter, department_record):
    centre = client_for("centre")
    today = timezone.localdate().isoformat()
    r = centre.post(f"{issued_letter.get_absolute_url()}reviews/", {"reviewed_on": today})
    assert r.status_code == 302
    review = AnnualReview.objects.get()
    row = review.content["commitments"][0]
    assert row["figure"]["latest_value"] == "66.0%" and row["figure"]["trend"].startswith("Rose from 60.0%")
    assert [a["title"] for a in row["actions_done"]] == ["Publish the plan"]
    assert [a["title"] for a in row["actions_overdue"]] == ["Recruit staff"]
    assert review.content["contributions"][0]["outcome"] == "More children ready"
    page = centre.get(review.get_absolute_url())
    assert "1 done, 1 overdue" in page.text and "More children ready" in page.text
    # the department may read it but not sign it off
    assert client_for("dfe").get(review.get_absolute_url()).status_code == 200
    assert (
        client_for("dfe")
        .post(f"{review.get_absolute_url()}sign-off/", {"rating": "met", "summary": "x"})
        .status_code
        == 403
    )
    assert (
        centre.post(
            f"{review.get_absolute_url()}sign-off/", {"rating": "partly_met", "summary": ""}
        ).status_code
        == 400
    )
    r = centre.post(
        f"{review.get_absolute_url()}sign-off/", {"rating": "partly_met", "summary": "Plans in place."}
    )
    assert r.status_code == 302
    review.refresh_from_db()
    assert review.status == "signed_off" and review.rating == "partly_met" and review.signed_off_at
    assert (
        centre.post(f"{review.get_absolute_url()}sign-off/", {"rating": "met", "summary": "x"}).status_code
        == 409
    )
    assert (
        centre.post(f"{issued_letter.get_absolute_url()}reviews/", {"reviewed_on": today}).status_code == 409
    )


def test_a_review_as_at_a_past_date_reads_the_data_then(client_for, issued_letter):
    past = (timezone.localdate() - dt.timedelta(days=60)).isoformat()  # before any figure was recorded
    client_for("centre").post(f"{issued_letter.get_absolute_url()}reviews/", {"reviewed_on": past})
    assert AnnualReview.objects.get().content["commitments"][0]["figure"]["trend"] == "No figures yet."


def test_a_review_is_frozen_against_later_revisions(client_for, issued_letter):
    client_for("centre").post(
        f"{issued_letter.get_absolute_url()}reviews/", {"reviewed_on": timezone.localdate().isoformat()}
    )
    review = AnnualReview.objects.get()
    import_values({"2022": "70.5"})
    page = client_for("centre").get(review.get_absolute_url()).text
    assert "66.0% (2022)" in page and "70.5%" not in page


def test_a_draft_letter_cannot_be_reviewed(client_for, world):
    from accountability import services

    letter = services.mandate_letter_create(
        by=world["users"]["centre"], department=world["orgs"]["dfe"], minister_title="Minister"
    )
    r = client_for("centre").post(f"{letter.get_absolute_url()}reviews/", {"reviewed_on": "2026-01-01"})
    assert r.status_code == 409
