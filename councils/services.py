"""Writes for councils: meetings, agendas, returns, decisions, minutes, actions and packs; every write is
audited; a change not allowed from the current state raises `StateConflict` (the API answers 409)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from councils import returns as return_rules
from councils.models import (
    Action,
    AgendaItem,
    CheckInPack,
    Council,
    Decision,
    DepartmentalReturn,
    Meeting,
    ReturnEntry,
    ReturnVersion,
)
from councils.packs import content as pack_content
from councils.packs import render
from councils.packs.history import ACTION_STATUS_EVENT
from missions.queue import enqueue_on_commit
from missions.services import audit_record

logger = logging.getLogger(__name__)

#: A pack left "building" longer than this (a worker died mid-build) may be claimed again.
STALE_BUILD = timedelta(minutes=15)
#: Where an action may go from each status: a closed action is reopened before it is closed another way.
ACTION_TRANSITIONS = {
    Action.Status.OPEN: {Action.Status.IN_PROGRESS, Action.Status.DONE, Action.Status.DROPPED},
    Action.Status.IN_PROGRESS: {Action.Status.OPEN, Action.Status.DONE, Action.Status.DROPPED},
    Action.Status.DONE: {Action.Status.OPEN, Action.Status.IN_PROGRESS},
    Action.Status.DROPPED: {Action.Status.OPEN, Action.Status.IN_PROGRESS},
}


class StateConflict(Exception):
    """A change not allowed from the thing's current state (HTTP 409)."""


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
    if status not in ACTION_TRANSITIONS[old]:
        raise StateConflict(
            f"An action that is {Action.Status(old).label.lower()} cannot become "
            f"{Action.Status(status).label.lower()}; reopen it first."
        )
    action.status = status
    action.completed_at = timezone.now() if status == Action.Status.DONE else None
    action.full_clean()
    action.save(update_fields=["status", "completed_at"])
    audit_record(actor=by, action=ACTION_STATUS_EVENT, obj=action, changes={"status": [old, status]})
    return action


# --- agenda ------------------------------------------------------------------------------------------------

AGENDA_LINKS = ("metric", "contribution", "action", "business_case", "commitment")


def _agenda_title(links: dict) -> str:
    if links.get("metric"):
        return f"Progress on {links['metric'].name}"
    if links.get("contribution"):
        return f"Contribution: {links['contribution']}"
    if links.get("action"):
        return f"Action: {links['action'].title}"
    if links.get("business_case"):
        return f"Business case: {links['business_case'].title}"
    if links.get("commitment"):
        return f"Mandate commitment: {links['commitment']}"
    return ""


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, by, title: str = "", owner: str = "", minutes_allotted=None, **links
):
    """Append an item, picked from the mission's metrics, contributions, actions, business cases or mandate
    commitments (at most one), or free text."""
    links = {k: v for k, v in links.items() if k in AGENDA_LINKS and v is not None}
    if len(links) > 1:
        raise ValidationError("An agenda item links to one thing at most.")
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # serialise order numbers
    order = (AgendaItem.objects.filter(meeting=meeting).aggregate(o=Max("order"))["o"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        order=order,
        title=title or _agenda_title(links),
        owner=owner,
        minutes_allotted=minutes_allotted,
        **links,
    )
    item.full_clean()
    item.save()
    audit_record(actor=by, action="agenda.add", obj=item, changes={"order": order, "title": item.title})
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, by, up: bool) -> AgendaItem:
    """Swap the item with its neighbour above (or below); at either end it stays put."""
    siblings = AgendaItem.objects.select_for_update().filter(meeting=item.meeting_id)
    neighbour = (
        siblings.filter(order__lt=item.order).order_by("-order")
        if up
        else siblings.filter(order__gt=item.order).order_by("order")
    ).first()
    if neighbour is None:
        return item
    mine, theirs = item.order, neighbour.order
    siblings.filter(pk=item.pk).update(order=0)  # the unique (meeting, order) holds throughout
    siblings.filter(pk=neighbour.pk).update(order=mine)
    siblings.filter(pk=item.pk).update(order=theirs)
    audit_record(actor=by, action="agenda.move", obj=item, changes={"order": [mine, theirs]})
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by) -> AgendaItem:
    audit_record(actor=by, action="agenda.remove", obj=item, changes={"title": item.title})
    AgendaItem.objects.filter(pk=item.pk).delete()
    return item


# --- departmental returns --------------------------------------------------------------------------------


def _not_held(meeting: Meeting, what: str) -> None:
    if meeting.starts_at <= timezone.now():
        raise StateConflict(f"The meeting has taken place: {what} is closed.")


