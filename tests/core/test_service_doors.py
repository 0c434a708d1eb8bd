"""Writes that used to skip the services now go through them, with an audit row each (issue 9)."""

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from missions.models import AuditEvent, Mission
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db


def test_the_tokens_page_and_command_issue_tokens_through_the_service(client_for, users, capsys):
    client_for("analyst").post("/account/tokens/", {"action": "create"})
    assert AuditEvent.objects.filter(action="token.issue", actor=users["analyst"]).count() == 1
    key = Token.objects.get(user=users["analyst"]).key
    assert key not in str(AuditEvent.objects.values_list("changes", flat=True))
    call_command("create_api_token", "analyst")
    assert capsys.readouterr().out.strip() == key  # no --new: the existing token
    call_command("create_api_token", "analyst", "--new")
    assert Token.objects.get(user=users["analyst"]).key != key
    client_for("analyst").post("/account/tokens/", {"action": "revoke"})
    assert AuditEvent.objects.filter(action="token.revoke").count() == 1


def test_mission_status_is_read_only_in_the_admin_and_changed_by_an_audited_action(admin_client):
    mission = MissionFactory()
    form = admin_client.get(f"/admin/missions/mission/{mission.pk}/change/").context["adminform"].form
    assert "status" not in form.fields
    admin_client.post("/admin/missions/mission/", {"action": "make_paused", "_selected_action": [mission.pk]})
    mission.refresh_from_db()
    assert mission.status == Mission.Status.PAUSED
    event = AuditEvent.objects.get(action="mission.status")
    assert event.changes == {"status": ["active", "paused"]}
