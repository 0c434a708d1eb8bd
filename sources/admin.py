"""Admin for data sources and their pull runs; writes go through sources.services."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from sources import services as source_services
from sources.models import DataSource, PullRun


class PullRunInline(admin.TabularInline):
    model = PullRun
    extra = 0
    can_delete = False
    fields = [
        "queued_at",
        "started_at",
        "finished_at",
        "outcome",
        "created",
        "revised",
        "unchanged",
        "rejected",
        "error",
    ]
    readonly_fields = fields
    show_change_link = True


class DataSourceForm(forms.ModelForm):
    url = forms.URLField(max_length=1000, assume_scheme="https")

    class Meta:
        model = DataSource
        fields = [
            "name", "connector", "url", "metric", "geography", "options", "geography_map", "scale_factor",
            "schedule", "enabled", "owner", "contact_email",
        ]  # fmt: skip

    def _post_clean(self):
        super()._post_clean()
        try:
            source_services.source_validate(self.instance)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                if field not in self.errors:
                    self.add_error(field if field in self.fields else None, messages)

    def clean_schedule(self):
        try:
            fields = source_services.parse_cron(self.cleaned_data["schedule"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["schedule"])
        return " ".join(fields.values())


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    """Edits go through sources.services (validation, the beat schedule, an audit row); the release
    markers and the schedule's task are the pulls' own, so they are read-only here."""

    form = DataSourceForm
    list_display = ["name", "connector", "metric", "schedule", "enabled", "owner"]
    list_filter = ["connector", "enabled", "owner"]
    search_fields = ["name", "url", "metric__name"]
    readonly_fields = ["last_etag", "last_modified", "last_checksum", "periodic_task", "created_at"]
    inlines = [PullRunInline]
    actions = ["pull_now", "enable", "disable"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        fields = {name: data[name] for name in source_services.EDITABLE if name in data}
        if change:  # the form has already set the new values on obj: update the stored row
            stored = DataSource.objects.get(pk=obj.pk)
            saved = source_services.source_update(
                source=stored, user=request.user, owner=data["owner"], **fields
            )
        else:
            saved = source_services.source_create(user=request.user, owner=data["owner"], **fields)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        source_services.source_delete(source=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for source in queryset:
            source_services.source_delete(source=source, user=request.user)

    @admin.action(description="Pull the selected sources now")
    def pull_now(self, request, queryset):
        for source in queryset:
            source_services.source_pull_enqueue(source=source, user=request.user)
        self.message_user(request, f"Queued {queryset.count()} pull(s).")

    @admin.action(description="Enable the selected sources' schedules")
    def enable(self, request, queryset):
        for source in queryset:
            source_services.source_update(source=source, user=request.user, enabled=True)

    @admin.action(description="Disable the selected sources' schedules")
    def disable(self, request, queryset):
        for source in queryset:
            source_services.source_update(source=source, user=request.user, enabled=False)


@admin.register(PullRun)
class PullRunAdmin(admin.ModelAdmin):
    list_display = [
        "source",
        "queued_at",
        "finished_at",
        "outcome",
        "created",
        "revised",
        "unchanged",
        "rejected",
    ]
    list_filter = ["outcome", "source"]
    search_fields = ["source__name", "error"]
    readonly_fields = [f.name for f in PullRun._meta.fields]
