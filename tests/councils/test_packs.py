"""Check-in packs: what the PDF says, reproducibility "as at", versions, build states and failures."""

import datetime as dt
import re
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone

from councils import services
from councils.models import CheckInPack
from councils.packs import render
from metrics.models import Observation
from tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db


def pdf_text(pack) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", pack.pdf.path, "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def build(meeting, by=None, as_at=None) -> CheckInPack:
    pack = services.checkin_pack_request(meeting=meeting, by=by, as_at=as_at, enqueue=False)
    return services.checkin_pack_build(pack_id=pack.pk)


def revise(metric, period_start, value, when):
    old = Observation.objects.get(metric=metric, period_start=period_start, superseded_at__isnull=True)
    Observation.objects.filter(pk=old.pk).update(superseded_at=when)
    ObservationFactory(
        metric=metric,
        period_start=period_start,
        value=Decimal(value),
        revision=old.revision + 1,
        recorded_at=when,
    )


def test_pdf_names_each_metric_with_its_latest_value_and_status(opportunity):
    pack = build(opportunity["check_in"])
    assert pack.status == CheckInPack.Status.READY and pack.progress == 100
    text = pdf_text(pack)
    assert "Check-in pack: DfE check-in" in text
    assert "Department for Education" in text
    for name, latest, status in [
        ("Children with a good level of development", "67.2", "Off track"),
        ("Young people not in education, employment or training", "13.2", "No target"),
    ]:
        assert name in text
        assert f"Latest: {latest}" in text
        assert status in text
    assert "Page 1 of" in text
    assert "Illustrative example" in text


def test_pdf_lists_previous_actions_with_overdue_ones_marked(opportunity):
    text = pdf_text(build(opportunity["check_in"]))
    assert "Publish the early years plan" in text
    assert "Overdue" in text


def test_pdf_is_tagged_for_screen_readers(opportunity):
    pack = build(opportunity["check_in"])
    info = subprocess.run(["pdfinfo", pack.pdf.path], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    assert "Check-in pack: DfE check-in" in info  # the document title a screen reader announces


def test_pack_made_before_a_revision_keeps_the_old_value(opportunity):
    readiness = opportunity["metrics"][0]
    before = timezone.now() - dt.timedelta(minutes=5)
    first = build(opportunity["check_in"], as_at=before)
    revise(readiness, dt.date(2023, 1, 1), "70.4", timezone.now() - dt.timedelta(minutes=1))

    rebuilt_old = build(opportunity["check_in"], as_at=before)
    current = build(opportunity["check_in"])

    assert "Latest: 67.2" in pdf_text(first) and "Latest: 67.2" in pdf_text(rebuilt_old)
    assert "Latest: 70.4" in pdf_text(current)
    assert [p.version for p in opportunity["check_in"].packs.all()] == [3, 2, 1]
    first.refresh_from_db()
    assert first.content["metrics"][0]["latest_value"] == "67.2"  # the old version is kept, unchanged


def test_content_records_the_vintages_used(opportunity):
    pack = build(opportunity["check_in"])
    vintages = pack.content["metrics"][0]["vintages"]
    assert vintages["observations"] == 3
    assert vintages["last_recorded_at"].startswith("2025-01-10")


def test_build_moves_through_states_and_is_idempotent(opportunity, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pack = services.checkin_pack_request(meeting=opportunity["check_in"], by=users["secretariat"])
    assert (pack.status, pack.progress, pack.version) == (CheckInPack.Status.QUEUED, 0, 1)
    assert len(callbacks) == 1  # enqueued only once the request commits
    callbacks[0]()  # eager Celery: the task runs the build
    pack.refresh_from_db()
    assert pack.status == CheckInPack.Status.READY
    finished, pdf_name = pack.finished_at, pack.pdf.name
    again = services.checkin_pack_build(pack_id=pack.pk)  # a redelivered task changes nothing
    assert (again.finished_at, again.pdf.name) == (finished, pdf_name)


def test_progress_is_visible_while_building(opportunity, monkeypatch):
    seen = []
    original = render.render_pdf

    def spy(html):
        seen.append(CheckInPack.objects.values_list("status", "progress", "progress_message").get())
        return original(html)

    monkeypatch.setattr(render, "render_pdf", spy)
    build(opportunity["check_in"])
    assert seen == [("building", 60, "Typesetting the PDF")]


def test_a_failed_build_records_its_error(opportunity, monkeypatch):
    def broken(html):
        raise RuntimeError("fonts unavailable")

    monkeypatch.setattr(render, "render_pdf", broken)
    pack = build(opportunity["check_in"])
    assert pack.status == CheckInPack.Status.FAILED
    assert pack.error == "RuntimeError: fonts unavailable"
    assert not pack.pdf
    assert pack.content["metrics"]  # what was frozen is kept for the record


def test_chart_is_accessible_svg_with_target_marked(opportunity):
    pack = build(opportunity["check_in"])
    sections, timings = render.charts_for(pack.content)
    chart = sections[0]["chart"]
    assert chart.startswith("<svg") and "<title" in chart and "<desc" in chart
    assert "Target (end of this Parliament)" in chart
    assert len(timings) == 2
    assert render.chart_svg(pack.content["metrics"][0], 1) == render.chart_svg(pack.content["metrics"][0], 1)


def test_trajectory_is_drawn_dashed(opportunity):
    from metrics.models import TrajectoryPoint

    target = opportunity["metrics"][0].targets.get()
    TrajectoryPoint.objects.create(target=target, period_start=dt.date(2025, 1, 1), value=Decimal("70"))
    pack = build(opportunity["check_in"])
    chart = render.chart_svg(pack.content["metrics"][0], 1)
    assert "stroke-dasharray" in chart and "Trajectory" in chart
