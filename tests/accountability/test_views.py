"""Mandate letters (the department and the centre) and accountability reports (published, or the body's)."""

import pytest
from django.test import Client

from accountability.models import MandateLetter, Report
from demo.loader import load_demo
from missions.models import User

pytestmark = pytest.mark.django_db


def client_as(username):
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def letter():
    load_demo()
    return MandateLetter.objects.get(department__slug="dfe")


@pytest.mark.parametrize(
    "username,expected", [("centre", 200), ("treasury", 200), ("dfe", 200), ("analyst", 200)]
)
def test_the_dfe_letter_is_seen_by_the_centre_and_dfe(letter, username, expected):
    response = client_as(username).get(f"/accountability/mandate-letters/{letter.pk}/")
    assert response.status_code == expected
    assert "Commitments on mission metrics" in response.text and "Illustrative example" in response.text


@pytest.mark.parametrize("username", ["dhsc", "accountability"])
def test_other_departments_do_not_see_an_unpublished_letter(letter, username):
    letter.published = False
    letter.save()
    assert client_as(username).get(f"/accountability/mandate-letters/{letter.pk}/").status_code == 404


def test_an_unpublished_report_is_seen_by_officials_and_its_body_only(letter):
    report = Report.objects.filter(body__organisation__slug="opportunity-commission").first()
    report.published = False
    report.save()
    path = f"/accountability/reports/{report.pk}/"
    assert client_as("accountability").get(path).status_code == 200
    assert client_as("centre").get(path).status_code == 200
    assert client_as(None).get(path).status_code == 404
    report.published = True
    report.save()
    assert client_as(None).get(path).status_code == 200
