"""Build a meeting's check-in pack from the command line (the same service as the page's button)."""

import shutil
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from councils import services
from councils.models import CheckInPack, Meeting


def _as_at(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-at must be an ISO date or date-time, e.g. 2025-03-31T17:00; got {text!r}.")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now():
        raise CommandError("--as-at must be now or in the past.")
    return moment


class Command(BaseCommand):
    help = "Build a new version of a meeting's check-in pack (figures as at --as-at, default now)."

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--as-at", help="ISO date or date-time: figures as they were known then.")
        parser.add_argument("--output", help="Also copy the PDF to this file.")

    def handle(self, *args, meeting_id, as_at=None, output=None, **options):
        meeting = Meeting.objects.filter(pk=meeting_id).select_related("council").first()
        if meeting is None:
            raise CommandError(f"There is no meeting {meeting_id}.")
        pack = services.checkin_pack_request(meeting=meeting, by=None, as_at=_as_at(as_at), enqueue=False)
        pack = services.checkin_pack_build(pack_id=pack.pk)
        if pack.status != CheckInPack.Status.READY:
            raise CommandError(f"Pack version {pack.version} failed: {pack.error}")
        if output:
            with pack.pdf.open("rb") as source, open(output, "wb") as target:
                shutil.copyfileobj(source, target)
        self.stdout.write(
            self.style.SUCCESS(
                f"Pack version {pack.version} for “{meeting}” is ready: {output or pack.pdf.name}"
            )
        )
