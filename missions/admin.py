from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from missions.models import AuditEvent, Contribution, Mission, Organisation, User
from missions.services import mission_status_change


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "abbreviation", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "organisation", "is_active", "is_staff"]
    list_filter = ["groups", "organisation", "is_active", "is_staff"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Organisation", {"fields": ["organisation", "job_title"]}))


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    fields = ["organisation", "outcome", "restricted", "illustrative"]


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "lead_organisation", "status", "published", "target_date"]
    list_filter = ["status", "published"]
    search_fields = ["title", "ambition"]
    prepopulated_fields = {"slug": ["short_title"]}
    filter_horizontal = ["contributing_organisations"]
    inlines = [ContributionInline]
    readonly_fields = ["status"]  # changed by the actions below, through the service (audited)
    actions = ["make_active", "make_paused", "make_retired"]

    def _set_status(self, request, queryset, status):
        for mission in queryset:
            mission_status_change(mission=mission, status=status, user=request.user)

    @admin.action(description="Mark the selected missions active")
    def make_active(self, request, queryset):
        self._set_status(request, queryset, Mission.Status.ACTIVE)

    @admin.action(description="Pause the selected missions")
    def make_paused(self, request, queryset):
        self._set_status(request, queryset, Mission.Status.PAUSED)

    @admin.action(description="Retire the selected missions")
    def make_retired(self, request, queryset):
        self._set_status(request, queryset, Mission.Status.RETIRED)


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["outcome", "mission", "organisation", "restricted", "illustrative"]
    list_filter = ["mission", "organisation", "restricted", "illustrative"]
    search_fields = ["outcome", "description"]
    filter_horizontal = ["metrics"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor__username"]
    date_hierarchy = "at"

    def has_change_permission(self, request, obj=None):
        return False  # the audit trail is append-only

    def has_delete_permission(self, request, obj=None):
        return False
