from django.contrib import admin

from metrics.models import (
    Geography,
    Metric,
    Observation,
    Target,
    TrajectoryPoint,
    Upload,
)


@admin.register(Geography)
class GeographyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Metric)
class MetricAdmin(admin.ModelAdmin):
    list_display = ["name", "mission", "tier", "kind", "frequency", "owner", "published", "restricted"]
    list_filter = ["mission", "tier", "kind", "frequency", "owner", "published", "restricted"]
    search_fields = ["name", "slug", "source", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["suppliers"]
    inlines = [TargetInline]


class TrajectoryInline(admin.TabularInline):
    model = TrajectoryPoint
    extra = 0


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["metric", "kind", "value", "due_label", "due_date", "geography"]
    list_filter = ["kind", "metric__mission"]
    search_fields = ["metric__name", "wording", "source_document"]
    inlines = [TrajectoryInline]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    """Read-only: observations change only through the import service, which keeps every vintage."""

    list_display = [
        "metric",
        "period_start",
        "geography",
        "value",
        "status",
        "revision",
        "recorded_at",
        "superseded_at",
    ]
    list_filter = ["status", "metric__mission", "geography"]
    search_fields = ["metric__slug", "metric__name"]
    date_hierarchy = "recorded_at"
    list_select_related = ["metric", "geography"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "created_at",
        "created_by",
        "format",
        "filename",
        "status",
        "row_count",
        "created_count",
        "revised_count",
        "unchanged_count",
        "rejected_count",
    ]
    list_filter = ["format", "status", "dry_run"]
    search_fields = ["filename", "created_by__username", "idempotency_key"]
    readonly_fields = [f.name for f in Upload._meta.fields]

    def has_add_permission(self, request):
        return False
