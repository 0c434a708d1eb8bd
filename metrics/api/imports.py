"""Write endpoints: JSON rows and CSV/XLSX files go through the one import service (metrics.services).

201 when written, 200 for a dry run, 400 when any row is rejected (then nothing is written) or the request
itself is malformed (the message names the field), 409 when the only rejected rows fall in approved periods
(ADR 0018), 401/403 for authentication and role, 413 when the body
is larger than MAX_UPLOAD_BYTES, 415 for an unsupported type, 422 when an Idempotency-Key is re-used for a
different request. Files larger than UPLOAD_INLINE_MAX_BYTES go to the worker: 202 with the upload's URL.
"""

import hashlib
import json
from collections.abc import Mapping

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import APIException, UnsupportedMediaType, ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from metrics.api.permissions import CanImportObservations
from metrics.ingest import services as upload_services
from metrics.ingest.files import UnsupportedFile, detect_format, open_table, weight
from metrics.models import Upload
from metrics.selectors import uploads_visible_to
from metrics.serializers import (
    ImportRowSerializer,
    ImportSummarySerializer,
    UploadFileSerializer,
    UploadSerializer,
)
from metrics.services import IdempotencyKeyReused, ImportSummary, observation_import


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is larger than the limit for one upload."
    default_code = "too_large"


class _ErrorItemSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """The stable error shape (core.api_errors)."""

    detail = serializers.CharField()
    code = serializers.CharField()
    errors = _ErrorItemSerializer(many=True)


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "This Idempotency-Key was already used for a different request."
    default_code = "idempotency_key_reused"


MAX_KEY_LENGTH = 200
DRY_RUN = OpenApiParameter("dry_run", bool, description="Check every row and write nothing.")
IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    location=OpenApiParameter.HEADER,
    description=(
        f"Up to {MAX_KEY_LENGTH} printable ASCII characters, scoped to the sender. Re-sending the same "
        "request with the key returns the first answer; a different request under a used key is 422."
    ),
)
ERROR = OpenApiResponse(description="The error's shape: {detail, code, errors: [{field, message}]}.")
SUMMARY_RESPONSES = {
    201: ImportSummarySerializer,
    200: OpenApiResponse(ImportSummarySerializer, description="Dry run: checked, nothing written."),
    400: OpenApiResponse(
        PolymorphicProxySerializer(
            component_name="ImportRejection",
            serializers=[ImportSummarySerializer, ErrorSerializer],
            resource_type_field_name=None,
        ),
        description="Rows rejected (the summary; nothing written), or a malformed request (an error).",
    ),
    409: OpenApiResponse(
        ImportSummarySerializer,
        description="Rows fall in periods their owner has approved (each named; nothing written): "
        "ask the owner to unlock them.",
    ),
    413: ERROR,
    415: ERROR,
    422: ERROR,
}


def _idempotency_key(request) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not key or len(key) > MAX_KEY_LENGTH or not all(" " <= ch <= "~" for ch in key):
        raise ValidationError(
            {"Idempotency-Key": f"Must be 1 to {MAX_KEY_LENGTH} printable ASCII characters."}
        )
    return key


def _check_scalars(rows) -> None:
    """Each field of each row is text, a number or null; a list or an object is named, not a 500."""
    for index, row in enumerate(rows):
        for name, value in row.items():
            if isinstance(value, list | dict):
                raise ValidationError(
                    {f"rows[{index}].{str(name)[:50]}": "Must be text or a number, not a list or an object."}
                )


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _import(**kwargs):
    try:
        return observation_import(**kwargs)
    except IdempotencyKeyReused as exc:
        raise KeyReused(str(exc))


def _dry_run(request) -> bool:
    return request.query_params.get("dry_run", "").strip().lower() in {"1", "true", "yes", "on"}


def _check_size(request) -> None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.MAX_UPLOAD_BYTES:
        limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
        raise PayloadTooLarge(f"The request is {length:,} bytes; the limit is {limit} MB.")


