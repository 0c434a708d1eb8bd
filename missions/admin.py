from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from missions.models import AuditEvent, Contribution, Mission, Organisation, User


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
