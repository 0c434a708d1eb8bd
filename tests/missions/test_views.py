"""Every page for each persona: the right one sees it, the wrong one is refused."""

import pytest

from metrics.services import observation_import
from tests.factories import MetricFactory, MissionFactory, TargetFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisations):
    mission = MissionFactory(
        slug="opportunity", title="Break down barriers to opportunity", lead_organisation=organisations["dfe"]
    )
    gld = MetricFactory(
        slug="gld", name="Good level of development", mission=mission, owner=organisations["dfe"]
    )
    TargetFactory(metric=gld)
    secret = MetricFactory(
        slug="secret",
        name="Restricted DHSC metric",
        mission=mission,
        owner=organisations["dhsc"],
        restricted=True,
        tier="comprehensive",
    )
    hidden = MetricFactory(
        slug="hidden", name="Unpublished metric", mission=mission, owner=organisations["dfe"], published=False
    )
    observation_import(
        rows=[
            {"metric": "gld", "period": p, "geography": "K02000001", "value": v}
            for p, v in [("2019", "71.8"), ("2022", "65.2"), ("2023", "67.2")]
        ],
        format="demo",
        system=True,
    )
    return {"mission": mission, "gld": gld, "secret": secret, "hidden": hidden}


OFFICIALS = ["centre", "treasury", "dfe", "dhsc", "analyst", "secretariat"]


@pytest.mark.parametrize("persona", OFFICIALS)
def test_officials_see_the_overview(client_for, world, persona):
    response = client_for(persona).get("/")
    assert response.status_code == 200
    assert "Break down barriers to opportunity" in response.text
    assert "Good level of development" in response.text


@pytest.mark.parametrize("path", ["/", "/missions/opportunity/", "/metrics/gld/", "/departments/dfe/"])
def test_anonymous_visitors_are_sent_to_sign_in(client_for, world, path):
    response = client_for(None).get(path)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_a_signed_in_user_without_a_role_is_refused(world, client):
    client.force_login(UserFactory(username="nobody"))
    assert client.get("/").status_code == 403
    assert client.get("/metrics/gld/").status_code == 403


def test_accountability_body_sees_published_data_only(client_for, world):
    response = client_for("accountability").get("/")
    assert response.status_code == 200
    assert "Good level of development" in response.text and "Unpublished metric" not in response.text
    assert client_for("accountability").get("/metrics/hidden/").status_code == 404
    assert client_for("accountability").get("/metrics/secret/").status_code == 404


@pytest.mark.parametrize(
    "persona,expected",
    [
        ("centre", 200),
        ("treasury", 200),
        ("dfe", 200),
        ("analyst", 200),
        ("dhsc", 403),
        ("secretariat", 403),
        ("accountability", 403),
    ],
)
def test_department_dashboard_is_for_its_own_officials(client_for, world, persona, expected):
    assert client_for(persona).get("/departments/dfe/").status_code == expected


@pytest.mark.parametrize(
    "persona,expected", [("centre", 200), ("treasury", 200), ("dhsc", 200), ("dfe", 404), ("analyst", 404)]
)
def test_restricted_metric_is_seen_by_the_centre_and_its_department_only(
    client_for, world, persona, expected
):
    assert client_for(persona).get("/metrics/secret/").status_code == expected


def test_metric_page_has_chart_table_status_and_csv(client_for, world):
    response = client_for("dfe").get("/metrics/gld/")
    assert response.status_code == 200
    assert 'id="metric-chart"' in response.text and 'id="data-table"' in response.text
    assert "67.2" in response.text and "2019" in response.text
    assert "Download the data (CSV)" in response.text
    csv = client_for("dfe").get("/metrics/gld/data.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "gld,2023,K02000001,United Kingdom,67.2,%" in csv.content.decode()


def test_public_site_shows_published_metrics_only(client_for, world):
    anonymous = client_for(None)
    assert anonymous.get("/public/").status_code == 200
    assert anonymous.get("/public/metrics/gld/").status_code == 200
    assert anonymous.get("/public/metrics/hidden/").status_code == 404
    assert anonymous.get("/public/metrics/secret/").status_code == 404


def test_department_official_lands_on_their_dashboard(client_for, world):
    response = client_for("dfe").get("/after-sign-in/")
    assert response["Location"] == "/departments/dfe/"
    assert client_for("centre").get("/after-sign-in/")["Location"] == "/"