@transaction.atomic
def return_request(*, meeting: Meeting, by, deadline) -> DepartmentalReturn:
    """Ask the department under review for its return by `deadline` (one return per check-in)."""
    if meeting.kind != Meeting.Kind.CHECK_IN:
        raise ValidationError("Only a departmental check-in has a departmental return.")
    _not_held(meeting, "requesting a return")
    if DepartmentalReturn.objects.filter(meeting=meeting).exists():
        raise StateConflict("A return has already been requested for this check-in.")
    if deadline > meeting.starts_at:
        raise ValidationError({"deadline": "The deadline must be before the meeting."})
    requested = DepartmentalReturn(
        meeting=meeting,
        organisation_id=meeting.department_id,
        deadline=deadline,
        requested_by=by if getattr(by, "is_authenticated", False) else None,
        illustrative=meeting.illustrative,
    )
    requested.full_clean()
    requested.save()
    audit_record(actor=by, action="return.request", obj=requested, changes={"deadline": deadline.isoformat()})
    return requested


def _check_entries(departmental_return: DepartmentalReturn, entries: list[dict], submit: bool) -> None:
    metrics, contributions = return_rules.subjects(departmental_return.meeting)
    allowed = {("metric", m.pk) for m in metrics} | {("contribution", c.pk) for c in contributions}
    given = set()
    for entry in entries:
        key = (
            ("metric", entry["metric"].pk)
            if entry.get("metric")
            else ("contribution", entry["contribution"].pk)
        )
        if key not in allowed:
            raise ValidationError(
                f"The return does not cover that {key[0]} (the department does not own it)."
            )
        if submit and not (entry.get("confidence") and entry.get("reason", "").strip()):
            raise ValidationError(
                "Give a delivery confidence and its reason for every item before submitting."
            )
        given.add(key)
    if submit and given != allowed:
        raise ValidationError("A submitted return covers every metric and contribution the department owns.")


@transaction.atomic
def return_file(
    *, departmental_return: DepartmentalReturn, by, entries: list[dict], submit: bool
) -> ReturnVersion:
    """Save the department's return as a new version: a draft, or (submit=True) a submission. Versions are
    never edited, so a pack made at any moment reads the submission as it stood then."""
    locked = DepartmentalReturn.objects.select_for_update().get(pk=departmental_return.pk)
    _not_held(locked.meeting, "the return")
    _check_entries(locked, entries, submit)
    number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    now = timezone.now()
    version = ReturnVersion(
        departmental_return=locked,
        number=number,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        created_at=now,
        submitted_at=now if submit else None,
    )
    version.full_clean()
    version.save()
    texts = ("confidence", "reason", "risks", "asks")
    rows = [
        ReturnEntry(
            version=version,
            metric=e.get("metric"),
            contribution=e.get("contribution"),
            **{field: (e.get(field) or "").strip() for field in texts},
        )
        for e in entries
    ]
    for row in rows:
        row.full_clean(exclude=["version"])
    ReturnEntry.objects.bulk_create(rows)
    late = submit and now > locked.deadline
    audit_record(
        actor=by,
        action="return.submit" if submit else "return.draft",
        obj=locked,
        changes={"version": number, "entries": len(rows), "late": late},
    )
    return version


# --- decisions and minutes -------------------------------------------------------------------------------


@transaction.atomic
def decision_record(*, meeting: Meeting, by, text: str, actions: list[dict] | tuple = ()) -> Decision:
    """Record a decision taken in the meeting, and the actions it creates (owner organisation and person,
    due date, the metric it serves)."""
    decision = Decision(
        meeting=meeting, text=text, recorded_by=by if getattr(by, "is_authenticated", False) else None
    )
    decision.full_clean()
    decision.save()
    audit_record(actor=by, action="decision.record", obj=decision, changes={"actions": len(actions)})
    for fields in actions:
        action_create(meeting=meeting, by=by, decision=decision, **fields)
    return decision


@transaction.atomic
def meeting_minutes_save(*, meeting: Meeting, by, minutes: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_published_at:
        raise StateConflict("The minutes have been published to the members and can no longer be edited.")
    old = meeting.minutes
    meeting.minutes = minutes
    meeting.full_clean()
    meeting.save(update_fields=["minutes"])
    audit_record(actor=by, action="minutes.save", obj=meeting, changes={"minutes": [len(old), len(minutes)]})
    return meeting


@transaction.atomic
def meeting_minutes_publish(*, meeting: Meeting, by) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_published_at:
        raise StateConflict("The minutes have already been published.")
    if not meeting.minutes.strip():
        raise ValidationError("Write the minutes before publishing them.")
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_published_at"])
    audit_record(actor=by, action="minutes.publish", obj=meeting, changes={"published": True})
    return meeting


# --- check-in packs --------------------------------------------------------------------------------------


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
