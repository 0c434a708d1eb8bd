"""Writes for scheduled pulls: sources (kept in step with their beat schedule), and runs.

A run is claimed with a conditional update, so running one twice is safe: a finished run is a no-op, and
a run left `running` by a killed worker is redone. The import, the run's result and the source's release
markers are written in one transaction, so a worker killed mid-pull leaves nothing half-written.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from urllib.parse import urlsplit

from celery.schedules import crontab
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from metrics.permissions import metric_write_scope
from metrics.services import observation_import
from missions.models import Role, User
from missions.queue import enqueue_on_commit
from missions.services import audit_record
from sources import mapping
from sources.connectors import CONNECTORS, ConnectorError, parse
from sources.fetch import FetchError, fetch, host_allowed
from sources.models import DataSource, PullRun

log = logging.getLogger(__name__)

SCHEDULED_TASK = "metrics.tasks.source_pull_scheduled"
RUN_TASK = "metrics.tasks.source_pull"
EDITABLE = (
    "name", "connector", "url", "metric", "geography", "options", "geography_map", "scale_factor",
    "schedule", "enabled", "contact_email",
)  # fmt: skip
ACTIVE = (PullRun.Outcome.QUEUED, PullRun.Outcome.RUNNING)
CRON_FIELDS = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week")


def parse_cron(expression: str) -> dict[str, str]:
    """Split and check a five-field cron expression ('0 9 * * 1-5'); ValidationError in plain English."""
    parts = (expression or "").split()
    if len(parts) != 5:
        raise ValidationError(
            {"schedule": "Give five fields: minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5."}
        )
    fields = dict(zip(CRON_FIELDS, parts, strict=True))
    try:
        crontab(**fields)
    except (ValueError, TypeError) as exc:
        raise ValidationError({"schedule": f"'{expression}' is not a valid schedule: {exc}"})
    return fields


def source_validate(source: DataSource) -> None:
    """Every check a source passes before it is saved (pages, API, admin); ValidationError by field."""
    errors = {}
    spec = CONNECTORS.get(source.connector)
    if not isinstance(source.options, dict):
        errors["options"] = "Give the connector options as a JSON object."
    elif spec is not None:
        unknown = sorted(set(source.options) - set(spec.options) - set(mapping.PULL_OPTIONS))
        allowed = [*spec.options, *mapping.PULL_OPTIONS]
        if unknown:
            errors["options"] = f"'{unknown[0]}' is not an option of {spec.label}: use {', '.join(allowed)}."
        elif str(source.options.get("projections", "reject")).lower() not in ("reject", "drop"):
            errors["options"] = "The option projections is 'reject' or 'drop'."
    host = urlsplit(source.url or "").hostname
    if host and not host_allowed(host):
        errors["url"] = f"Pulls may not fetch from {host}: ask for it to be added to the allowed hosts."
    if not isinstance(source.geography_map, dict):
        errors["geography_map"] = 'Give the geography map as a JSON object, e.g. {"GBR": "K02000001"}.'
    try:
        parse_cron(source.schedule)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        source.full_clean()
    except ValidationError as exc:
        errors = {**exc.message_dict, **errors}
    if errors:
        raise ValidationError(errors)


def source_schedule_sync(source: DataSource) -> None:
    """Keep one django-celery-beat PeriodicTask per source, with the source's cron and enabled flag."""
    fields = parse_cron(source.schedule)
    schedule, _ = CrontabSchedule.objects.get_or_create(**fields, timezone=settings.TIME_ZONE)
    task = source.periodic_task or PeriodicTask(name=f"Pull source {source.pk}", task=SCHEDULED_TASK)
    task.name = f"Pull source {source.pk}: {source.name}"[:200]
    task.crontab = schedule
    task.args = json.dumps([source.pk])
    task.enabled = source.enabled
    task.description = f"Scheduled pull of {source.url}"
    task.save()
    if source.periodic_task_id != task.pk:
        source.periodic_task = task
        source.save(update_fields=["periodic_task"])


