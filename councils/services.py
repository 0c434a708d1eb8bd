"""Writes for councils: meetings, actions and their status, and check-in packs (request, then build)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from councils.models import Action, CheckInPack, Council, Meeting
from councils.packs import content as pack_content
from councils.packs import render
from councils.packs.history import ACTION_STATUS_EVENT
from missions.queue import enqueue_on_commit
from missions.services import audit_record

logger = logging.getLogger(__name__)

#: A pack left "building" longer than this (a worker died mid-build) may be claimed again.
STALE_BUILD = timedelta(minutes=15)


@transaction.atomic
def meeting_create(*, council: Council, by, **fields) -> Meeting:
    meeting = Meeting(council=council, illustrative=council.illustrative, **fields)
    meeting.full_clean()
    meeting.save()
    audit_record(actor=by, action="meeting.create", obj=meeting, changes={"title": meeting.title})
    return meeting


@transaction.atomic
def action_create(*, meeting: Meeting, by, **fields) -> Action:
    action = Action(meeting=meeting, illustrative=meeting.illustrative, **fields)
    action.full_clean()
    action.save()
    audit_record(actor=by, action="action.create", obj=action, changes={"due_date": str(action.due_date)})
    return action


@transaction.atomic
def action_update_status(*, action: Action, status: str, by) -> Action:
    """Change an action's status; the change is an audit row, so packs can read the status as at a moment."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    old = action.status
    if old == status:
        return action
    action.status = status
    action.completed_at = timezone.now() if status == Action.Status.DONE else None
    action.full_clean()
    action.save(update_fields=["status", "completed_at"])
    audit_record(actor=by, action=ACTION_STATUS_EVENT, obj=action, changes={"status": [old, status]})
    return action


@transaction.atomic
def checkin_pack_request(
    *, meeting: Meeting, by, as_at: datetime | None = None, enqueue: bool = True
) -> CheckInPack:
    """A new version of the meeting's pack, queued; the build is enqueued once this transaction commits
    (`enqueue=False` when the caller builds it in-process, as the management command does)."""
    from councils.tasks import build_checkin_pack

    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # serialise version numbers
    latest = CheckInPack.objects.filter(meeting=meeting).aggregate(v=Max("version"))["v"] or 0
    pack = CheckInPack(
        meeting=meeting,
        version=latest + 1,
        as_at=as_at or timezone.now(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
        progress_message="Waiting for a worker",
    )
    pack.full_clean()
    pack.save()
    audit_record(actor=by, action="pack.request", obj=pack, changes={"as_at": pack.as_at.isoformat()})
    if enqueue:
        enqueue_on_commit(
            build_checkin_pack,
            pack.pk,
            on_failure=lambda reason: checkin_pack_fail(pack_id=pack.pk, reason=reason),
        )
    return pack


@transaction.atomic
def checkin_pack_fail(*, pack_id: int, reason: str) -> CheckInPack:
    """End a pack that was never built (the queue was down) as failed, with the reason; a finished pack is
    left as it is."""
    pack = CheckInPack.objects.select_for_update().get(pk=pack_id)
    if pack.status not in (CheckInPack.Status.QUEUED, CheckInPack.Status.BUILDING):
        return pack
    pack.status = CheckInPack.Status.FAILED
    pack.progress_message, pack.error, pack.finished_at = "Failed", reason, timezone.now()
    pack.save(update_fields=["status", "progress_message", "error", "finished_at"])
    audit_record(actor=None, action="pack.fail", obj=pack, changes={"reason": reason})
    return pack


def _progress(pack_id: int, percent: int, message: str, **fields) -> None:
    """Written outside any long transaction so the meeting page sees it at once."""
    CheckInPack.objects.filter(pk=pack_id).update(progress=percent, progress_message=message, **fields)


def _claim(pack_id: int) -> bool:
    """Move queued (or abandoned) → building; False when another run has it or it is already finished."""
    abandoned = Q(status=CheckInPack.Status.BUILDING, created_at__lt=timezone.now() - STALE_BUILD)
    claimed = CheckInPack.objects.filter(Q(pk=pack_id) & (Q(status=CheckInPack.Status.QUEUED) | abandoned))
    return bool(claimed.update(status=CheckInPack.Status.BUILDING, progress=5, progress_message="Starting"))


def checkin_pack_build(*, pack_id: int) -> CheckInPack:
    """Freeze the content (once), render HTML and PDF from it, mark the pack ready. Safe to run twice:
    a pack already ready or being built by another run is returned unchanged."""
    if not _claim(pack_id):
        return CheckInPack.objects.get(pk=pack_id)
    pack = CheckInPack.objects.select_related("meeting", "meeting__council__mission").get(pk=pack_id)
    try:
        _build(pack)
    except Exception as exc:
        logger.exception("Check-in pack %s failed", pack_id)
        CheckInPack.objects.filter(pk=pack_id).update(
            status=CheckInPack.Status.FAILED,
            progress_message="Failed",
            error=f"{type(exc).__name__}: {exc}",
            finished_at=timezone.now(),
        )
    pack.refresh_from_db()
    return pack


def _build(pack: CheckInPack) -> None:
    if not pack.content:
        _progress(pack.pk, 10, "Reading the figures as at the chosen moment")
        pack.content = pack_content.assemble(pack.meeting, pack.as_at)
        CheckInPack.objects.filter(pk=pack.pk).update(content=pack.content)
    _progress(pack.pk, 40, f"Drawing {len(pack.content['metrics'])} charts")
    sections, _ = render.charts_for(pack.content)
    html = render.render_html(pack.content, sections, version=pack.version)
    _progress(pack.pk, 60, "Typesetting the PDF")
    pdf = render.render_pdf(render.render_html(pack.content, sections, version=pack.version, for_pdf=True))
    _progress(pack.pk, 95, "Saving")
    with transaction.atomic():
        pack.html = html
        pack.pdf.save(pdf_filename(pack), ContentFile(pdf), save=False)
        pack.status = CheckInPack.Status.READY
        pack.progress, pack.progress_message = 100, "Ready"
        pack.error = ""
        pack.finished_at = timezone.now()
        pack.save()


def pdf_filename(pack: CheckInPack) -> str:
    return f"checkin-pack-meeting-{pack.meeting_id}-v{pack.version}.pdf"
