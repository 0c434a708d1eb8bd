"""Writes of uploads received by the page or the API and processed by the worker (metrics.ingest.tasks):
receive (store through the storage API, enqueue), confirm, reject with a reason, reclaim stale claims."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from metrics.ingest.validation import RowError
from metrics.models import Upload
from missions.queue import enqueue, enqueue_on_commit
from missions.services import audit_record

STALE_PENDING = timedelta(minutes=10)  # a message lost (web died between commit and send): re-sent
PROGRESS_UPDATE = (
    "UPDATE metrics_upload SET progress_phase = %s, progress_rows = %s, progress_total = %s, progress_at = %s"
    " WHERE id = %s AND status = %s"
)


@transaction.atomic
def upload_receive(*, user, file, kind: str, dry_run: bool = True, idempotency_key=None, sha256="") -> Upload:
    """Store a file through the storage API and make its PENDING Upload; the worker is sent it on commit.
    If the queue is down the Upload ends rejected with the reason and QueueUnavailable propagates.
    A re-sent `idempotency_key` returns the Upload that first used it (metrics.services.idempotency_claim)."""
    from metrics.ingest.tasks import stored_name, upload_process
    from metrics.services import idempotency_claim

    if idempotency_key:
        earlier = idempotency_claim(user=user, key=idempotency_key, sha256=sha256)
        if earlier is not None:
            return earlier
    upload = Upload(
        created_by=user,
        organisation_id=user.organisation_id,
        format=kind,
        filename=file.name.replace("\x00", "")[:255],
        size_bytes=file.size,
        dry_run=dry_run,
        idempotency_key=idempotency_key or None,
        payload_sha256=sha256,
    )
    upload.full_clean(exclude=["created_by", "organisation"])
    upload.save()
    name = stored_name(upload)
    default_storage.delete(name)  # a leftover from a database that was reset
    default_storage.save(name, file)
    audit_record(actor=user, action="upload.receive", obj=upload, changes={"filename": upload.filename})
    enqueue_on_commit(
        upload_process, upload.pk, on_failure=lambda reason: upload_reject(upload_id=upload.pk, reason=reason)
    )
    return upload


@transaction.atomic
def upload_confirm(*, upload: Upload, user) -> Upload:
    """A checked file without errors, written for real by whoever sent it (the worker does the writing)."""
    from metrics.ingest.tasks import upload_process

    moved = Upload.objects.filter(pk=upload.pk, status=Upload.Status.DRY_RUN).update(
        status=Upload.Status.PENDING, dry_run=False, claimed_at=None
    )
    if moved:
        audit_record(actor=user, action="upload.confirm", obj=upload, changes={"status": "pending"})
        enqueue_on_commit(
            upload_process,
            upload.pk,
            on_failure=lambda reason: upload_reject(upload_id=upload.pk, reason=reason),
        )
    upload.refresh_from_db()
    return upload


def upload_claim(*, upload_id: int) -> bool:
    """Claim a waiting upload for processing (PENDING -> PROCESSING, stamped so a stale claim can be
    reclaimed); False when another worker has it."""
    return bool(
        Upload.objects.filter(pk=upload_id, status=Upload.Status.PENDING).update(
            status=Upload.Status.PROCESSING, claimed_at=timezone.now()
        )
    )


def upload_progress(*, upload_id: int, phase: str, rows: int, total: int | None) -> bool:
    """Record how far the worker has got: one conditional UPDATE (only while PROCESSING), committed at once so
    the status page and the API see it while the import is still running. Outside a transaction it goes
    through the usual connection. Inside one (PostgreSQL validates and writes in a single transaction) that
    connection's UPDATE would stay hidden until the end, so it goes through a short connection of its own;
    SQLite cannot take a second writer while the import holds the lock, so there it records nothing (the page
    keeps the last phase recorded before the transaction began). True when a row was updated."""
    now = timezone.now()
    if not connection.in_atomic_block:
        return bool(
            Upload.objects.filter(pk=upload_id, status=Upload.Status.PROCESSING).update(
                progress_phase=phase, progress_rows=rows, progress_total=total, progress_at=now
            )
        )
    if connection.vendor != "postgresql":
        return False
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with side.cursor() as cursor:  # autocommit: visible as soon as it returns
            cursor.execute(
                PROGRESS_UPDATE,
                [phase, rows, total, now, upload_id, Upload.Status.PROCESSING],
            )
            return cursor.rowcount == 1
    finally:
        side.close()


@transaction.atomic
def upload_reject(*, upload_id: int, reason: str) -> Upload:
    """End an upload that is still waiting or being processed as rejected, with a reason the sender sees."""
    upload = Upload.objects.select_for_update().get(pk=upload_id)
    if upload.status not in (Upload.Status.PENDING, Upload.Status.PROCESSING):
        return upload
    upload.status = Upload.Status.REJECTED
    upload.errors = [RowError(1, "file", reason).as_dict()]
    upload.error_count = 1
    upload.row_count = upload.created_count = upload.revised_count = upload.unchanged_count = 0
    upload.rejected_count = 0
    upload.finished_at = timezone.now()
    upload.full_clean(exclude=["created_by", "organisation", "idempotency_key"])
    upload.save()
    audit_record(actor=None, action="upload.reject", obj=upload, changes={"reason": reason[:500]})
    return upload


def uploads_reclaim_stale(*, now: datetime | None = None) -> list[Upload]:
    """Claims older than the task's hard time limit belong to a worker that died: reject them, naming it.
    Pending uploads whose message was never delivered are re-sent (once the queue is back)."""
    from metrics.ingest.tasks import UPLOAD_TIME_LIMIT, upload_process

    now = now or timezone.now()
    stale = Upload.objects.filter(
        status=Upload.Status.PROCESSING,
        claimed_at__lt=now - timedelta(seconds=UPLOAD_TIME_LIMIT + 60),
        format__in=[Upload.Format.CSV, Upload.Format.XLSX],
    )
    reclaimed = [
        upload_reject(
            upload_id=pk,
            reason="The worker processing this file stopped before it finished; nothing was written. "
            "Upload the file again.",
        )
        for pk in stale.values_list("pk", flat=True)
    ]
    waiting = Upload.objects.filter(
        status=Upload.Status.PENDING, created_at__lt=now - STALE_PENDING, claimed_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in waiting:
        enqueue(upload_process, pk)
    return reclaimed
