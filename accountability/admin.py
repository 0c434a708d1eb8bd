"""Admin: for operators only (role users never reach it). Status fields are read-only; transitions run
through admin actions that call the same services as the pages and the API."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from accountability import services
from accountability.models import (
    AccountabilityBody,
    AnnualReview,
    CommitmentUpdate,
    Framework,
    FrameworkIndicator,
    Judgement,
    MandateCommitment,
    MandateLetter,
    Recommendation,
    Report,
    StatusChange,
)


def _run(modeladmin, request, queryset, call, done: str) -> None:
    ok = 0
    for obj in queryset:
        try:
            call(obj)
            ok += 1
        except (services.TransitionNotAllowed, ValidationError) as exc:
            modeladmin.message_user(request, f"{obj}: {exc}", messages.WARNING)
    if ok:
        modeladmin.message_user(request, f"{ok} {done}")


class CommitmentInline(admin.TabularInline):
    model = MandateCommitment
    extra = 0
    fields = ["number", "metric", "milestone", "expected_contribution"]


@admin.register(MandateLetter)
class MandateLetterAdmin(admin.ModelAdmin):
    list_display = ["minister_title", "department", "issued_on", "status", "illustrative"]
    list_filter = ["department", "status", "illustrative"]
    search_fields = ["minister_name", "minister_title", "summary"]
    readonly_fields = ["status", "issued_on"]
    filter_horizontal = ["missions"]
    inlines = [CommitmentInline]
    actions = ["issue", "publish"]

    @admin.action(description="Issue the selected draft letters (today)")
    def issue(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda o: services.mandate_letter_issue(letter=o, by=request.user),
            "issued",
        )

    @admin.action(description="Publish the selected issued letters")
    def publish(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda o: services.mandate_letter_publish(letter=o, by=request.user),
            "published",
        )


@admin.register(CommitmentUpdate)
class CommitmentUpdateAdmin(admin.ModelAdmin):
    list_display = ["commitment", "status", "by_name", "at"]
    readonly_fields = ["commitment", "status", "rationale", "by", "by_name", "at"]

    def has_add_permission(self, request):
        return False


@admin.register(AnnualReview)
class AnnualReviewAdmin(admin.ModelAdmin):
    list_display = ["letter", "year", "status", "rating"]
    readonly_fields = ["status", "as_at", "content", "signed_off_by", "signed_off_at"]


@admin.register(AccountabilityBody)
class AccountabilityBodyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "mission", "chair", "response_days", "response_month", "response_day"]
    list_filter = ["mission"]
    search_fields = ["organisation__name", "chair"]


class JudgementInline(admin.TabularInline):
    model = Judgement
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0
    fields = ["number", "text", "owner", "response_due", "response", "responded_on"]
    readonly_fields = ["response_due", "response", "responded_on"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "status", "laid_on", "government_response_due"]
    list_filter = ["body", "status"]
    search_fields = ["title", "summary"]
    readonly_fields = ["status", "laid_on", "government_response_due", "content"]
    inlines = [JudgementInline, RecommendationInline]
    actions = ["submit"]

    @admin.action(description="Send the selected drafts for review")
    def submit(self, request, queryset):
        _run(self, request, queryset, lambda o: services.report_submit(report=o, by=request.user), "sent")


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "owner", "response_due", "response", "responded_on"]
    list_filter = ["response"]
    readonly_fields = ["response", "response_text", "responded_on", "responded_by", "response_due"]


class IndicatorInline(admin.TabularInline):
    model = FrameworkIndicator
    extra = 0
    readonly_fields = ["rationalisation"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "owner"]
    list_filter = ["kind", "owner"]
    search_fields = ["name"]
    inlines = [IndicatorInline]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["content_type", "object_id", "field", "from_value", "to_value", "by", "at"]
    readonly_fields = ["content_type", "object_id", "field", "from_value", "to_value", "reason", "by", "at"]

    def has_add_permission(self, request):
        return False
