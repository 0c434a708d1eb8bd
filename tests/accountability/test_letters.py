"""Mandate letters through the product's pages: every transition, and every refusal per role."""

import datetime as dt

import pytest

from accountability.models import CommitmentUpdate, MandateLetter, StatusChange
from missions.models import AuditEvent

pytestmark = pytest.mark.django_db
ROLES = ["treasury", "dfe", "dhsc", "analyst", "secretariat", "accountability"]


def compose(client, world):
    response = client.post(
        "/accountability/mandate-letters/new/",
        {
            "department": world["orgs"]["dfe"].pk,
            "minister_title": "Secretary of State for Education",
            "minister_name": "",
            "missions": [world["mission"].pk],
            "summary": "Lead the opportunity mission.",
        },
    )
    assert response.status_code == 302, response.text[response.text.find("govuk-error-summary") :][:800]
    return MandateLetter.objects.get()


def test_the_centre_composes_issues_and_publishes_a_letter_without_the_admin(client_for, world):
    centre = client_for("centre")
    letter = compose(centre, world)
    assert letter.status == "draft"
    url = letter.get_absolute_url()
    r = centre.post(
        f"{url}commitments/",
        {
            "metric": world["gld"].pk,
            "milestone": world["milestone"].pk,
            "text": "Reach 75% of children with a good level of development.",
        },
    )
    assert r.status_code == 302
    assert centre.post(f"{url}issue/", {"issued_on": "2025-01-13"}).status_code == 302
    assert centre.post(f"{url}publish/").status_code == 302
    letter.refresh_from_db()
    assert letter.status == "published" and letter.issued_on == dt.date(2025, 1, 13)
    changes = StatusChange.objects.filter(object_id=letter.pk, content_type__model="mandateletter")
    assert [c.to_value for c in changes] == ["draft", "issued", "published"]
    assert AuditEvent.objects.filter(action="mandateletter.status").count() == 3
    # now public, with its commitment's computed status beside the (empty) self-assessment
    page = client_for(None).get(url)
    assert page.status_code == 200 and "Reach 75%" in page.text and "No assessment yet" in page.text


@pytest.mark.parametrize("persona", ROLES)
def test_only_the_centre_composes_letters(client_for, world, persona):
    assert client_for(persona).get("/accountability/mandate-letters/new/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in_to_compose(client_for, world):
    response = client_for(None).get("/accountability/mandate-letters/new/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


@pytest.mark.parametrize("persona", ["treasury", "dfe", "accountability"])
def test_transitions_are_refused_to_other_roles(client_for, issued_letter, persona):
    url = issued_letter.get_absolute_url()
    expected = 403 if persona in ("treasury", "dfe") else 404  # the body cannot see an unpublished letter
    assert client_for(persona).post(f"{url}publish/").status_code == expected


def test_a_transition_from_the_wrong_status_is_a_409(client_for, issued_letter, world):
    centre = client_for("centre")
    url = issued_letter.get_absolute_url()
    assert centre.post(f"{url}issue/", {}).status_code == 409
    assert (
        centre.post(f"{url}commitments/", {"metric": world["gld"].pk, "text": "Late bullet"}).status_code
        == 409
    )
    centre.post(f"{url}publish/")
    assert centre.post(f"{url}publish/").status_code == 409


def test_a_letter_without_commitments_cannot_be_issued(client_for, world):
    centre = client_for("centre")
    letter = compose(centre, world)
    assert centre.post(f"{letter.get_absolute_url()}issue/", {}).status_code == 409


def test_drafts_stay_with_the_centre_and_issued_letters_reach_their_department(
    client_for, world, issued_letter
):
    url = issued_letter.get_absolute_url()
    for persona, expected in [
        ("centre", 200),
        ("treasury", 200),
        ("dfe", 200),
        ("analyst", 200),
        ("dhsc", 404),
        ("secretariat", 404),
        ("accountability", 404),
        (None, 404),
    ]:
        assert client_for(persona).get(url).status_code == expected, persona
    MandateLetter.objects.filter(pk=issued_letter.pk).update(status="draft")
    assert client_for("dfe").get(url).status_code == 404


def test_the_department_records_a_status_beside_the_data(client_for, issued_letter):
    commitment = issued_letter.commitments.get()
    url = commitment.get_absolute_url()
    r = client_for("dfe").post(
        f"{url}status/", {"status": "underway_challenges", "rationale": "Staff shortages."}
    )
    assert r.status_code == 302
    client_for("dfe").post(f"{url}status/", {"status": "underway_on_track", "rationale": "Recruited."})
    history = list(commitment.updates.values_list("status", flat=True))
    assert history == ["underway_challenges", "underway_on_track"]  # append-only
    page = client_for("dfe").get(url)
    assert "Underway – with challenges" in page.text and "Underway – on track" in page.text
    assert "Computed status" in page.text and "Rose from 60.0% (2019) to 66.0% (2022)" in page.text


@pytest.mark.parametrize("persona,expected", [("dhsc", 404), ("treasury", 403), ("analyst", 403)])
def test_other_departments_and_roles_cannot_assess_a_commitment(client_for, issued_letter, persona, expected):
    url = issued_letter.commitments.get().get_absolute_url()
    assert (
        client_for(persona).post(f"{url}status/", {"status": "ongoing", "rationale": "x"}).status_code
        == expected
    )
    assert not CommitmentUpdate.objects.exists()


def test_the_computed_status_can_be_read_as_at_a_past_date(client_for, issued_letter):
    url = issued_letter.commitments.get().get_absolute_url()
    before = dt.date.today() - dt.timedelta(days=60)  # before any figure was recorded
    page = client_for("centre").get(f"{url}?as_at={before.isoformat()}")
    assert "No figures yet." in page.text


def test_the_letter_renders_as_a_pdf(client_for, issued_letter):
    response = client_for("dfe").get(f"{issued_letter.get_absolute_url()}pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
