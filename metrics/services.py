"""Writes of the metrics app. `observation_import` is the single import path for every source of data."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from metrics.ingest import approved, pg, stream, writer
from metrics.ingest.files import Table
from metrics.ingest.progress import Progress
from metrics.ingest.validation import CleanRow, Lookups, RowError, Validator, to_clean_row
from metrics.models import Upload
from metrics.permissions import SYSTEM, metric_write_scope
from metrics.status_cache import statuses_invalidate
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

    @property
    def refused_as_approved(self) -> bool:
        """Refused only because rows fall in approved periods (the API answers 409, ADR 0018)."""
        return bool(self.errors) and all(error.code == approved.CODE for error in self.errors)

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
    rows: Iterable[Mapping[str, object]] | Table,
    user=None,
    format: str,
    filename: str = "",
    size_bytes: int = 0,
    dry_run: bool = False,
    idempotency_key: str | None = None,
    payload_sha256: str = "",
    system: bool = False,
    first_row_number: int = 2,
    recorded_at: datetime | None = None,
    upload: Upload | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Validate every row, then write all of them or none.

    `rows` are mappings with metric (slug), period, geography (GSS code), value and optional status and note,
    or a `Table` read from a file (metrics.ingest.files). Row numbers count as a spreadsheet user does: with
    `first_row_number=2` the header is row 1. `system=True` (demo loader, scheduled pulls) skips the
    per-organisation check; otherwise the user's organisation must own or supply each metric, or the user
    must be in the centre. A re-sent `idempotency_key` (scoped to the user) returns the first request's
    summary and writes nothing; re-sent with a different `payload_sha256` it raises IdempotencyKeyReused.
    `upload` is an Upload row made earlier (the upload page) to fill in instead of a new one; `progress`
    (metrics.ingest.progress) records how far the worker has got on it.

    On PostgreSQL the rows stream through COPY into a staging table and are written set-based
    (metrics.ingest.pg); elsewhere (SQLite) they are planned and written in batches (metrics.ingest.writer).
    """
    if idempotency_key:  # one key, one answer: concurrent retries wait for the first and get its summary
        with transaction.atomic():
            earlier = idempotency_claim(user=user, key=idempotency_key, sha256=payload_sha256)
            if earlier is not None:
                return ImportSummary.from_upload(earlier)
            return _import(**locals())
    return _import(**locals())


def _import(
    *, rows, user, format, filename, size_bytes, dry_run, idempotency_key, payload_sha256, system,
    first_row_number, recorded_at, upload, progress=None, **_
) -> ImportSummary:  # fmt: skip
    validator = _validator(user=user, system=system)
    summary = ImportSummary(dry_run=dry_run)
    meta = {
        "user": user,
        "organisation_id": getattr(user, "organisation_id", None),
        "format": format,
        "filename": filename,
        "size_bytes": size_bytes,
        "idempotency_key": idempotency_key,
        "payload_sha256": payload_sha256,
        "dry_run": dry_run,
        "upload": upload,
    }
    table = rows if isinstance(rows, Table) else None
    if table is not None and table.errors:  # the header is wrong: no row can be read
        summary.rejected = sum(1 for _ in table.rows)
        _report(summary, validator, table)
        return _reject(summary, meta)
    fields = table.rows if table is not None else _fields(rows)
    if progress is not None:
        fields = progress.counting(fields)
    run = _import_postgres if connection.vendor == "postgresql" else _import_batched
    return run(fields, validator, summary, table, first_row_number, recorded_at, meta, progress)


class IdempotencyKeyReused(Exception):
    """The key was used before by this user for a different request (answered with 422)."""


def idempotency_claim(*, user, key: str, sha256: str) -> Upload | None:
    """Inside a transaction: hold the (user, key) lock until it commits and return the earlier Upload that
    used the key, if any. A second request with the key waits here for the first to finish."""
    sender = user.pk if getattr(user, "is_authenticated", False) else None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"upload:{sender}:{key}"]
            )
    # (SQLite: the transaction began IMMEDIATE, which already serialises writers.)
    earlier = Upload.objects.filter(created_by_id=sender, idempotency_key=key).first()
    if earlier is not None and earlier.payload_sha256 and sha256 and earlier.payload_sha256 != sha256:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used for a different request. Use a new key for new data."
        )
    return earlier


