"""Writes of the metrics app. `observation_import` is the single import path for every source of data."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from metrics.ingest import writer
from metrics.ingest.validation import CleanRow, Lookups, RowError, Validator
from metrics.models import Upload
from missions import permissions
from missions.services import audit_record

log = logging.getLogger(__name__)

MAX_REPORTED_ERRORS = 1000
RETRIES = 3


@dataclass
class ImportSummary:
    created: int = 0
    revised: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    upload_id: int | None = None
    dry_run: bool = False
    written: bool = False

    @property
    def rows(self) -> int:
        return self.created + self.revised + self.unchanged + self.rejected

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "revised": self.revised,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": [error.as_dict() for error in self.errors],
            "error_count": self.error_count,
            "upload": self.upload_id,
            "dry_run": self.dry_run,
            "written": self.written,
        }

    @classmethod
    def from_upload(cls, upload: Upload) -> ImportSummary:
        return cls(
            created=upload.created_count,
            revised=upload.revised_count,
            unchanged=upload.unchanged_count,
            rejected=upload.rejected_count,
            errors=[RowError(**error) for error in upload.errors],
            error_count=upload.error_count,
            upload_id=upload.pk,
            dry_run=upload.dry_run,
            written=upload.status == Upload.Status.COMMITTED,
        )


def observation_import(
    *,
    rows: Iterable[Mapping[str, object]],
    user=None,
    format: str,
    filename: str = "",
    size_bytes: int = 0,
    dry_run: bool = False,
    idempotency_key: str | None = None,
    system: bool = False,
    first_row_number: int = 2,
    recorded_at: datetime | None = None,
) -> ImportSummary:
    """Validate every row, then write all of them or none.

    `rows` are mappings with metric (slug), period, geography (GSS code), value and optional status and note.
    Row numbers count as a spreadsheet user does: with `first_row_number=2` the header is row 1.
    `system=True` (demo loader, scheduled pulls) skips the per-organisation check; otherwise the user's
    organisation must own or supply each metric, or the user must be in the centre.
    A re-sent `idempotency_key` returns the first request's summary and writes nothing.
    """
    if idempotency_key:
        earlier = Upload.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            return ImportSummary.from_upload(earlier)

    clean, validator = _validate(rows, user=user, system=system, first_row_number=first_row_number)
    summary = ImportSummary(
        rejected=validator.rejected_rows,
        errors=validator.errors[:MAX_REPORTED_ERRORS],
        error_count=len(validator.errors),
        dry_run=dry_run,
    )
    organisation_id = getattr(user, "organisation_id", None)
    meta = {
        "user": user,
        "organisation_id": organisation_id,
        "format": format,
        "filename": filename,
        "size_bytes": size_bytes,
        "idempotency_key": idempotency_key,
    }

    if dry_run or validator.errors:
        planned = writer.plan(clean)
        _count(summary, planned)
        if validator.errors and not dry_run:
            summary.upload_id = _record_upload(summary, status=Upload.Status.REJECTED, **meta).pk
        return summary

    for attempt in range(1, RETRIES + 1):
        try:
            with transaction.atomic():
                return _commit(clean, summary, recorded_at=recorded_at, meta=meta)
        except (writer.ConcurrentImport, IntegrityError) as exc:
            if attempt == RETRIES:
                raise
            log.info("Import raced with another on the same observations (%s); retrying", type(exc).__name__)
    raise AssertionError("unreachable")


def _validate(rows, *, user, system: bool, first_row_number: int) -> tuple[list[CleanRow], Validator]:
    rows = list(rows) if not isinstance(rows, list) else rows
    slugs = {str(row.get("metric") or "").strip() for row in rows}
    validator = Validator(
        lookups=Lookups.load(slugs),
        today=timezone.localdate(),
        writer_organisation_id=getattr(user, "organisation_id", None),
        may_write_any=system or permissions.has_role(user, "centre"),
    )
    clean = []
    for offset, raw in enumerate(rows):
        row = validator.check(first_row_number + offset, raw)
        if row is not None:
            clean.append(row)
    return clean, validator


def _commit(clean: list[CleanRow], summary: ImportSummary, *, recorded_at, meta) -> ImportSummary:
    planned = writer.plan(clean)
    _count(summary, planned)
    upload = _record_upload(summary, status=Upload.Status.COMMITTED, **meta)
    writer.write(planned, upload_id=upload.pk, recorded_at=recorded_at or timezone.now())
    summary.upload_id = upload.pk
    summary.written = True
    audit_record(
        actor=meta["user"],
        action="observations.import",
        obj=upload,
        changes={"created": summary.created, "revised": summary.revised, "unchanged": summary.unchanged},
    )
    return summary


def _count(summary: ImportSummary, planned: writer.Plan) -> None:
    summary.created = len(planned.created)
    summary.revised = len(planned.revised)
    summary.unchanged = planned.unchanged


def _record_upload(
    summary: ImportSummary,
    *,
    status: str,
    user,
    organisation_id,
    format,
    filename,
    size_bytes,
    idempotency_key,
) -> Upload:
    upload = Upload(
        created_by=user if getattr(user, "is_authenticated", False) else None,
        organisation_id=organisation_id,
        format=format,
        filename=filename[:255],
        size_bytes=size_bytes,
        idempotency_key=idempotency_key or None,
        status=status,
        row_count=summary.rows,
        created_count=summary.created,
        revised_count=summary.revised,
        unchanged_count=summary.unchanged,
        rejected_count=summary.rejected,
        errors=[error.as_dict() for error in summary.errors],
        error_count=summary.error_count,
        finished_at=timezone.now(),
    )
    upload.full_clean(exclude=["created_by", "organisation"])
    upload.save()
    return upload
