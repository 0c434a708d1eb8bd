from django.contrib import admin, messages

from councils.models import (
    Action,
    AgendaItem,
    CheckInPack,
    Council,
    CouncilMember,
    Decision,
    Meeting,
    Taskforce,
    TaskforceMember,
)


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "mission", "kind", "chair", "illustrative"]
    list_filter = ["kind", "mission", "illustrative"]
    search_fields = ["name", "chair"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CouncilMemberInline]


class TaskforceMemberInline(admin.TabularInline):
    model = TaskforceMember
    extra = 0


@admin.register(Taskforce)
class TaskforceAdmin(admin.ModelAdmin):
    list_display = ["name", "mission", "lead", "illustrative"]
    search_fields = ["name", "lead"]
    inlines = [TaskforceMemberInline]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "kind", "starts_at", "department", "illustrative"]
    list_filter = ["kind", "council", "department", "illustrative"]
    search_fields = ["title", "minutes"]
    date_hierarchy = "starts_at"
    inlines = [AgendaInline, DecisionInline]


def _status_action(status):
    """An admin action that moves the chosen actions to `status` through the service (audited, checked)."""

    def change(modeladmin, request, queryset):
        from councils import services

        moved = 0
        for action in queryset:
            try:
                services.action_update_status(action=action, status=status, by=request.user)
                moved += 1
            except services.StateConflict as exc:
                modeladmin.message_user(request, f"{action}: {exc}", messages.WARNING)
        modeladmin.message_user(request, f"{moved} action(s) now {Action.Status(status).label.lower()}")

    change.short_description = f"Mark as {Action.Status(status).label.lower()}"
    change.__name__ = f"mark_{status}"
    return change


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_organisation", "owner_name", "due_date", "status", "metric"]
    list_filter = ["status", "owner_organisation", "illustrative"]
    search_fields = ["title", "detail", "owner_name"]
    date_hierarchy = "due_date"
    readonly_fields = ["status", "completed_at", "decision"]
    actions = [_status_action(status) for status in Action.Status.values]


@admin.register(CheckInPack)
class CheckInPackAdmin(admin.ModelAdmin):
    list_display = ["meeting", "version", "as_at", "status", "progress", "created_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["meeting__title"]
    readonly_fields = ["content", "html", "pdf", "error", "created_at", "finished_at"]
