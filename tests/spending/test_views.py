"""Business-case pages: the Treasury and the centre see every case, a department its own, others none."""

import pytest
from django.test import Client

from demo.loader import load_demo
from missions.models import User

pytestmark = pytest.mark.django_db

SHARED = "/spending/business-cases/family-hubs-school-readiness/"


@pytest.fixture
def demo():
    load_demo()


def client_as(username):
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize("username", ["centre", "treasury", "dfe", "dhsc"])
def test_the_shared_case_is_seen_by_the_centre_treasury_and_both_departments(demo, username):
    response = client_as(username).get(SHARED)
    assert response.status_code == 200
    assert "Illustrative example" in response.text
    assert "Modelled impact on mission metrics" in response.text


@pytest.mark.parametrize(
    "username,expected", [("analyst", 403), ("secretariat", 403), ("accountability", 403)]
)
def test_other_roles_are_refused(demo, username, expected):
    assert client_as(username).get(SHARED).status_code == expected
    assert client_as(username).get("/spending/business-cases/").status_code == expected


def test_anonymous_visitors_are_sent_to_sign_in(demo):
    response = client_as(None).get(SHARED)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_a_department_sees_only_its_own_cases(demo):
    listing = client_as("dfe").get("/spending/business-cases/").text
    assert "Family hubs" in listing
    assert "Childhood healthy weight" not in listing
    assert client_as("dfe").get("/spending/business-cases/childhood-healthy-weight-pie/").status_code == 404
    assert "Childhood healthy weight" in client_as("treasury").get("/spending/business-cases/").text
