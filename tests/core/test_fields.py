"""A NUL byte in a slug the API looks up is a 400 naming the field, not a 500 (PostgreSQL cannot compare
text holding one; found by Schemathesis on POST /api/v1/sources/)."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_a_nul_byte_in_a_looked_up_slug_is_a_400_naming_the_field(users, reference_data):
    client = APIClient()
    client.force_authenticate(users["centre"])
    response = client.post(
        "/api/v1/sources/",
        {"name": "x", "connector": "ons_timeseries", "url": "https://api.beta.ons.gov.uk/x",
         "metric": "gdp\x00growth", "geography": "K02\x000000001"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400, response.content
    errors = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert errors == {
        "metric": "Object with slug=gdp\\x00growth does not exist.",
        "geography": "Object with code=K02\\x000000001 does not exist.",
    }
