"""Issue 10, item 12 and the error pages: security headers, sessions, demo loader refused in production,
the private-address check kept on with any host allowed, GOV.UK error pages without debug output."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import include, path

from sources.fetch import FetchError, check_url

pytestmark = pytest.mark.django_db


def test_pages_and_api_carry_a_content_security_policy_and_permissions_policy():
    for url in ("/", "/api/v1/missions/"):
        response = Client().get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        assert "camera=()" in response["Permissions-Policy"]


def test_sessions_time_out_when_idle_and_after_a_working_day(settings, users):
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client = Client()
    client.force_login(users["centre"])
    assert client.get("/").status_code == 200
    session = client.session
    session["signed_in_at"] -= settings.SESSION_ABSOLUTE_SECONDS + 1
    session.save()
    assert client.get("/").status_code == 302


@override_settings(DEMO_DATA_ALLOWED=False)
@pytest.mark.parametrize("command", ["load_demo", "create_demo_users"])
def test_the_demo_loader_refuses_under_production_settings(command):
    with pytest.raises(CommandError, match="Refusing"):
        call_command(command)


def test_production_settings_refuse_the_demo_loader(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org")
    production = importlib.reload(importlib.import_module("config.settings.production"))
    assert production.DEMO_DATA_ALLOWED is False


def test_any_host_allowed_still_refuses_internal_addresses(settings):
    settings.PULL_ALLOWED_HOSTS = ["*"]
    settings.PULL_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(FetchError, match="internal address"):
        check_url("http://127.0.0.1:8000/admin/")


def _boom(request):
    raise RuntimeError("an unexpected failure")


urlpatterns = [path("boom/", _boom), path("", include("config.urls"))]


@pytest.mark.parametrize(
    ("url", "code", "heading"),
    [
        ("/no-such-page/", 404, "Page not found"),
        ("/councils/", 403, "You do not have permission to do this"),
    ],
)
def test_error_pages_are_govuk_pages(client_for, url, code, heading):
    response = client_for("accountability").get(url)
    assert response.status_code == code
    text = response.content.decode()
    assert heading in text and "govuk-template" in text and "urlpatterns" not in text.lower()


def test_the_500_page_is_a_govuk_page_without_a_traceback():
    from django.conf import settings

    with override_settings(ROOT_URLCONF=__name__, DEBUG=False):
        client = Client(raise_request_exception=False)
        response = client.get("/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Sorry, there is a problem with the service" in text and "Traceback" not in text
    assert "an unexpected failure" not in text and not settings.DEBUG


def test_the_demo_settings_have_debug_off_unless_asked(monkeypatch):
    import importlib

    monkeypatch.delenv("DEBUG", raising=False)
    assert importlib.reload(importlib.import_module("config.settings.local")).DEBUG is False
