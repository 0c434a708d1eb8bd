from django.contrib import admin

from accountability.models import (
    AccountabilityBody,
    AnnualReview,
    Framework,
    FrameworkIndicator,
    Judgement,
    MandateCommitment,
    MandateLetter,
    Recommendation,
    Report,
)


class CommitmentInline(admin.TabularInline):
    model = MandateCommitment
    extra = 0


class ReviewInline(admin.TabularInline):
    model = AnnualReview
    extra = 0


@admin.register(MandateLetter)
class MandateLetterAdmin(admin.ModelAdmin):
    list_display = ["minister_title", "minister_name", "department", "issued_on", "published", "illustrative"]
    list_filter = ["department", "published", "illustrative"]
    search_fields = ["minister_name", "minister_title", "summary"]
    filter_horizontal = ["missions"]
    inlines = [CommitmentInline, ReviewInline]


@admin.register(AccountabilityBody)
class AccountabilityBodyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "mission", "chair", "reports_to_parliament"]
    list_filter = ["mission"]
    search_fields = ["organisation__name", "chair"]


class JudgementInline(admin.TabularInline):
    model = Judgement
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "laid_on", "government_response_due", "published"]
    list_filter = ["body", "published"]
    search_fields = ["title", "summary"]
    inlines = [JudgementInline, RecommendationInline]


class IndicatorInline(admin.TabularInline):
    model = FrameworkIndicator
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "owner"]
    list_filter = ["kind", "owner"]
    search_fields = ["name"]
    inlines = [IndicatorInline]
