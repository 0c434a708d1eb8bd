"""The sources pages: a centre user adds an ONS time series, presses "Pull now", watches the run finish and
sees the data on the metric's page; every page refuses the wrong persona."""

import pytest
from django.urls import reverse

from metrics.models import Observation
from sources.models import DataSource, PullRun
from tests import http_server as server
from tests.factories import MetricFactory
from tests.http_server import make_source

http_server = server.http_server  # the fixture
pytestmark = pytest.mark.django_db
REFUSED = ["treasury", "dfe", "dhsc", "secretariat", "accountability"]


@pytest.fixture
def dfe_source(http_server, organisations):
    metric = MetricFactory(slug="gdp-growth", frequency="quarterly", owner=organisations["dfe"])
    return make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"), metric=metric)


def page_urls(source, run):
    return [
        reverse("sources:list"),
        reverse("sources:add"),
        reverse("sources:detail", kwargs={"pk": source.pk}),
        reverse("sources:edit", kwargs={"pk": source.pk}),
        reverse("sources:run", kwargs={"pk": run.pk}),
    ]


def test_centre_adds_an_ons_source_pulls_now_and_sees_the_data(
    http_server, client_for, organisations, django_capture_on_commit_callbacks
):
    metric = MetricFactory(
        slug="gdp-qoq", name="GDP growth", frequency="quarterly", owner=organisations["hmt"]
    )
    client = client_for("centre")
    form = {
        "name": "GDP quarterly growth (IHYQ)",
        "connector": "ons_timeseries",
        "url": http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"),
        "metric": "gdp-qoq",
        "geography": "K02000001",
        "options": '{"frequency": "quarters"}',
        "geography_map": "",
        "scale_factor": "1",
        "schedule": "30 9 * * 1-5",
        "enabled": "on",
        "contact_email": "",
    }
    response = client.post(reverse("sources:add"), form)
    source = DataSource.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("sources:detail", args=[source.pk])
    assert source.owner == organisations["hmt"] and source.periodic_task.crontab.hour == "9"
    assert "Pull now" in client.get(response["Location"]).text

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("sources:pull", kwargs={"pk": source.pk}))
    run = PullRun.objects.get()
    assert response["Location"] == reverse("sources:run", kwargs={"pk": run.pk})
    waiting = client.get(response["Location"]).text
    assert "Queued" in waiting and 'http-equiv="refresh"' in waiting

    for callback in callbacks:  # what the worker does once the request's transaction has committed
        callback()
    finished = client.get(response["Location"]).text
    assert "Succeeded" in finished and "278 new observations" in finished and "refresh" not in finished
    assert Observation.objects.filter(metric=metric).count() == 278
    metric_page = client.get(metric.get_absolute_url()).text
    assert "(1955-Q2) to" in metric_page and "(2024-Q3)." in metric_page  # the chart summary sentence


def test_form_shows_the_services_errors(client_for, organisations):
    MetricFactory(slug="m1", owner=organisations["dfe"])
    response = client_for("centre").post(
        reverse("sources:add"),
        {"name": "x", "connector": "csv", "url": "https://example.org/a.csv", "metric": "m1",
         "geography": "K02000001", "options": '{"colour": "red"}', "scale_factor": "1",
         "schedule": "99 * * *"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Give five fields" in response.text and "is not an option of" in response.text
    assert not DataSource.objects.exists()


def test_owning_analyst_may_use_every_page(dfe_source, client_for):
    run = PullRun.objects.create(source=dfe_source)
    client = client_for("analyst")
    for url in page_urls(dfe_source, run):
        assert client.get(url).status_code == 200, url
    assert dfe_source.name in client.get(reverse("sources:list")).text


def test_edit_keeps_the_schedule_in_step(dfe_source, client_for):
    client = client_for("analyst")
    url = reverse("sources:edit", kwargs={"pk": dfe_source.pk})
    form = client.get(url).context["form"].initial
    data = {
        k: v for k, v in form.items() if v is not None and k not in ("options", "geography_map", "enabled")
    }
    data.update(schedule="0 7 1 * *", enabled="")
    assert client.post(url, data).status_code == 302
    task = DataSource.objects.get().periodic_task
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_month, task.enabled) == (
        "0",
        "7",
        "1",
        False,
    )


def test_analyst_of_another_organisation_sees_none_of_it(dfe_source, client_for):
    run = PullRun.objects.create(source=dfe_source)
    client = client_for("ons_analyst")
    assert dfe_source.name not in client.get(reverse("sources:list")).text
    for url in page_urls(dfe_source, run)[2:]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("sources:pull", kwargs={"pk": dfe_source.pk})).status_code == 404
    assert client.get(reverse("sources:add")).context["form"].fields["metric"].queryset.count() == 0


@pytest.mark.parametrize("persona", REFUSED)
def test_other_personas_are_refused_everywhere(dfe_source, client_for, persona):
    run = PullRun.objects.create(source=dfe_source)
    client = client_for(persona)
    for url in page_urls(dfe_source, run):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("sources:pull", kwargs={"pk": dfe_source.pk})).status_code == 403
    assert PullRun.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(dfe_source, client_for):
    run = PullRun.objects.create(source=dfe_source)
    client = client_for(None)
    for url in page_urls(dfe_source, run):
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], url


def test_the_list_takes_a_bounded_number_of_queries(dfe_source, client_for, django_assert_max_num_queries):
    for n in range(5):
        make_source(dfe_source.url, metric=dfe_source.metric, name=f"copy {n}")
    client = client_for("centre")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("sources:list")).status_code == 200
