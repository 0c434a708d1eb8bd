"""Write endpoints: JSON rows and CSV/XLSX files go through the one import service (metrics.services).

201 when written, 200 for a dry run, 400 when any row is rejected (then nothing is written), 401/403 for
authentication and role, 413 when the body is larger than MAX_UPLOAD_BYTES, 415 for an unsupported type.
"""

from collections.abc import Mapping

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import APIException, UnsupportedMediaType, ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from metrics.api.permissions import CanImportObservations
from metrics.ingest.files import UnsupportedFile, open_table
from metrics.selectors import uploads_visible_to
from metrics.serializers import (
    ImportRowSerializer,
    ImportSummarySerializer,
    UploadFileSerializer,
    UploadSerializer,
)
from metrics.services import observation_import


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is larger than the limit for one upload."
    default_code = "too_large"


DRY_RUN = OpenApiParameter("dry_run", bool, description="Check every row and write nothing.")
IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    location=OpenApiParameter.HEADER,
    description="Re-sent keys return the first summary.",
)
SUMMARY_RESPONSES = {
    201: ImportSummarySerializer,
    200: OpenApiResponse(ImportSummarySerializer, description="Dry run: checked, nothing written."),
    400: OpenApiResponse(ImportSummarySerializer, description="Rows rejected: nothing written."),
    413: OpenApiResponse(description="Too large."),
    415: OpenApiResponse(description="Unsupported media or file type."),
}


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
    if summary.error_count:
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
        summary = observation_import(
            rows=rows,
            user=request.user,
            format="json",
            size_bytes=int(request.META.get("CONTENT_LENGTH") or 0),
            dry_run=_dry_run(request),
            idempotency_key=request.headers.get("Idempotency-Key"),
            first_row_number=1,
        )
        return _answer(summary)


class UploadCreateView(APIView):
    permission_classes = [CanImportObservations]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": UploadFileSerializer},
        responses=SUMMARY_RESPONSES,
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
        try:
            table = open_table(upload.file, filename=upload.name)
        except UnsupportedFile as exc:
            raise UnsupportedMediaType(upload.content_type or "file", detail=str(exc))
        summary = observation_import(
            rows=table,
            user=request.user,
            format=table.format,
            filename=upload.name,
            size_bytes=upload.size,
            dry_run=_dry_run(request),
            idempotency_key=request.headers.get("Idempotency-Key"),
        )
        return _answer(summary)


class UploadDetailView(generics.RetrieveAPIView):
    permission_classes = [CanImportObservations]
    serializer_class = UploadSerializer

    def get_queryset(self):
        return uploads_visible_to(user=self.request.user)
