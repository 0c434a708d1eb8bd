"""Issue 10, item 9 (and the "Redis stopped" fault): with the broker unreachable — a closed loopback port,
never the shared Redis — uploads, "Pull now" and pack builds answer 503 within 2 seconds with a plain
message, in the API as JSON, and nothing is left queued: each row ends with the reason."""

import socket
import time

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from config.celery import app
from councils.models import CheckInPack
from metrics.models import Upload
from missions.queue import QueueUnavailable, enqueue
from sources.models import PullRun
from tests.http_server import make_source
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file

# Real commits, so the enqueue runs where it does in production: after the row is committed.
pytestmark = pytest.mark.django_db(transaction=True)
FAST = 2.0  # seconds for the enqueue to give up
REQUEST = 4.0  # seconds for the whole request on a loaded two-core CI machine


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nothing listens there


@pytest.fixture
def broker_down(request, reference_data):
    before = {
        "broker_url": app.conf.broker_url,
        "task_always_eager": app.conf.task_always_eager,
        "broker_transport_options": app.conf.broker_transport_options,
    }
    app.conf.update(
        broker_url=f"redis://127.0.0.1:{_closed_port()}/0",
        task_always_eager=False,
        broker_transport_options={
            "socket_connect_timeout": 1, "socket_timeout": 2, "max_retries": 1,
            "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5,
        },
    )  # fmt: skip
    app._pool = None  # the producer pool was made for the old broker
    app.amqp._producer_pool = None  # ... and so was the publisher's, if an earlier test sent a task
    import kombu.transport.redis  # noqa: F401  (a first import costs ~1 s on a busy machine: not the queue's)
    from django.test import Client

    Client().get("/")  # warm the URLconf and templates, so the timings measure the request itself

    def restore():
        app.conf.update(before)
        app._pool = None
        app.amqp._producer_pool = None

    request.addfinalizer(restore)


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_enqueue_fails_fast_with_a_plain_message(broker_down):
    from metrics.ingest.tasks import upload_process

    started = time.monotonic()
    with pytest.raises(QueueUnavailable) as caught:
        enqueue(upload_process, 1)
    assert time.monotonic() - started < FAST
    assert "Nothing was queued" in caught.value.message


def test_the_upload_page_answers_503_fast_and_the_upload_ends_rejected(
    broker_down, organisations, client_for
):
    ingest_world.build(organisations)
    response, took = timed(
        lambda: client_for("analyst").post(
            "/uploads/", {"file": csv_file(HEADER + "gld,2023,E92000001,67\n")}
        )
    )
    assert response.status_code == 503 and took < REQUEST, took
    assert "background queue is not available" in response.content.decode()
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.REJECTED
    assert "queue" in upload.errors[0]["message"]


def test_the_api_answers_503_json_for_a_pull_and_the_run_is_not_left_queued(broker_down, users, settings):
    settings.PULL_ALLOWED_HOSTS = ["*"]
    source = make_source("https://www.ons.gov.uk/example.json")
    token = Token.objects.create(user=users["centre"]).key
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    response, took = timed(lambda: client.post(f"/api/v1/sources/{source.pk}/pull/"))
    assert response.status_code == 503 and took < REQUEST, (response.status_code, took)
    assert response.json()["code"] == "queue_unavailable"
    run = PullRun.objects.get()
    assert run.outcome == PullRun.Outcome.FAILED and "queue" in run.error


def test_a_pack_build_answers_503_fast_and_the_pack_ends_failed(
    broker_down, client_for, users, organisations
):
    from tests.factories import CouncilFactory, MeetingFactory, MissionFactory

    council = CouncilFactory(mission=MissionFactory(lead_organisation=organisations["dfe"]))
    meeting = MeetingFactory(council=council)
    url = reverse("councils:pack-request", kwargs={"pk": meeting.pk})
    response, took = timed(lambda: client_for("centre").post(url, {}))
    assert response.status_code == 503 and took < REQUEST, (response.status_code, took)
    pack = CheckInPack.objects.get()
    assert pack.status == CheckInPack.Status.FAILED and "queue" in pack.error
