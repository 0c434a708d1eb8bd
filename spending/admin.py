"""Admin for operators: reading, and changes only through the services (status fields are read-only).

The Treasury and departments work in the product's own pages and API; role users cannot reach the admin.
"""

from django.contrib import admin, messages

from spending import services
from spending.models import (
    Assessment,
    BusinessCase,
    BusinessCaseStatusChange,
    CostLine,
    DepartmentalAllocation,
    FiscalEvent,
    MissionFundAward,
    MissionFundEnvelope,
    ModelledImpact,
    PartnerSignOff,
    SpendingReview,
    TriggerEvent,
    Valuation,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CostInline(ReadOnlyInline):
    model = CostLine


class ImpactInline(ReadOnlyInline):
    model = ModelledImpact


class StatusChangeInline(ReadOnlyInline):
    model = BusinessCaseStatusChange


class SignOffInline(ReadOnlyInline):
    model = PartnerSignOff


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BusinessCase)
class BusinessCaseAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "lead_department",
        "stage",
        "category",
        "prevention_level",
        "mission_fund_bid",
        "status",
    ]
    list_filter = ["status", "stage", "category", "prevention_level", "mission_fund_bid", "lead_department"]
    search_fields = ["title", "strategic_case"]
    inlines = [CostInline, ImpactInline, SignOffInline, StatusChangeInline]
    actions = ["return_for_revision"]

    @admin.action(description="Return the selected assessed cases to their departments (through the service)")
    def return_for_revision(self, request, queryset):
        for case in queryset:
            try:
                services.business_case_decide(
                    case=case,
                    by=request.user,
                    decision="returned",
                    reasons="Returned by an operator in the admin.",
                )
            except services.TransitionNotAllowed as exc:
                self.message_user(request, f"{case}: {exc}", messages.WARNING)


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["case", "assessed_by", "assessed_at"]
    search_fields = ["case__title", "judgement"]


class TriggerInline(ReadOnlyInline):
    model = TriggerEvent


@admin.register(SpendingReview)
class SpendingReviewAdmin(admin.ModelAdmin):
    list_display = ["name", "first_year", "last_year", "indicative_from_year", "status"]
    readonly_fields = ["status"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TriggerInline]


@admin.register(FiscalEvent)
class FiscalEventAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "date"]
    list_filter = ["kind"]


@admin.register(DepartmentalAllocation)
class DepartmentalAllocationAdmin(ReadOnlyAdmin):
    list_display = [
        "department",
        "spending_review",
        "fiscal_year",
        "budget",
        "amount_m",
        "prevention_ringfence_m",
    ]
    list_filter = ["spending_review", "budget", "department"]


@admin.register(MissionFundEnvelope)
class MissionFundEnvelopeAdmin(ReadOnlyAdmin):
    list_display = ["fiscal_year", "amount_m", "price_base"]


@admin.register(MissionFundAward)
class MissionFundAwardAdmin(ReadOnlyAdmin):
    list_display = ["case", "fiscal_year", "amount_m", "pilot_places", "scale_up_decision"]


@admin.register(Valuation)
class ValuationAdmin(ReadOnlyAdmin):
    list_display = ["key", "version", "name", "value_gbp", "price_year", "source"]
