"""`manage.py build_checkin_pack <meeting id> [--as-at ISO] [--output FILE.pdf]`."""

import datetime as dt
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from councils.models import CheckInPack

pytestmark = pytest.mark.django_db


def test_builds_a_new_version_and_writes_the_pdf(opportunity, tmp_path):
    output = tmp_path / "pack.pdf"
    as_at = (timezone.localtime() - dt.timedelta(hours=1)).replace(microsecond=0)
    call_command(
        "build_checkin_pack",
        str(opportunity["check_in"].pk),
        "--as-at",
        as_at.isoformat(),
        "--output",
        str(output),
    )
    call_command("build_checkin_pack", str(opportunity["check_in"].pk))
    packs = CheckInPack.objects.order_by("version")
    assert [(p.version, p.status) for p in packs] == [(1, "ready"), (2, "ready")]
    assert packs[0].as_at == as_at
    text = subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True, check=True).stdout
    assert "Children with a good level of development" in text


def test_refuses_an_unknown_meeting_or_a_future_moment(opportunity):
    with pytest.raises(CommandError, match="no meeting"):
        call_command("build_checkin_pack", "999999")
    with pytest.raises(CommandError, match="past"):
        call_command("build_checkin_pack", str(opportunity["check_in"].pk), "--as-at", "2999-01-01")
    with pytest.raises(CommandError, match="ISO"):
        call_command("build_checkin_pack", str(opportunity["check_in"].pk), "--as-at", "next tuesday")
    assert not CheckInPack.objects.exists()
