"""Pulls against a misbehaving source: timeouts, server errors, bad content, repeated and revised releases,
a failure in the middle of the import, and hosts that are not allowed."""

import json
from decimal import Decimal

import pytest

import metrics.services
from metrics.models import Observation, Upload
from sources.models import PullRun
from sources.services import source_pull_run
from tests import http_server as server
from tests.http_server import FORMATS, make_source, pull

http_server = server.http_server  # the fixture
pytestmark = pytest.mark.django_db

IHYQ = (FORMATS / "ons_timeseries_ihyq_pn2_data.json").read_bytes()


def written():
    return Observation.objects.count(), Upload.objects.count()


def test_slow_source_times_out_retries_then_fails_and_tells_the_owner(http_server, mailoutbox):
    url = http_server.set("/slow", IHYQ, delay=0.5)  # read timeout is 0.3 s under test
    run = pull(make_source(url, contact_email="stats@example.gov.uk"))
    assert run.outcome == PullRun.Outcome.FAILED
    assert "did not answer within 0.3 seconds" in run.error and "Tried 3 times" in run.error
    assert http_server.count("/slow") == 3
    assert written() == (0, 0)
    assert [m.to for m in mailoutbox] == [["stats@example.gov.uk"]]


def test_server_error_is_retried_with_exponential_backoff_then_fails_with_an_email(
    http_server, mailoutbox, settings
):
    settings.PULL_BACKOFF = 0.1
    url = http_server.set("/broken", "Internal error", status=500, conditional=False)
    source = make_source(url, contact_email="owner@example.gov.uk")
    run = pull(source)
    assert run.outcome == "failed" and "HTTP 500" in run.error and run.finished_at
    times = [hit.at for hit in http_server.hits]
    assert len(times) == 3
    first_wait, second_wait = times[1] - times[0], times[2] - times[1]
    assert first_wait >= 0.1 and second_wait >= 0.2  # 0.1 s, then doubled
    assert written() == (0, 0)
    (mail,) = mailoutbox
    assert (
        source.name in mail.subject and "HTTP 500" in mail.body and "Nothing from this release" in mail.body
    )


def test_transient_failures_then_success(http_server):
    url = http_server.set("/flaky", IHYQ, fail_first=2)
    run = pull(make_source(url))
    assert run.outcome == "succeeded" and run.created == 278
    assert http_server.count("/flaky") == 3


def test_not_found_is_not_retried(http_server, mailoutbox, users):
    run = pull(make_source(http_server.url("/missing.json"), owner=users["analyst"].organisation))
    assert run.outcome == "failed" and "HTTP 404" in run.error and "address may be wrong" in run.error
    assert http_server.count("/missing.json") == 1
    assert mailoutbox[0].to == [users["analyst"].email]  # no contact email: the owning analysts


def test_malformed_json_fails_and_writes_nothing(http_server):
    url = http_server.set("/bad.json", b'{"quarters": [{"date": "2024 Q1", "value": "1.0"},')
    run = pull(make_source(url))
    assert run.outcome == "failed" and "not valid JSON" in run.error
    assert written() == (0, 0)


def test_html_error_page_fails_in_plain_english(http_server):
    page = "<!DOCTYPE html><html><head><title>Service unavailable</title></head></html>"
    run = pull(make_source(http_server.set("/page", page)))
    assert run.outcome == "failed" and "HTML page ('Service unavailable')" in run.error


