"""Background processing of files sent from the upload page, so a large file never holds a web request.

The page stores the file under MEDIA_ROOT/uploads/, makes a PENDING Upload and enqueues `upload_process`
after commit; the page then polls the Upload's status. The task claims the Upload with a conditional
update (PENDING -> PROCESSING), so running it twice does nothing the second time.
"""

from pathlib import Path

from celery import shared_task
from django.conf import settings

from metrics.ingest.files import UnsupportedFile, open_table
from metrics.models import Upload


def stored_path(upload: Upload) -> Path:
    return Path(settings.MEDIA_ROOT) / "uploads" / f"{upload.pk}.{upload.format}"


@shared_task(time_limit=1800, soft_time_limit=1750)
def upload_process(upload_id: int) -> None:
    from metrics.ingest.services import upload_claim, upload_reject_unreadable
    from metrics.services import observation_import

    if not upload_claim(upload_id=upload_id):
        return
    upload = Upload.objects.select_related("created_by").get(pk=upload_id)
    path = stored_path(upload)
    try:
        with path.open("rb") as handle:
            table = open_table(handle, filename=upload.filename)
            observation_import(
                rows=table,
                user=upload.created_by,
                format=table.format,
                filename=upload.filename,
                size_bytes=upload.size_bytes,
                dry_run=upload.dry_run,
                upload=upload,
            )
    except (OSError, UnsupportedFile) as exc:
        upload_reject_unreadable(upload=upload, message=f"The file could not be read: {exc}")
    upload.refresh_from_db(fields=["status"])
    if upload.status in (Upload.Status.COMMITTED, Upload.Status.REJECTED):
        path.unlink(missing_ok=True)  # nothing more will be done with it
