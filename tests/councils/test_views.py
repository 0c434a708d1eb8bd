"""Council pages and pack downloads, per persona: who may see, who may change, and that others are refused."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councils import services
from councils.models import Action, CheckInPack, Meeting
from tests.factories import CouncilMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

OUTSIDERS = ["dhsc", "analyst", "ons_analyst", "accountability"]


@pytest.fixture
def member(opportunity, organisations):
    """A minister's private office account holding a seat on the opportunity council (no role needed)."""
    user = UserFactory(username="minister", organisation=organisations["dfe"], roles=[])
    CouncilMemberFactory(
        council=opportunity["council"], name="A Minister", organisation=organisations["dfe"], user=user
    )
    return user


@pytest.fixture
def client_as(client_for, member, health):
    def make(name):
        if name in ("member", "health_secretariat"):
            client = Client()
            client.force_login(member if name == "member" else health["user"])
            return client
        return client_for(name)

    return make


@pytest.fixture
def ready_pack(opportunity):
    pack = services.checkin_pack_request(meeting=opportunity["check_in"], by=None, enqueue=False)
    return services.checkin_pack_build(pack_id=pack.pk)


def page_urls(opportunity, pack):
    return [
        reverse("councils:detail", kwargs={"slug": opportunity["council"].slug}),
        reverse("councils:meeting", kwargs={"pk": opportunity["check_in"].pk}),
        reverse("councils:pack", kwargs={"pk": pack.pk}),
        reverse("councils:pack-status", kwargs={"pk": pack.pk}),
        reverse("councils:pack-pdf", kwargs={"pk": pack.pk}),
    ]


@pytest.mark.parametrize("persona", ["centre", "secretariat", "member", "treasury"])
def test_council_members_secretariat_and_centre_see_every_page_and_download(
    persona, client_as, opportunity, ready_pack
):
    client = client_as(persona)
    for url in page_urls(opportunity, ready_pack):
        response = client.get(url)
        assert response.status_code == 200, url
    pdf = client.get(reverse("councils:pack-pdf", kwargs={"pk": ready_pack.pk}))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("persona", [*OUTSIDERS, "health_secretariat"])
def test_everyone_else_is_refused_every_page_and_download(persona, client_as, opportunity, ready_pack):
    client = client_as(persona)
    for url in page_urls(opportunity, ready_pack):
        assert client.get(url).status_code == 404, url


def test_the_department_under_review_opens_its_check_in_but_not_the_council_or_its_packs(
    client_for, opportunity, ready_pack
):
    client = client_for("dfe")
    urls = page_urls(opportunity, ready_pack)
    assert client.get(urls[1]).status_code == 200
    for url in [urls[0], *urls[2:]]:
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in(client_for, opportunity, ready_pack):
    for url in page_urls(opportunity, ready_pack):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"]


@pytest.mark.parametrize("persona", [*OUTSIDERS, "dfe"])
def test_list_pages_are_refused_to_people_without_a_council(persona, client_for, opportunity):
    assert client_for(persona).get(reverse("councils:list")).status_code == 403
    assert client_for(persona).get(reverse("councils:actions")).status_code == 403


def test_secretariat_lists_only_its_own_council(client_as, opportunity):
    page = client_as("health_secretariat").get(reverse("councils:list")).content.decode()
    assert "Health Mission Council" in page and "Opportunity Mission Council" not in page
    page = client_as("secretariat").get(reverse("councils:list")).content.decode()
    assert "Opportunity Mission Council" in page and "Health Mission Council" not in page


def test_council_page_shows_members_taskforce_units_and_illustrative_label(client_for, opportunity):
    page = client_for("secretariat").get(opportunity["council"].get_absolute_url()).content.decode()
    assert "Education Secretary" in page
    assert "Sam Secretariat" in page and "Delivery Unit" in page
    assert "Illustrative example" in page


def test_overdue_actions_are_highlighted(client_for, opportunity):
    page = client_for("centre").get(reverse("councils:actions")).content.decode()
    assert "Publish the early years plan" in page
    assert "md-overdue" in page and "Overdue" in page
    assert "1 overdue of 1" in page


