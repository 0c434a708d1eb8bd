"""A body's report through the pages: draft, judge, recommend, review, lay; embargo per role; responses."""

import datetime as dt

import pytest
from django.utils import timezone

from accountability.calendar import DEFAULT_RESPONSE_DAYS
from accountability.models import Report
from tests.accountability.conftest import import_values

pytestmark = pytest.mark.django_db
NOT_BODY = ["centre", "treasury", "dfe", "dhsc", "analyst", "secretariat"]


def test_a_body_drafts_reviews_and_lays_a_report_without_the_admin(client_for, world):
    member = client_for("accountability")
    body_url = world["body"].get_absolute_url()
    r = member.post(
        f"{body_url}reports/new/",
        {
            "title": "First report",
            "summary": "Progress is slow.",
            "as_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "policy_credibility_share": "40",
        },
    )
    assert r.status_code == 302
    report = Report.objects.get()
    url = report.get_absolute_url()
    # a verdict that differs from the computed status needs a note
    r = member.post(
        f"{url}judgements/", {"metric": world["gld"].pk, "verdict": "achieved", "commentary": "C"}
    )
    assert r.status_code == 400 and "say why in a note" in r.text
    r = member.post(
        f"{url}judgements/",
        {
            "metric": world["gld"].pk,
            "verdict": "achieved",
            "commentary": "C",
            "difference_note": "We count the pilot areas.",
        },
    )
    assert r.status_code == 302
    member.post(f"{url}recommendations/", {"text": "Publish a trajectory.", "owner": world["orgs"]["dfe"].pk})
    assert member.post(f"{url}submit/").status_code == 302
    assert member.post(f"{url}lay/", {"laid_on": "2026-07-14"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "laid" and report.laid_on == dt.date(2026, 7, 14)
    due = dt.date(2026, 7, 14) + dt.timedelta(days=DEFAULT_RESPONSE_DAYS)
    assert report.government_response_due == due and report.recommendations.get().response_due == due
    page = client_for(None).get(url)
    assert page.status_code == 200 and "Differs" in page.text and "We count the pilot areas." in page.text
    assert "40.0%" in page.text and "Recommendation 1" in page.text


def test_the_statutory_calendar_can_be_a_fixed_day(world, laid_report):
    from accountability.calendar import default_response_due

    body = world["body"]
    body.response_month, body.response_day = 10, 15
    assert default_response_due(body, dt.date(2026, 6, 30)) == dt.date(2026, 10, 15)
    assert default_response_due(body, dt.date(2026, 10, 16)) == dt.date(2027, 10, 15)
    body.response_month = body.response_day = None
    body.response_days = 30
    assert default_response_due(body, dt.date(2026, 6, 30)) == dt.date(2026, 7, 30)


@pytest.mark.parametrize("persona", NOT_BODY + [None])
def test_a_draft_is_embargoed_from_everyone_but_its_body(client_for, world, persona):
    from accountability import services

    draft = services.report_create(
        body=world["body"], by=world["users"]["accountability"], title="T", summary="S"
    )
    assert client_for(persona).get(draft.get_absolute_url()).status_code == 404
    assert client_for(persona).get(f"/api/v1/reports/{draft.pk}/").status_code == 404
    assert client_for("accountability").get(draft.get_absolute_url()).status_code == 200
    assert "T" not in [r["title"] for r in client_for(persona).get("/api/v1/reports/").json()["results"]]


@pytest.mark.parametrize("persona", NOT_BODY)
def test_only_the_body_writes_its_report(client_for, world, persona):
    assert client_for(persona).get(f"{world['body'].get_absolute_url()}reports/new/").status_code == 403


def test_a_member_of_another_body_may_not_write_here(client_for, world, users):
    from tests.factories import OrganisationFactory, UserFactory

    other = UserFactory(
        username="other-body", organisation=OrganisationFactory(slug="x-body"), roles=["accountability"]
    )
    client = client_for(None)
    client.force_login(other)
    assert client.get(f"{world['body'].get_absolute_url()}reports/new/").status_code == 403


def test_transitions_from_the_wrong_status_are_409(client_for, laid_report, world):
    member = client_for("accountability")
    url = laid_report.get_absolute_url()
    assert member.post(f"{url}submit/").status_code == 409
    assert member.post(f"{url}lay/", {"laid_on": "2026-07-14"}).status_code == 409
    assert member.post(f"{url}return/", {}).status_code == 409
    r = member.post(f"{url}recommendations/", {"text": "Late", "owner": world["orgs"]["dfe"].pk})
    assert r.status_code == 409


def test_a_report_in_review_can_be_returned_to_draft(client_for, world):
    from accountability import services

    member = world["users"]["accountability"]
    report = services.report_create(body=world["body"], by=member, title="T", summary="S")
    assert (
        client_for("accountability").post(f"{report.get_absolute_url()}submit/").status_code == 409
    )  # no judgement
    services.judgement_set(
        report=report,
        by=member,
        metric=world["gld"],
        verdict="too_early",
        commentary="C",
        difference_note="n",
    )
    services.report_submit(report=report, by=member)
    assert (
        client_for("accountability")
        .post(f"{report.get_absolute_url()}return/", {"reason": "Redo"})
        .status_code
        == 302
    )
    report.refresh_from_db()
    assert report.status == "draft"


def test_a_report_laid_before_a_data_revision_keeps_its_figures(client_for, laid_report):
    before = client_for(None).get(laid_report.get_absolute_url()).text
    assert "66.0% (2022)" in before
    import_values({"2022": "70.5", "2023": "72.0"})  # a revision and a new year, recorded after laying
    after = client_for(None).get(laid_report.get_absolute_url()).text
    assert "66.0% (2022)" in after and "72.0%" not in after and "70.5%" not in after
    api = client_for(None).get(f"/api/v1/reports/{laid_report.pk}/").json()
    assert api["judgements"][0]["computed"]["latest_value"] == "66.0%"


def test_the_owning_department_responds_and_others_are_refused(client_for, laid_report):
    r1 = laid_report.recommendations.get(number=1)
    url = r1.get_absolute_url()
    for persona, expected in [
        ("dhsc", 403),
        ("centre", 403),
        ("treasury", 403),
        ("accountability", 403),
        ("analyst", 403),
        ("secretariat", 403),
    ]:
        assert (
            client_for(persona)
            .post(f"{url}response/", {"response": "accepted", "response_text": "x"})
            .status_code
            == expected
        ), persona
    r = client_for("dfe").post(
        f"{url}response/", {"response": "rejected", "response_text": "We explain why."}
    )
    assert r.status_code == 302
    r1.refresh_from_db()
    assert r1.response == "rejected" and r1.responded_on == timezone.localdate()
    again = client_for("dfe").post(
        f"{url}response/", {"response": "accepted", "response_text": "Changed mind."}
    )
    assert again.status_code == 409
    assert "We explain why." in client_for(None).get(laid_report.get_absolute_url()).text


def test_a_response_needs_comply_or_explain_text(client_for, laid_report):
    url = laid_report.recommendations.get(number=1).get_absolute_url()
    assert (
        client_for("dfe").post(f"{url}response/", {"response": "accepted", "response_text": ""}).status_code
        == 400
    )


def test_the_due_date_can_be_extended_with_a_reason(client_for, laid_report):
    r2 = laid_report.recommendations.get(number=2)
    url = r2.get_absolute_url()
    later = (r2.response_due + dt.timedelta(days=30)).isoformat()
    assert client_for("dhsc").post(f"{url}extend/", {"new_due": later, "reason": "x"}).status_code == 403
    assert client_for("dfe").post(f"{url}extend/", {"new_due": later, "reason": ""}).status_code == 400
    assert (
        client_for("centre")
        .post(f"{url}extend/", {"new_due": later, "reason": "Spending review"})
        .status_code
        == 302
    )
    r2.refresh_from_db()
    assert r2.response_due.isoformat() == later
    assert "Spending review" in client_for(None).get(url).text
    earlier = (r2.response_due - dt.timedelta(days=1)).isoformat()
    assert client_for("centre").post(f"{url}extend/", {"new_due": earlier, "reason": "x"}).status_code == 400


def test_the_mission_page_links_the_latest_report_and_marks_the_body(client_for, laid_report, world):
    world["body"].illustrative = True
    world["body"].save()
    page = client_for(None).get(f"/public/missions/{world['mission'].slug}/")
    assert laid_report.get_absolute_url() in page.text
    assert page.text.count("Illustrative example") >= 1


def test_the_report_renders_as_a_pdf(client_for, laid_report):
    response = client_for(None).get(f"{laid_report.get_absolute_url()}pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_body_page_shows_its_missions_data(client_for, world):
    page = client_for("accountability").get(world["body"].get_absolute_url())
    assert page.status_code == 200
    assert "Good level of development" in page.text and "Rose from 60.0% (2019) to 66.0% (2022)." in page.text
