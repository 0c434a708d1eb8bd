"""The admin writes data sources through the services: the service's checks refuse bad options, an edit is
audited, and the list's actions queue pulls and switch schedules (issue 9)."""

import pytest

from missions.models import AuditEvent
from sources.models import PullRun
from tests import http_server as server
from tests.http_server import make_source

http_server = server.http_server  # the fixture

pytestmark = pytest.mark.django_db


def _form_data(admin_client, source):
    url = f"/admin/sources/datasource/{source.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"options": "{}", "geography_map": "{}", "enabled": "on"})
    data.update({f"runs-{k}": v for k, v in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()})
    return url, data


def test_admin_edit_is_validated_and_audited_by_the_service(http_server, admin_client):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    url, data = _form_data(admin_client, source)
    data["options"] = '{"no_such_option": "x"}'
    assert "is not an option of" in admin_client.post(url, data).text
    data.update(options="{}", name="Renamed in the admin")
    assert admin_client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert source.name == "Renamed in the admin"
    event = AuditEvent.objects.filter(action="source.update").latest("at")
    assert event.changes["name"] == "Renamed in the admin" and event.actor.is_superuser


def test_admin_actions_call_the_services(http_server, admin_client, django_capture_on_commit_callbacks):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    changelist = "/admin/sources/datasource/"
    admin_client.post(changelist, {"action": "disable", "_selected_action": [source.pk]})
    source.refresh_from_db()
    assert not source.enabled and not source.periodic_task.enabled
    with django_capture_on_commit_callbacks(execute=False):
        admin_client.post(changelist, {"action": "pull_now", "_selected_action": [source.pk]})
    assert PullRun.objects.filter(source=source, outcome="queued").count() == 1
    assert AuditEvent.objects.filter(action="source.update", object_id=str(source.pk)).exists()


def test_release_markers_are_read_only_in_the_admin(http_server, admin_client):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    form = admin_client.get(f"/admin/sources/datasource/{source.pk}/change/").context["adminform"].form
    assert not {"last_etag", "last_modified", "last_checksum", "periodic_task"} & set(form.fields)