@transaction.atomic
def source_create(*, user, owner=None, **fields) -> DataSource:
    """Create a source for ``fields['metric']``; owned by ``owner``, else the user's organisation when
    they are an analyst, else the metric's owner."""
    metric = fields["metric"]
    if owner is None:  # an analyst's source belongs to their organisation; the centre's to the metric's owner
        writer = metric_write_scope(user).organisation_id if user is not None else None
        owner = user.organisation if writer is not None else metric.owner
    source = DataSource(owner=owner, **{k: v for k, v in fields.items() if k in EDITABLE})
    source_validate(source)
    source.save()
    source_schedule_sync(source)
    audit_record(actor=user, action="source.create", obj=source, changes={"url": source.url})
    return source


@transaction.atomic
def source_update(*, source: DataSource, user, owner=None, **fields) -> DataSource:
    """Change a source's editable fields (``owner`` only where the caller may move it: the admin)."""
    changed = {}
    if owner is not None and owner.pk != source.owner_id:
        source.owner = owner
        changed["owner"] = str(owner)
    for name, value in fields.items():
        if name in EDITABLE and getattr(source, name) != value:
            setattr(source, name, value)
            changed[name] = str(value)
    if {"url", "connector", "options", "geography_map", "scale_factor", "metric"} & set(changed):
        source.last_etag = source.last_modified = source.last_checksum = ""  # the next pull reads it all
    source_validate(source)
    source.save()
    source_schedule_sync(source)
    audit_record(actor=user, action="source.update", obj=source, changes=changed)
    return source


@transaction.atomic
def source_delete(*, source: DataSource, user) -> None:
    """Delete a source with its runs and its beat schedule (the observations it imported stay)."""
    task = source.periodic_task
    audit_record(actor=user, action="source.delete", obj=source, changes={"url": source.url})
    source.delete()
    if task is not None:
        task.delete()


def source_pull_create(*, source: DataSource, user=None) -> PullRun:
    """A queued run, or the source's run that is already waiting (pressing "Pull now" twice queues one)."""
    recent = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2)
    active = source.runs.filter(outcome__in=ACTIVE, queued_at__gte=recent).first()
    if active is not None:
        return active
    return PullRun.objects.create(source=source, triggered_by=user if user and user.pk else None)


@transaction.atomic
def source_pull_enqueue(*, source: DataSource, user=None) -> PullRun:
    """Queue a pull; the task is sent only once this transaction commits."""
    run = source_pull_create(source=source, user=user)
    if run.outcome == PullRun.Outcome.QUEUED and run.started_at is None:
        from sources.tasks import source_pull

        enqueue_on_commit(
            source_pull, run.pk, on_failure=lambda reason: source_pull_fail(run_id=run.pk, message=reason)
        )
    return run