def test_meeting_page_offers_the_build_button_to_the_secretariat_only(client_as, opportunity):
    url = opportunity["check_in"].get_absolute_url()
    assert "Build check-in pack" in client_as("secretariat").get(url).content.decode()
    assert "Build check-in pack" not in client_as("member").get(url).content.decode()


def manage_requests(opportunity):
    action = opportunity["overdue"]
    return [
        (
            "councils:meeting-create",
            {"slug": opportunity["council"].slug},
            {"kind": "strategy", "title": "Spring council", "starts_at": "2026-04-01T10:00"},
        ),
        (
            "councils:action-create",
            {"pk": opportunity["check_in"].pk},
            {
                "title": "Write to schools",
                "owner_organisation": action.owner_organisation_id,
                "due_date": "2026-06-01",
            },
        ),
        ("councils:action-status", {"pk": action.pk}, {"status": "done"}),
        ("councils:pack-request", {"pk": opportunity["check_in"].pk}, {"as_at": ""}),
    ]


@pytest.mark.parametrize("persona", ["centre", "secretariat"])
def test_secretariat_and_centre_can_change_the_councils_papers(
    persona, client_for, opportunity, django_capture_on_commit_callbacks
):
    client = client_for(persona)
    with django_capture_on_commit_callbacks(execute=True):
        for name, kwargs, data in manage_requests(opportunity):
            response = client.post(reverse(name, kwargs=kwargs), data)
            assert response.status_code == 302, (name, response.content[:2000])
    assert Meeting.objects.filter(title="Spring council").exists()
    assert Action.objects.filter(title="Write to schools").exists()
    assert Action.objects.get(pk=opportunity["overdue"].pk).status == "done"
    pack = CheckInPack.objects.get()
    assert pack.status == "ready"  # eager Celery in tests


@pytest.mark.parametrize(
    ("persona", "code"), [("member", 403), ("health_secretariat", 404), ("treasury", 403)]
)
def test_others_cannot_change_the_councils_papers(persona, code, client_as, opportunity):
    client = client_as(persona)
    for name, kwargs, data in manage_requests(opportunity):
        assert client.post(reverse(name, kwargs=kwargs), data).status_code == code, name
    assert not Meeting.objects.filter(title="Spring council").exists()
    assert Action.objects.get(pk=opportunity["overdue"].pk).status == "open"
    assert not CheckInPack.objects.exists()


def test_check_in_without_department_is_refused_with_a_message(client_for, opportunity):
    url = reverse("councils:meeting-create", kwargs={"slug": opportunity["council"].slug})
    response = client_for("secretariat").post(
        url, {"kind": "check_in", "title": "X", "starts_at": "2026-04-01T10:00"}
    )
    assert response.status_code == 200
    assert "Choose the department under review for a check-in" in response.content.decode()


def test_pack_page_refreshes_while_building_and_shows_the_pack_when_ready(client_for, opportunity):
    pack = services.checkin_pack_request(meeting=opportunity["check_in"], by=None, enqueue=False)
    page = client_for("secretariat").get(reverse("councils:pack", kwargs={"pk": pack.pk})).content.decode()
    assert 'http-equiv="refresh"' in page and "Waiting for a worker" in page
    status = client_for("secretariat").get(reverse("councils:pack-status", kwargs={"pk": pack.pk})).json()
    assert (status["status"], status["progress"], status["pdf_url"]) == ("queued", 0, None)
    services.checkin_pack_build(pack_id=pack.pk)
    page = client_for("secretariat").get(reverse("councils:pack", kwargs={"pk": pack.pk})).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "Download the PDF" in page and "Children with a good level of development" in page
    assert "<svg" in page


def test_pack_with_a_future_as_at_is_refused(client_for, opportunity):
    future = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("councils:pack-request", kwargs={"pk": opportunity["check_in"].pk})
    client_for("secretariat").post(url, {"as_at": future})
    assert not CheckInPack.objects.exists()


def test_meeting_page_lists_pack_versions_with_queries_bounded(
    client_for, opportunity, ready_pack, django_assert_max_num_queries
):
    services.checkin_pack_request(meeting=opportunity["check_in"], by=None, enqueue=False)
    client = client_for("secretariat")
    with django_assert_max_num_queries(20):
        page = client.get(opportunity["check_in"].get_absolute_url()).content.decode()
    assert "Version 2" in page and "Version 1" in page