def _answer(summary) -> Response:
    if summary.refused_as_approved:  # every refused row falls in an approved period (ADR 0018)
        code = status.HTTP_409_CONFLICT
    elif summary.error_count:
        code = status.HTTP_400_BAD_REQUEST
    elif summary.written:
        code = status.HTTP_201_CREATED
    else:
        code = status.HTTP_200_OK
    return Response(summary.as_dict(), status=code)


class ObservationImportView(APIView):
    permission_classes = [CanImportObservations]
    parser_classes = [JSONParser]

    @extend_schema(
        request=ImportRowSerializer(many=True),
        responses=SUMMARY_RESPONSES,
        parameters=[DRY_RUN, IDEMPOTENCY],
        summary="Import observations sent as JSON rows",
    )
    def post(self, request):
        _check_size(request)
        rows = request.data
        if not isinstance(rows, list) or not all(isinstance(row, Mapping) for row in rows):
            raise ValidationError(
                {"rows": "Send a JSON list of objects with metric, period, geography, value."}
            )
        _check_scalars(rows)
        key = _idempotency_key(request)
        canonical = json.dumps(rows, sort_keys=True, separators=(",", ":"), default=str).encode()
        summary = _import(
            rows=rows,
            user=request.user,
            format="json",
            size_bytes=int(request.META.get("CONTENT_LENGTH") or 0),
            dry_run=_dry_run(request),
            idempotency_key=key,
            payload_sha256=_digest(canonical) if key else "",
            first_row_number=1,
        )
        return _answer(summary)


class UploadCreateView(APIView):
    permission_classes = [CanImportObservations]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": UploadFileSerializer},
        responses={
            **SUMMARY_RESPONSES,
            202: OpenApiResponse(
                UploadSerializer, description="A large file, queued for the worker: follow `url`."
            ),
            503: ERROR,
        },
        parameters=[DRY_RUN, IDEMPOTENCY],
        summary="Import observations from a CSV or XLSX file",
    )
    def post(self, request):
        _check_size(request)
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": "Attach the file as the multipart field 'file'."})
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise PayloadTooLarge()
        key = _idempotency_key(request)
        sha256 = _file_digest(upload) if key else ""
        try:
            kind = detect_format(upload.name, upload.read(4))
            upload.seek(0)
            if weight(upload.file, kind) > settings.UPLOAD_INLINE_MAX_BYTES:
                return self._to_worker(request, upload, kind, key, sha256)
            table = open_table(upload.file, filename=upload.name)
        except UnsupportedFile as exc:
            raise UnsupportedMediaType(upload.content_type or "file", detail=str(exc))
        summary = _import(
            rows=table,
            user=request.user,
            format=table.format,
            filename=upload.name,
            size_bytes=upload.size,
            dry_run=_dry_run(request),
            idempotency_key=key,
            payload_sha256=sha256,
        )
        return _answer(summary)

    def _to_worker(self, request, upload, kind, key, sha256) -> Response:
        """A large file is checked and written by the worker; the answer says where to follow it."""
        try:
            received = upload_services.upload_receive(
                user=request.user, file=upload, kind=kind, dry_run=_dry_run(request), idempotency_key=key,
                sha256=sha256,
            )  # fmt: skip
        except IdempotencyKeyReused as exc:
            raise KeyReused(str(exc))
        if received.status in (Upload.Status.COMMITTED, Upload.Status.REJECTED, Upload.Status.DRY_RUN):
            return _answer(ImportSummary.from_upload(received))  # a re-sent key whose work is done
        url = reverse("api-upload", kwargs={"pk": received.pk})
        body = {**UploadSerializer(received).data, "url": request.build_absolute_uri(url)}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": url})


class UploadDetailView(generics.RetrieveAPIView):
    permission_classes = [CanImportObservations]
    serializer_class = UploadSerializer

    def get_queryset(self):
        return uploads_visible_to(user=self.request.user)