def _validator(*, user, system: bool) -> Validator:
    return Validator(
        lookups=Lookups.load(),
        today=timezone.localdate(),
        scope=SYSTEM if system else metric_write_scope(user),
    )


def _fields(rows: Iterable[Mapping[str, object]]) -> Iterable[tuple]:
    for raw in rows:
        get = raw.get
        yield (
            get("metric"),
            get("period"),
            get("geography"),
            get("value"),
            get("status") or "",
            get("note") or "",
        )


def _report(summary: ImportSummary, validator: Validator, table: Table | None) -> None:
    errors = validator.errors + (table.errors if table is not None else [])
    summary.rejected += validator.rejected_rows
    summary.errors = errors[:MAX_REPORTED_ERRORS]
    summary.error_count = len(errors)


class _Undo(Exception):
    """Rolls back a streamed import's writes: a row failed after earlier chunks were written."""


def _import_streaming(fields, validator, summary, table, first_row_number, recorded_at, meta, metric_ids):
    """PostgreSQL, a file whose metrics are known before its rows are read: take their locks first, then
    write each chunk of checked rows while the next is checked (metrics.ingest.stream). A row error stops
    the writing and undoes what was written; the rows after it are staged only to be counted."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            pg.create_staging(cursor)
            pg.create_staging(cursor, stream.CHUNK)
            pg.lock_metrics(cursor, metric_ids, staged_geographies=False)
            locked = approved.open_approvals(metric_ids)  # read under the locks an approval takes too
            empty = stream.metrics_without_observations(cursor, metric_ids)
            recorded_at = recorded_at or timezone.now()
            # The worker's Upload is left untouched until the end: progress is written to that row by a
            # connection of its own while this transaction is open, and would wait for our row lock forever.
            upload = meta["upload"] or _record_upload(summary, status=Upload.Status.PROCESSING, **meta)
            writer = stream.StreamWriter(
                connection,
                validator,
                upload_id=upload.pk,
                recorded_at=recorded_at,
                locked=locked,
                empty=empty,
            )
            with writer:
                validator.run(fields, first_row_number=first_row_number, flush=writer.flush)
            if not validator.metric_ids <= set(metric_ids):  # the read-ahead missed a metric: a bug
                raise RuntimeError("A file named a metric its read-ahead did not find.")
            if writer.hits:
                approved.refuse(validator, writer.hits, locked)
            _report(summary, validator, table)
            if summary.error_count:
                pg.analyse(cursor)
                created, revised, unchanged = pg.count(cursor)
                summary.created, summary.revised = writer.created + created, writer.revised + revised
                summary.unchanged = writer.written_rows - writer.created - writer.revised + unchanged
                raise _Undo
            summary.created, summary.revised = writer.created, writer.revised
            summary.unchanged = validator.rows - validator.rejected_rows - summary.created - summary.revised
            return _committed(summary, upload, meta, validator.metric_ids)
    except _Undo:
        return _reject(summary, meta)


def _import_postgres(
    fields, validator, summary, table, first_row_number, recorded_at, meta, progress
) -> ImportSummary:
    names = table.metric_names() if table is not None and table.metric_names and not meta["dry_run"] else None
    if names is not None:
        known = validator.lookups.metrics
        metric_ids = sorted({known[name].id for name in names if name in known})
        return _import_streaming(
            fields, validator, summary, table, first_row_number, recorded_at, meta, metric_ids
        )
    with transaction.atomic(), connection.cursor() as cursor:
        pg.create_staging(cursor)
        with cursor.copy(pg.COPY) as copy:
            validator.run(fields, first_row_number=first_row_number, flush=pg.copy_writer(copy))
        writing = not meta["dry_run"] and not validator.errors
        if writing:  # under the locks an approval (which takes them too) cannot slip in before we write
            pg.lock_metrics(cursor, validator.metric_ids)
        approved.refuse_staged(cursor, validator)
        _report(summary, validator, table)
        pg.analyse(cursor)
        if not writing or summary.error_count:
            summary.created, summary.revised, summary.unchanged = pg.count(cursor)
            pg.drop_staging(cursor)
        else:
            if progress is not None:
                progress.phase(Upload.Phase.WRITING)
            # The moment of the new vintages is read only now, under the locks: an import that waited for
            # another must record its rows after the ones it supersedes.
            recorded_at = recorded_at or timezone.now()
            upload = _record_upload(summary, status=Upload.Status.PROCESSING, **meta)
            for attempt in range(1, RETRIES + 1):
                try:
                    with transaction.atomic():
                        summary.created, summary.revised = pg.write(
                            cursor, upload_id=upload.pk, recorded_at=recorded_at
                        )
                    break
                except IntegrityError:
                    if attempt == RETRIES:
                        raise
                    log.info("Import raced with another writer on the same observations; retrying")
            summary.unchanged = validator.rows - validator.rejected_rows - summary.created - summary.revised
            pg.drop_staging(cursor)
            return _committed(summary, upload, meta, validator.metric_ids)
    return _reject(summary, meta)


def _import_batched(
    fields, validator, summary, table, first_row_number, recorded_at, meta, progress
) -> ImportSummary:
    clean: list[CleanRow] = []
    validator.run(
        fields, first_row_number=first_row_number, flush=lambda batch: clean.extend(map(to_clean_row, batch))
    )
    clean = approved.refuse_clean(clean, validator)
    _report(summary, validator, table)
    if meta["dry_run"] or summary.error_count:
        _count(summary, writer.plan(clean))
        return _reject(summary, meta)
    if progress is not None:
        progress.phase(Upload.Phase.WRITING)
    for attempt in range(1, RETRIES + 1):
        try:
            with transaction.atomic():
                planned = writer.plan(clean)
                _count(summary, planned)
                upload = _record_upload(summary, status=Upload.Status.PROCESSING, **meta)
                writer.write(planned, upload_id=upload.pk, recorded_at=recorded_at or timezone.now())
                return _committed(summary, upload, meta, validator.metric_ids)
        except (writer.ConcurrentImport, IntegrityError) as exc:
            if attempt == RETRIES:
                raise
            log.info("Import raced with another on the same observations (%s); retrying", type(exc).__name__)
    raise AssertionError("unreachable")


def _reject(summary: ImportSummary, meta) -> ImportSummary:
    """A dry run or a request with errors: record it only when asked to (the upload page) or rejected."""
    if summary.error_count and not meta["dry_run"]:
        summary.upload_id = _record_upload(summary, status=Upload.Status.REJECTED, **meta).pk
    elif meta["upload"] is not None:
        summary.upload_id = _record_upload(summary, status=Upload.Status.DRY_RUN, **meta).pk
    return summary


def _committed(summary: ImportSummary, upload: Upload, meta, metric_ids) -> ImportSummary:
    _finish_upload(upload, summary, Upload.Status.COMMITTED)
    if summary.created or summary.revised:  # new vintages: statuses read from the cache are now untrue
        statuses_invalidate(metric_ids=metric_ids)
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
    payload_sha256,
    dry_run,
    upload,
) -> Upload:
    if upload is None:
        upload = Upload(
            created_by=user if getattr(user, "is_authenticated", False) else None,
            organisation_id=organisation_id,
            format=format,
            filename=filename.replace("\x00", "")[:255],
            size_bytes=size_bytes,
            idempotency_key=idempotency_key or None,
            payload_sha256=payload_sha256 if idempotency_key else "",
        )
    upload.dry_run = dry_run
    return _finish_upload(upload, summary, status)


def _finish_upload(upload: Upload, summary: ImportSummary, status: str) -> Upload:
    upload.status = status
    upload.row_count = summary.rows
    upload.created_count = summary.created
    upload.revised_count = summary.revised
    upload.unchanged_count = summary.unchanged
    upload.rejected_count = summary.rejected
    upload.errors = [error.as_dict() for error in summary.errors]
    upload.error_count = summary.error_count
    upload.finished_at = None if status == Upload.Status.PROCESSING else timezone.now()
    if status != Upload.Status.PROCESSING:  # finished: progress is history (phase null, every row checked)
        upload.progress_phase, upload.progress_rows, upload.progress_at = "", summary.rows, upload.finished_at
    upload.full_clean(exclude=["created_by", "organisation", "idempotency_key"])
    upload.save()
    return upload
