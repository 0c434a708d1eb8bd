"""Small serializers per operation for the metrics API (reads) and the import summary (writes)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from metrics.models import Metric, Observation, Upload
from missions.models import Mission


class MissionSerializer(serializers.ModelSerializer):
    lead_organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Mission
        fields = ["number", "slug", "title", "short_title", "ambition", "lead_organisation", "target_date"]
        fields += ["status", "published"]


class MetricSerializer(serializers.ModelSerializer):
    mission = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    default_geography = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.SerializerMethodField(help_text="Progress status (DESIGN §3).")
    stale = serializers.SerializerMethodField(
        help_text="The latest figure is older than its frequency allows."
    )
    latest_period = serializers.SerializerMethodField()

    class Meta:
        model = Metric
        fields = ["slug", "name", "mission", "tier", "kind", "unit", "decimal_places", "direction"]
        fields += ["frequency", "period_span", "owner", "default_geography", "min_value", "max_value"]
        fields += ["source", "source_url", "published", "status", "stale", "latest_period"]

    def _status(self, metric):
        return self.context["statuses"].get(metric.pk)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_status(self, metric):
        found = self._status(metric)
        return found.label if found else None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_stale(self, metric):
        found = self._status(metric)
        return bool(found and found.stale)

    @extend_schema_field(serializers.CharField(allow_null=True))  # null when the metric has no data
    def get_latest_period(self, metric):
        found = self._status(metric)
        return found.latest_period if found else None


class ObservationSerializer(serializers.ModelSerializer):
    geography = serializers.SlugRelatedField(slug_field="code", read_only=True)
    period = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = ["period", "period_start", "geography", "value", "status", "note", "revision"]
        fields += ["recorded_at", "superseded_at"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_period(self, observation):
        return self.context["metric"].period_label(observation.period_start)


class ImportRowSerializer(serializers.Serializer):
    """One row to import (documentation of the request; rows are checked by the import service)."""

    metric = serializers.CharField(help_text="The metric's slug.")
    period = serializers.CharField(help_text="2024, 2024-Q3, 2024-03, 2024-03-31, 2023/24 or 2018-20.")
    geography = serializers.CharField(help_text="ONS GSS code, e.g. K02000001.")
    value = serializers.CharField(allow_blank=True, help_text="A plain number; blank only when suppressed.")
    status = serializers.ChoiceField(choices=Observation.Status.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="As a spreadsheet counts it: the header is row 1.")
    column = serializers.CharField()
    message = serializers.CharField()
    code = serializers.CharField(help_text="invalid, or period_approved (the period is approved: 409).")


class ImportSummarySerializer(serializers.Serializer):
    created = serializers.IntegerField()
    revised = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()
    errors = ImportErrorSerializer(many=True, help_text="The first 1,000 errors.")
    error_count = serializers.IntegerField()
    upload = serializers.IntegerField(allow_null=True)
    dry_run = serializers.BooleanField()
    written = serializers.BooleanField()


class UploadFileSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV (UTF-8) or XLSX, header metric,period,geography,value[,status,note]."
    )


class UploadProgressSerializer(serializers.Serializer):
    """How far the worker has got (recorded every 50,000 rows or second while the status is processing)."""

    phase = serializers.ChoiceField(
        choices=Upload.Phase.choices,
        allow_null=True,
        help_text="Null before the worker starts on the file and once it has finished.",
    )
    rows_checked = serializers.IntegerField(min_value=0, help_text="Rows read and checked so far.")
    rows_expected = serializers.IntegerField(
        allow_null=True, min_value=0, help_text="About how many rows the file has (CSV); null if unknown."
    )
    updated_at = serializers.DateTimeField(allow_null=True)


class UploadSerializer(serializers.ModelSerializer):
    summary = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Upload
        fields = ["id", "format", "filename", "size_bytes", "status", "dry_run", "created_at", "finished_at"]
        fields += ["progress", "summary"]

    @extend_schema_field(UploadProgressSerializer)
    def get_progress(self, upload):
        return UploadProgressSerializer(
            {
                "phase": upload.progress_phase or None,
                "rows_checked": upload.progress_rows,
                "rows_expected": upload.progress_total,
                "updated_at": upload.progress_at,
            }
        ).data

    @extend_schema_field(ImportSummarySerializer)
    def get_summary(self, upload):
        from metrics.services import ImportSummary

        return ImportSummary.from_upload(upload).as_dict()
