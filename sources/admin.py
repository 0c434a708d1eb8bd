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

    def clean_schedule(self):
        try:
            fields = source_services.parse_cron(self.cleaned_data["schedule"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["schedule"])
        return " ".join(fields.values())


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    form = DataSourceForm
    list_display = ["name", "connector", "metric", "schedule", "enabled", "owner"]
    list_filter = ["connector", "enabled", "owner"]
    search_fields = ["name", "url", "metric__name"]
    inlines = [PullRunInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        source_services.source_schedule_sync(obj)  # the beat schedule follows the source


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