def source_pull_run(*, run_id: int) -> PullRun:
    """Fetch, parse and import one release. Safe to call twice; returns the run as finished."""
    claimed = PullRun.objects.filter(pk=run_id, outcome__in=ACTIVE).update(
        outcome=PullRun.Outcome.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    run = PullRun.objects.select_related("source__metric", "source__geography", "source__owner").get(
        pk=run_id
    )
    if not claimed:
        return run
    source = run.source
    try:
        fetched = fetch(source.url, etag=source.last_etag, last_modified=source.last_modified)
        if fetched.not_modified or (fetched.checksum and fetched.checksum == source.last_checksum):
            return _finish_unchanged(run, fetched)
        parsed = parse(source.connector, fetched.content, mapping.options_for_parser(source.options))
        rows = mapping.import_rows(source, parsed)
    except (FetchError, ConnectorError) as exc:
        return _fail(run, str(exc))
    except Exception as exc:  # a parser bug must still end the run, in words the owner can act on
        log.exception("Pull run %s: the release could not be read", run.pk)
        return _fail(
            run, f"The release could not be read ({type(exc).__name__}). The service team has been told."
        )
    if not rows:
        return _fail(run, "The release has no rows for the geographies this source maps.")
    return _import(run, fetched, rows)


def _import(run: PullRun, fetched, rows: list[dict]) -> PullRun:
    source = run.source
    with transaction.atomic():
        summary = observation_import(
            rows=rows,
            format="pull",
            system=True,
            filename=source.url[-255:],
            size_bytes=len(fetched.content),
            first_row_number=1,
        )
        # Counts only from what was committed: a refused release wrote nothing, so it reports nothing new.
        _record(run, fetched, summary=summary if summary.written else None)
        if not summary.written:
            run.rejected = summary.rejected
        if summary.written:
            run.outcome = PullRun.Outcome.SUCCEEDED
            run.finished_at = timezone.now()
            DataSource.objects.filter(pk=source.pk).update(
                last_etag=fetched.etag, last_modified=fetched.last_modified, last_checksum=fetched.checksum
            )
        run.save()
    if summary.written:
        return run
    first = summary.errors[0] if summary.errors else None
    detail = f" The first: row {first.row}, {first.column}: {first.message}" if first else ""
    return _fail(
        run, f"{summary.rejected} of {summary.rows} rows could not be used, so nothing was written.{detail}"
    )


def _record(run: PullRun, fetched, *, summary=None) -> None:
    run.bytes = len(fetched.content)
    run.etag, run.last_modified, run.checksum = fetched.etag, fetched.last_modified, fetched.checksum
    if summary is not None:
        run.created, run.revised = summary.created, summary.revised
        run.unchanged, run.rejected = summary.unchanged, summary.rejected
        run.upload_id = summary.upload_id


def _finish_unchanged(run: PullRun, fetched) -> PullRun:
    _record(run, fetched)
    run.checksum = run.checksum or run.source.last_checksum
    run.outcome = PullRun.Outcome.UNCHANGED
    run.finished_at = timezone.now()
    run.save()
    return run


def _fail(run: PullRun, message: str) -> PullRun:
    run.outcome = PullRun.Outcome.FAILED
    run.error = message
    run.finished_at = timezone.now()
    run.save()
    _tell_owner(run)
    return run


def source_pull_fail(*, run_id: int, message: str) -> PullRun:
    """Record that a run could not finish (e.g. it ran out of time), unless it has already finished."""
    run = PullRun.objects.select_related("source").get(pk=run_id)
    if run.outcome in ACTIVE:
        _fail(run, message)
    return run


def source_pulls_reclaim_stale(*, now=None) -> list[PullRun]:
    """Beat: runs left `running` longer than the pull task's hard time limit belong to a worker that died
    (its import transaction never committed): fail them with the reason and tell the owner. If the broker
    hands the message back later, the run has finished, so the task does nothing."""
    from sources.tasks import PULL_TIME_LIMIT

    now = now or timezone.now()
    stale = PullRun.objects.filter(
        outcome=PullRun.Outcome.RUNNING, started_at__lt=now - timedelta(seconds=PULL_TIME_LIMIT + 60)
    ).select_related("source")
    message = (
        "The worker running this pull stopped before it finished; nothing was written. "
        "The next scheduled pull will try again."
    )
    return [_fail(run, message) for run in stale]


def failure_recipients(source: DataSource) -> list[str]:
    if source.contact_email:
        return [source.contact_email]
    analysts = User.objects.filter(
        organisation_id=source.owner_id, is_active=True, groups__name=Role.ANALYST
    ).exclude(email="")
    return sorted(set(analysts.values_list("email", flat=True)))


def _tell_owner(run: PullRun) -> None:
    recipients = failure_recipients(run.source)
    if not recipients:
        log.warning("Pull run %s failed and source %s has nobody to tell", run.pk, run.source_id)
        return
    source = run.source
    body = (
        f"The scheduled pull of '{source.name}' ({source.url}) failed at "
        f"{timezone.localtime(run.finished_at):%H:%M on %d %B %Y}.\n\n{run.error}\n\n"
        f"Nothing from this release was written; the figures on the dashboard are unchanged. "
        f"The next scheduled pull will try again."
    )
    try:
        send_mail(f"Pull failed: {source.name}", body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # a mail outage must not hide the run's result
        log.exception("Could not email the owner of source %s", source.pk)
