from django.contrib import admin

from spending.models import (
    Assessment,
    BusinessCase,
    BusinessCaseStatusChange,
    CostLine,
    DepartmentalAllocation,
    FiscalEvent,
    FiscalEventImpact,
    ModelledImpact,
    SpendingReview,
)


@admin.register(SpendingReview)
class SpendingReviewAdmin(admin.ModelAdmin):
    list_display = ["name", "first_year", "last_year", "indicative_from_year", "status"]
    list_filter = ["status"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class FiscalEventImpactInline(admin.TabularInline):
    model = FiscalEventImpact
    extra = 0


@admin.register(FiscalEvent)
class FiscalEventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [FiscalEventImpactInline]


@admin.register(DepartmentalAllocation)
class DepartmentalAllocationAdmin(admin.ModelAdmin):
    list_display = [
        "department",
        "spending_review",
        "fiscal_year",
        "budget",
        "amount_m",
        "prevention_ringfence_m",
    ]
    list_filter = ["spending_review", "budget", "department"]
    search_fields = ["department__name"]


class CostInline(admin.TabularInline):
    model = CostLine
    extra = 0


class ImpactInline(admin.TabularInline):
    model = ModelledImpact
    extra = 0


class StatusChangeInline(admin.TabularInline):
    model = BusinessCaseStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "at", "note"]


@admin.register(BusinessCase)
class BusinessCaseAdmin(admin.ModelAdmin):
    list_display = ["title", "lead_department", "category", "prevention", "mission_fund_bid", "status"]
    list_filter = ["status", "category", "prevention", "mission_fund_bid", "lead_department"]
    search_fields = ["title", "strategic_case"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["partner_departments", "missions"]
    inlines = [CostInline, ImpactInline, StatusChangeInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["case", "affordability", "mission_critical", "ten_year", "assessed_by", "assessed_at"]
    list_filter = ["affordability", "mission_critical", "ten_year"]
    search_fields = ["case__title", "judgement"]
