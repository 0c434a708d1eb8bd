"""Background processing of uploaded files, so a large file never holds a web request.

The page (or the API, for large files) stores the file through Django's storage API under `uploads/` —
so web and worker need only share the storage (a volume or an object store), never a path — makes a
PENDING Upload and enqueues `upload_process` after commit. The task claims the Upload with a conditional
update (PENDING -> PROCESSING), so running it twice does nothing the second time. Every failure ends the
Upload as rejected with a reason; a claim left by a killed worker is reclaimed by `uploads_reclaim_stale`
(run by beat), and the import itself is one transaction, so nothing is ever half-written.
"""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.storage import default_storage
from django.db import DatabaseError

from metrics.ingest.files import UnsupportedFile, open_table
from metrics.ingest.progress import Progress, estimate_rows
from metrics.models import Upload

log = logging.getLogger(__name__)
UPLOAD_TIME_LIMIT = 1800


def stored_name(upload: Upload) -> str:
    """The file's name in the default storage."""
    return f"uploads/{upload.pk}.{upload.format}"


@shared_task(
    name="metrics.ingest.tasks.upload_process",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=UPLOAD_TIME_LIMIT,
    soft_time_limit=UPLOAD_TIME_LIMIT - 50,
    ignore_result=True,
)
def upload_process(upload_id: int) -> None:
    from metrics import services
    from metrics.ingest import services as upload_services

    if not upload_services.upload_claim(upload_id=upload_id):
        return
    upload = Upload.objects.select_related("created_by").get(pk=upload_id)
    name = stored_name(upload)
    progress = Progress(upload_id, total=None)
    try:
        with default_storage.open(name, "rb") as handle:
            progress.phase(Upload.Phase.READING)
            progress.total = estimate_rows(handle, upload.format)
            table = open_table(handle, filename=upload.filename)
            services.observation_import(
                rows=table,
                user=upload.created_by,
                format=table.format,
                filename=upload.filename,
                size_bytes=upload.size_bytes,
                dry_run=upload.dry_run,
                upload=upload,
                progress=progress,
            )
    except (OSError, UnsupportedFile) as exc:
        upload_services.upload_reject(upload_id=upload_id, reason=f"The file could not be read: {exc}")
    except SoftTimeLimitExceeded:
        limit = (UPLOAD_TIME_LIMIT - 50) // 60
        upload_services.upload_reject(
            upload_id=upload_id, reason=f"Checking the file took over {limit} minutes."
        )
    except DatabaseError:
        raise  # the database is away: the message is redelivered, or the stale claim is reclaimed
    except Exception as exc:  # a corrupt zip, a parser bug: the analyst still learns it failed
        log.exception("Upload %s failed", upload_id)
        upload_services.upload_reject(
            upload_id=upload_id, reason=f"The file could not be processed ({type(exc).__name__})."
        )
    upload.refresh_from_db(fields=["status"])
    if upload.status in (Upload.Status.COMMITTED, Upload.Status.REJECTED):
        default_storage.delete(name)  # nothing more will be done with it


# Its own soft limit too: the app-wide one (540 s) above a 120 s hard limit makes Celery refuse to send it.
@shared_task(
    name="metrics.ingest.tasks.uploads_reclaim_stale", time_limit=120, soft_time_limit=110, ignore_result=True
)
def uploads_reclaim_stale() -> int:
    """Beat: end uploads whose worker died (or whose message was lost) with a reason; returns how many."""
    from metrics.ingest import services

    return len(services.uploads_reclaim_stale())
