"""Source services: cron validation, the beat schedule kept in step, pulls queued after commit, the
scheduled task, and the operators' commands."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask

from metrics.models import Observation
from sources.models import DataSource, PullRun
from sources.services import parse_cron, source_pull_enqueue, source_update
from sources.tasks import source_pull, source_pull_scheduled
from tests import http_server as server
from tests.factories import MetricFactory
from tests.http_server import make_source, pull

http_server = server.http_server  # the fixture
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("good", ["0 9 * * 1-5", "*/15 * * * *", "30 6 1 */3 *", "0 0 * * sun"])
def test_valid_cron(good):
    assert list(parse_cron(good).values()) == good.split()


@pytest.mark.parametrize("bad", ["", "0 9 * *", "61 * * * *", "0 25 * * *", "0 9 * * funday", "a b c d e"])
def test_invalid_cron_is_refused_in_plain_english(bad):
    with pytest.raises(ValidationError) as info:
        parse_cron(bad)
    assert "schedule" in info.value.message_dict


def test_create_and_update_keep_one_periodic_task_in_step(http_server):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"), schedule="15 8 * * 1")
    task = PeriodicTask.objects.get()
    assert task.task == "metrics.tasks.source_pull_scheduled" and task.args == f"[{source.pk}]"
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("15", "8", "1")
    source_update(source=source, user=None, schedule="0 18 * * *", enabled=False)
    task = PeriodicTask.objects.get()
    assert (task.crontab.hour, task.enabled) == ("18", False)


def test_changing_the_address_forgets_the_release_markers(http_server):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    pull(source)
    source.refresh_from_db()
    assert source.last_etag and source.last_checksum
    source_update(source=source, user=None, url=http_server.url("/elsewhere.json"))
    source.refresh_from_db()
    assert (source.last_etag, source.last_modified, source.last_checksum) == ("", "", "")


def test_enqueue_sends_the_task_only_after_commit(http_server, django_capture_on_commit_callbacks):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = source_pull_enqueue(source=source)
    assert run.outcome == "queued" and len(callbacks) == 1 and http_server.hits == []
    callbacks[0]()  # eager Celery under test: the task runs now
    run.refresh_from_db()
    assert run.outcome == "succeeded" and Observation.objects.count() == 278


def test_task_is_idempotent(http_server):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    run = PullRun.objects.create(source=source)
    assert source_pull.delay(run.pk).get() == "succeeded"
    assert source_pull.delay(run.pk).get() == "succeeded"
    assert len(http_server.hits) == 1 and PullRun.objects.get().attempts == 1


def test_beats_task_queues_a_run_for_enabled_sources_only(http_server, django_capture_on_commit_callbacks):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    with django_capture_on_commit_callbacks(execute=True):
        run_id = source_pull_scheduled.delay(source.pk).get()
    assert PullRun.objects.get(pk=run_id).outcome == "succeeded"
    source_update(source=source, user=None, enabled=False)
    assert source_pull_scheduled.delay(source.pk).get() is None


def test_pull_sources_runs_named_and_due_sources(http_server):
    ok = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"), schedule="0 9 * * *")
    out = StringIO()
    call_command("pull_sources", "--source", str(ok.pk), stdout=out)
    assert "Succeeded in" in out.getvalue() and "278 new" in out.getvalue()
    out = StringIO()
    call_command("pull_sources", stdout=out)  # just ran: not due until 9am comes round again
    assert out.getvalue().strip() == "No data source is due."

    broken = make_source(http_server.url("/gone.json"), metric=MetricFactory(frequency="quarterly"))
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 1 pulls failed"):
        call_command("pull_sources", stdout=out)  # never run, so due
    assert "HTTP 404" in out.getvalue() and str(broken.pk) in out.getvalue()
    with pytest.raises(CommandError, match="No data source with id 999"):
        call_command("pull_sources", "--source", "999")


def test_load_demo_sources_skips_missing_metrics_then_creates_them_once():
    out = StringIO()
    call_command("load_demo_sources", stdout=out)
    assert out.getvalue().count("Skipped") == 2 and not DataSource.objects.exists()
    MetricFactory(slug="gdp_qoq_growth", frequency="quarterly")
    MetricFactory(slug="electricity_low_carbon_share", frequency="annual")
    call_command("load_demo_sources", stdout=StringIO())
    call_command("load_demo_sources", "--base-url", "http://127.0.0.1:8001", stdout=StringIO())
    urls = sorted(DataSource.objects.values_list("url", flat=True))
    assert urls == [
        "http://127.0.0.1:8001/static/demo-feeds/ons_timeseries_ihyq_pn2_data.json",
        "http://127.0.0.1:8001/static/demo-feeds/owid_energy_data_uk_rows_1990_2025.csv",
    ]
    assert PeriodicTask.objects.filter(enabled=True).count() == 2


@pytest.mark.django_db(transaction=True)
def test_demo_feeds_are_pulled_from_the_apps_own_static_files(reference_data, live_server, settings):
    settings.PULL_ALLOW_PRIVATE_ADDRESSES = True  # the live server listens on loopback
    MetricFactory(slug="gdp_qoq_growth", frequency="quarterly")
    call_command("load_demo_sources", "--base-url", live_server.url, stdout=StringIO())
    source = DataSource.objects.get()
    first, again = pull(source), pull(DataSource.objects.get())
    assert (first.outcome, first.created) == ("succeeded", 278), first.error
    assert again.outcome == "unchanged"


def test_admin_edits_keep_the_schedule_in_step_and_refuse_a_bad_cron(http_server, admin_client):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    url = f"/admin/sources/datasource/{source.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"options": "{}", "geography_map": "{}", "schedule": "0 9 * *", "enabled": "on"})
    data.update({f"runs-{k}": v for k, v in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()})
    assert "Give five fields" in admin_client.post(url, data).text
    data["schedule"] = "45 7 * * *"
    assert admin_client.post(url, data).status_code == 302
    assert PeriodicTask.objects.get().crontab.minute == "45"