def test_rows_the_import_rejects_fail_the_run_and_write_nothing(http_server):
    run = pull(make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"), frequency="annual"))
    assert run.outcome == "failed" and run.rejected == 278 and "nothing was written" in run.error
    assert "row 1, period" in run.error
    assert Observation.objects.count() == 0


def test_same_release_again_is_unchanged_via_etag(http_server):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    assert pull(source).created == 278
    before = written()
    source.refresh_from_db()
    again = pull(source)
    assert again.outcome == PullRun.Outcome.UNCHANGED and again.bytes == 0
    assert http_server.hits[-1].headers["If-None-Match"] == source.last_etag
    assert http_server.hits[-1].headers["If-Modified-Since"] == source.last_modified
    assert written() == before


def test_same_release_again_is_unchanged_via_checksum(http_server):
    source = make_source(http_server.set("/plain.json", IHYQ, conditional=False))
    first = pull(source)
    before = written()
    source.refresh_from_db()
    again = pull(source)
    assert "If-None-Match" not in http_server.hits[-1].headers
    assert again.outcome == "unchanged" and again.checksum == first.checksum and again.bytes == len(IHYQ)
    assert written() == before


def test_changed_release_adds_revisions_and_keeps_the_old_vintage(http_server):
    url = http_server.set("/ihyq.json", IHYQ)
    source = make_source(url)
    pull(source)
    doc = json.loads(IHYQ)
    doc["quarters"][-1]["value"] = "0.2"  # 2024 Q3 revised
    doc["quarters"].append({**doc["quarters"][-1], "date": "2024 Q4", "value": "0.0"})
    http_server.set("/ihyq.json", json.dumps(doc))
    source.refresh_from_db()
    run = pull(source)
    assert (run.outcome, run.created, run.revised, run.unchanged) == ("succeeded", 1, 1, 277)
    q3 = Observation.objects.filter(metric=source.metric, period_start="2024-07-01").order_by("revision")
    assert [(o.revision, o.value, o.superseded_at is None) for o in q3] == [
        (1, Decimal("0.1"), False),
        (2, Decimal("0.2"), True),
    ]


def test_a_failure_midway_through_the_import_leaves_nothing_and_the_redo_succeeds(http_server, monkeypatch):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    run = PullRun.objects.create(source=source)

    def dies_after_writing(**kwargs):
        # Every observation is really written inside the import's transaction (both the PostgreSQL COPY
        # path and the batched path reach the audit row last)...
        assert Observation.objects.count() == 278
        raise RuntimeError("worker killed")  # ...then the process dies before the commit

    monkeypatch.setattr(metrics.services, "audit_record", dies_after_writing)
    with pytest.raises(RuntimeError):
        source_pull_run(run_id=run.pk)
    assert written() == (0, 0)
    run.refresh_from_db()
    assert run.outcome == "running"  # as a killed worker leaves it; the broker redelivers the task

    monkeypatch.undo()
    redone = source_pull_run(run_id=run.pk)
    assert (redone.outcome, redone.created, redone.attempts) == ("succeeded", 278, 2)


def test_a_finished_run_is_not_run_again(http_server):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    run = pull(source)
    hits = len(http_server.hits)
    assert source_pull_run(run_id=run.pk).outcome == "succeeded"
    assert len(http_server.hits) == hits and Upload.objects.count() == 1


def test_size_limit(http_server, settings):
    settings.PULL_MAX_BYTES = 10_000
    run = pull(make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json")))
    assert run.outcome == "failed" and "larger than" in run.error


def test_host_not_on_the_allow_list_is_refused_without_a_request(http_server, settings):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    settings.PULL_ALLOWED_HOSTS = ["www.ons.gov.uk", ".nomisweb.co.uk"]
    run = pull(source)
    assert run.outcome == "failed" and "127.0.0.1: it is not on the list of allowed hosts" in run.error
    assert http_server.hits == []


def test_internal_addresses_are_refused_even_when_listed_unless_allowed(http_server, settings):
    source = make_source(http_server.sample_url("ons_timeseries_ihyq_pn2_data.json"))
    settings.PULL_ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.PULL_ALLOW_PRIVATE_ADDRESSES = False
    assert "resolves to an internal address" in pull(source).error
    settings.PULL_ALLOW_PRIVATE_ADDRESSES = True
    assert pull(source).outcome == "succeeded"


def test_a_redirect_to_a_host_not_allowed_is_refused(http_server, settings):
    target = http_server.sample_url("ons_timeseries_ihyq_pn2_data.json").replace("127.0.0.1", "localhost")
    url = http_server.set("/moved", status=302, headers={"Location": target}, conditional=False)
    source = make_source(url)
    settings.PULL_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.PULL_ALLOW_PRIVATE_ADDRESSES = True
    run = pull(source)
    assert run.outcome == "failed" and "localhost" in run.error
    assert http_server.count("/formats/ons_timeseries_ihyq_pn2_data.json") == 0
