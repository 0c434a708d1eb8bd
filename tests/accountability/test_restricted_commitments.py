"""Issue 10: a published mandate letter with a commitment on a restricted metric shows the commitment's
words to every reader, but the metric's name, its figures and the department's rationale (which may quote
them) only to readers who may see the metric — on the letter, the commitment, the department dashboard
and the API."""

import datetime as dt

import pytest

from accountability import services
from tests.factories import MetricFactory, ObservationFactory

pytestmark = pytest.mark.django_db

SECRET = "Secret attainment gap"
WHY = "Secret rationale quoting 12.3"


@pytest.fixture
def letter(world):
    centre = world["users"]["centre"]
    secret = MetricFactory(
        slug="secret", name=SECRET, mission=world["mission"], owner=world["orgs"]["dfe"], restricted=True
    )
    ObservationFactory(metric=secret, period_start=dt.date(2024, 1, 1), value="12.3")
    letter = services.mandate_letter_create(
        by=centre, department=world["orgs"]["dfe"], minister_title="Secretary of State for Education"
    )
    services.mandate_commitment_add(letter=letter, by=centre, metric=world["gld"], text="Raise GLD to 75%.")
    commitment = services.mandate_commitment_add(
        letter=letter, by=centre, metric=secret, text="Close the gap."
    )
    letter = services.mandate_letter_issue(letter=letter, by=centre, issued_on=dt.date(2025, 1, 10))
    commitment.refresh_from_db()
    services.commitment_update_add(
        commitment=commitment, by=world["users"]["dfe"], status="underway_on_track", rationale=WHY
    )
    return services.mandate_letter_publish(letter=letter, by=centre), commitment


def _paths(letter, commitment):
    return (letter.get_absolute_url(), commitment.get_absolute_url(), f"/api/v1/mandate-letters/{letter.pk}/")


@pytest.mark.parametrize("persona", [None, "dhsc", "secretariat", "accountability"])
def test_readers_who_may_not_see_the_metric_get_the_commitment_without_it(client_for, letter, persona):
    client = client_for(persona)
    for path in _paths(*letter):
        response = client.get(path)
        if response.status_code == 302:
            continue  # signed-out readers of an internal page are sent to sign in
        assert response.status_code == 200, path
        text = response.content.decode()
        assert SECRET not in text and "/metrics/secret/" not in text and '"secret"' not in text, path
        assert WHY not in text and "12.3" not in text, path
        assert "Close the gap." in text, path


def test_the_api_says_what_it_withholds(client_for, letter):
    data = client_for("dhsc").get(f"/api/v1/mandate-letters/{letter[0].pk}/").json()
    hidden = next(c for c in data["commitments"] if c["expected_contribution"] == "Close the gap.")
    assert hidden["metric"] is None and hidden["computed"] is None
    assert (
        hidden["self_assessment"]["status"] == "underway_on_track"
        and hidden["self_assessment"]["rationale"] == ""
    )
    shown = next(c for c in data["commitments"] if c["metric"] == "gld")
    assert shown["computed"] is not None


@pytest.mark.parametrize("persona", ["centre", "treasury", "dfe"])  # the centre and HMT see all
def test_readers_who_may_see_the_metric_get_all_of_it(client_for, letter, persona):
    client = client_for(persona)
    for path in _paths(*letter):
        text = client.get(path).content.decode()
        assert SECRET in text or '"secret"' in text, path
        assert WHY in text, path


def test_the_department_dashboard_names_it_only_for_its_readers(client_for, world, letter):
    path = f"/departments/{world['orgs']['dfe'].slug}/"
    assert SECRET in client_for("dfe").get(path).content.decode()
    other = client_for("dhsc").get(path)
    if other.status_code == 200:
        assert SECRET not in other.content.decode()
