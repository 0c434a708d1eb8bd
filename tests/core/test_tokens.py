"""API tokens: the page where analysts create and revoke theirs, and the operators' command."""

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def test_an_analyst_creates_sees_once_and_revokes_a_token(client_for, users):
    client = client_for("analyst")
    assert "You have no token" in client.get("/account/tokens/").text
    created = client.post("/account/tokens/", {"action": "create"})
    key = Token.objects.get(user=users["analyst"]).key
    assert created.status_code == 200 and key in created.text
    assert key not in client.get("/account/tokens/").text
    replaced = client.post("/account/tokens/", {"action": "create"})
    new_key = Token.objects.get(user=users["analyst"]).key
    assert new_key != key and new_key in replaced.text
    revoked = client.post("/account/tokens/", {"action": "revoke"}, follow=True)
    assert "has been revoked" in revoked.text
    assert not Token.objects.filter(user=users["analyst"]).exists()


def test_a_token_works_against_the_api(client_for, users, client):
    client_for("analyst").post("/account/tokens/", {"action": "create"})
    key = Token.objects.get(user=users["analyst"]).key
    response = client.post(
        "/api/v1/observations/?dry_run=true",
        [],
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["treasury", "dfe", "dhsc", "secretariat", "accountability"])
def test_the_wrong_persona_is_refused(client_for, persona):
    assert client_for(persona).get("/account/tokens/").status_code == 403
    assert client_for(persona).post("/account/tokens/", {"action": "create"}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client_for):
    response = client_for(None).get("/account/tokens/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_the_command_prints_a_token(users, capsys):
    call_command("create_api_token", "analyst")
    first = capsys.readouterr().out.strip()
    assert first == Token.objects.get(user=users["analyst"]).key
    call_command("create_api_token", "analyst")
    assert capsys.readouterr().out.strip() == first
    call_command("create_api_token", "analyst", "--new")
    assert capsys.readouterr().out.strip() != first
    with pytest.raises(CommandError, match="no user called"):
        call_command("create_api_token", "nobody")
