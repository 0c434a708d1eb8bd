"""Issue 10, item 10: wrong passwords lock the account and the address (django-axes, 429); the API is rate
limited (429, never 500) and wrong tokens from one address are braked."""

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username, password):
    return client.post("/sign-in/", {"username": username, "password": password})


def test_wrong_passwords_lock_the_account_even_with_the_right_one_after(users, settings):
    users["analyst"].set_password("the-right-password-1")
    users["analyst"].save()
    answers = [sign_in(Client(REMOTE_ADDR=f"10.0.0.{i}"), "analyst", "wrong").status_code for i in range(6)]
    assert answers[:4] == [200] * 4 and 429 in answers[4:]
    locked = sign_in(Client(REMOTE_ADDR="10.0.1.1"), "analyst", "the-right-password-1")
    assert locked.status_code == 429 and "Sign-in is locked for now" in locked.content.decode()


def test_wrong_passwords_from_one_address_lock_that_address(users):
    client = Client(REMOTE_ADDR="192.0.2.7")
    answers = [sign_in(client, f"nobody-{i}", "wrong").status_code for i in range(6)]
    assert 429 in answers
    users["centre"].set_password("the-right-password-2")
    users["centre"].save()
    assert sign_in(client, "centre", "the-right-password-2").status_code == 429
    assert sign_in(Client(REMOTE_ADDR="192.0.2.8"), "centre", "the-right-password-2").status_code == 302


def test_the_api_answers_429_over_the_rate(users, settings):
    settings.API_THROTTLE_RATES = {"anon": "5/min", "user": "8/min"}
    anonymous = [Client().get("/api/v1/missions/").status_code for _ in range(7)]
    assert anonymous[:5] == [200] * 5 and anonymous[5:] == [429, 429]
    token = Token.objects.create(user=users["analyst"]).key
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    signed_in = [client.get("/api/v1/missions/").status_code for _ in range(9)]
    assert signed_in[:8] == [200] * 8 and signed_in[8] == 429
    assert client.get("/api/v1/missions/").json()["code"] == "throttled"


def test_wrong_tokens_from_one_address_are_braked(settings):
    settings.API_BAD_TOKEN_LIMIT = 5
    client = Client(HTTP_AUTHORIZATION="Token not-a-real-token", REMOTE_ADDR="198.51.100.9")
    answers = [client.get("/api/v1/missions/").status_code for _ in range(8)]
    assert answers[:5] == [401] * 5 and answers[5:] == [429] * 3
