"""Writes of upload batches for the file pages and the worker; the import itself is
`metrics.services.observation_import`. A file is stored under MEDIA_ROOT/uploads/ and checked (dry run) by
the worker; a clean dry run can then be confirmed, which queues the real write.
"""

from __future__ import annotations

from django.db import transaction

from metrics.ingest.tasks import stored_path, upload_process
from metrics.models import Upload
from missions.services import audit_record


@transaction.atomic
def upload_receive(*, user, file, format: str) -> Upload:
    """Store a chosen file and queue its dry run (after commit, so the worker finds the row)."""
    upload = Upload(
        created_by=user,
        organisation_id=user.organisation_id,
        format=format,
        filename=file.name[:255],
        size_bytes=file.size,
        dry_run=True,
    )
    upload.full_clean()
    upload.save()
    path = stored_path(upload)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for chunk in file.chunks():
            out.write(chunk)
    audit_record(actor=user, action="upload.receive", obj=upload, changes={"filename": upload.filename})
    transaction.on_commit(lambda: upload_process.delay(upload.pk))
    return upload


@transaction.atomic
def upload_confirm(*, upload: Upload, user) -> Upload:
    """Queue the real write of a checked file (DRY_RUN -> PENDING); a no-op when it was already queued."""
    queued = Upload.objects.filter(pk=upload.pk, status=Upload.Status.DRY_RUN).update(
        status=Upload.Status.PENDING, dry_run=False
    )
    if queued:
        audit_record(
            actor=user, action="upload.confirm", obj=upload, changes={"status": ["dry_run", "pending"]}
        )
        transaction.on_commit(lambda: upload_process.delay(upload.pk))
    upload.refresh_from_db()
    return upload


def upload_claim(*, upload_id: int) -> bool:
    """Claim a waiting upload for processing (PENDING -> PROCESSING); False when another worker has it."""
    return bool(
        Upload.objects.filter(pk=upload_id, status=Upload.Status.PENDING).update(
            status=Upload.Status.PROCESSING
        )
    )


@transaction.atomic
def upload_reject_unreadable(*, upload: Upload, message: str) -> Upload:
    """Record that the stored file could not be read at all: nothing written, one error on row 1."""
    upload.status = Upload.Status.REJECTED
    upload.errors = [{"row": 1, "column": "file", "message": message}]
    upload.error_count = 1
    upload.save(update_fields=["status", "errors", "error_count"])
    return upload
