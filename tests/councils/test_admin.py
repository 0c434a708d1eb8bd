"""The admin does not bypass the service: an action's status is read-only there, and its bulk actions move
the status through `action_update_status` (audited, transitions checked)."""

import pytest
from django.test import Client

from councils.models import Action
from missions.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(organisations):
    user = UserFactory(username="root", organisation=organisations["no10"], is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def test_status_is_read_only_in_the_change_form(admin_client, opportunity):
    page = admin_client.get(f"/admin/councils/action/{opportunity['overdue'].pk}/change/").content.decode()
    assert 'name="status"' not in page


def test_bulk_status_actions_go_through_the_service(admin_client, opportunity):
    action = opportunity["overdue"]
    response = admin_client.post(
        "/admin/councils/action/", {"action": "mark_done", "_selected_action": [action.pk]}
    )
    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).status == "done"
    assert AuditEvent.objects.filter(action="action.status", object_id=str(action.pk)).count() == 1
    admin_client.post("/admin/councils/action/", {"action": "mark_dropped", "_selected_action": [action.pk]})
    assert Action.objects.get(pk=action.pk).status == "done"  # done → dropped is refused (reopen first)
