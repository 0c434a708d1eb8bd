"""Spending reviews, fiscal events, allocations and business cases judged by their impact on missions.

Money is in £ million with the price base stated; fiscal years run April–March and are named by the
calendar year they start in (2025 = 2025-26).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from metrics.models import VALUE_DECIMALS, VALUE_DIGITS

MONEY = {"max_digits": 14, "decimal_places": 3}
TEN_YEAR_HORIZON = 10


class SpendingReview(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        OPEN = "open", "Under way"
        CONCLUDED = "concluded", "Concluded"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    first_year = models.PositiveSmallIntegerField(help_text="First fiscal year covered (2026 = 2026-27).")
    last_year = models.PositiveSmallIntegerField()
    indicative_from_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Years from this one on are indicative."
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    trigger_events = models.TextField(blank=True, help_text="Events that would reopen the settlement.")
    published_on = models.DateField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-first_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")), name="review_years_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FiscalEvent(models.Model):
    class Kind(models.TextChoices):
        BUDGET = "budget", "Budget"
        STATEMENT = "statement", "Spring or autumn statement"
        SPENDING_REVIEW = "spending_review", "Spending review"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    date = models.DateField()
    document_url = models.URLField(max_length=500, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return self.name


class FiscalEventImpact(models.Model):
    """A fiscal event's published impact on a core mission metric."""

    event = models.ForeignKey(FiscalEvent, on_delete=models.CASCADE, related_name="impacts")
    metric = models.ForeignKey("metrics.Metric", on_delete=models.PROTECT, related_name="fiscal_impacts")
    fiscal_year = models.PositiveSmallIntegerField()
    impact = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "metric", "fiscal_year"], name="uniq_fiscal_impact"),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.metric} {self.fiscal_year}"


class Budget(models.TextChoices):
    RDEL = "RDEL", "Resource DEL"
    CDEL = "CDEL", "Capital DEL"
    AME = "AME", "Annually managed expenditure"


class DepartmentalAllocation(models.Model):
    spending_review = models.ForeignKey(SpendingReview, on_delete=models.CASCADE, related_name="allocations")
    department = models.ForeignKey(
        "missions.Organisation", on_delete=models.PROTECT, related_name="allocations"
    )
    fiscal_year = models.PositiveSmallIntegerField()
    budget = models.CharField(max_length=4, choices=Budget.choices)
    amount_m = models.DecimalField(**MONEY, help_text="£ million")
    prevention_ringfence_m = models.DecimalField(
        **MONEY, default=0, help_text="£ million ring-fenced for prevention"
    )
    price_base = models.CharField(max_length=40, help_text="e.g. 'nominal' or '2024-25 prices'")
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["department", "fiscal_year", "budget"]
        constraints = [
            models.UniqueConstraint(
                fields=["spending_review", "department", "fiscal_year", "budget"], name="uniq_allocation"
            ),
            models.CheckConstraint(
                condition=Q(prevention_ringfence_m__gte=0)
                & Q(prevention_ringfence_m__lte=models.F("amount_m")),
                name="ringfence_within_allocation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.fiscal_year} {self.budget}: £{self.amount_m}m"


class BusinessCase(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ASSESSED = "assessed", "Assessed"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    lead_department = models.ForeignKey(
        "missions.Organisation", on_delete=models.PROTECT, related_name="led_business_cases"
    )
    partner_departments = models.ManyToManyField(
        "missions.Organisation", blank=True, related_name="partner_business_cases"
    )
    missions = models.ManyToManyField("missions.Mission", related_name="business_cases")
    spending_review = models.ForeignKey(
        SpendingReview, null=True, blank=True, on_delete=models.PROTECT, related_name="business_cases"
    )
    category = models.CharField(max_length=4, choices=Budget.choices)
    prevention = models.BooleanField(default=False, help_text="Prevention investment expenditure (PIE).")
    mission_fund_bid = models.BooleanField(default=False)
    strategic_case = models.TextField()
    price_base = models.CharField(max_length=40)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("spending:case", kwargs={"slug": self.slug})

    @property
    def is_shared(self) -> bool:
        return self.partner_departments.exists()


class BusinessCaseStatusChange(models.Model):
    """State changes are rows: the case's history of draft → submitted → assessed → decision."""

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=BusinessCase.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=BusinessCase.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "at"]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_status or 'new'} → {self.to_status}"


class CostLine(models.Model):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="costs")
    fiscal_year = models.PositiveSmallIntegerField()
    amount_m = models.DecimalField(**MONEY, help_text="£ million")

    class Meta:
        ordering = ["case", "fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["case", "fiscal_year"], name="uniq_cost_year")]

    def __str__(self) -> str:
        return f"{self.case} {self.fiscal_year}: £{self.amount_m}m"


class ModelledImpact(models.Model):
    """The modelled effect of a case on a mission metric in a year of its 10-year horizon."""

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="impacts")
    metric = models.ForeignKey("metrics.Metric", on_delete=models.PROTECT, related_name="modelled_impacts")
    year = models.PositiveSmallIntegerField(help_text="Year of the horizon, 1 to 10.")
    impact = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS)
    method = models.TextField()
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "metric", "year"]
        constraints = [
            models.UniqueConstraint(fields=["case", "metric", "year"], name="uniq_modelled_impact"),
            models.CheckConstraint(
                condition=Q(year__gte=1) & Q(year__lte=TEN_YEAR_HORIZON), name="impact_within_ten_years"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.metric} year {self.year}"


class Assessment(models.Model):
    """The Treasury's judgement of the three tests, with the computed inputs it saw."""

    class Result(models.TextChoices):
        PASS = "pass", "Passes"
        FAIL = "fail", "Fails"
        NOT_ASSESSED = "not_assessed", "Not assessed"

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="assessments")
    affordability = models.CharField(max_length=16, choices=Result.choices, default=Result.NOT_ASSESSED)
    mission_critical = models.CharField(max_length=16, choices=Result.choices, default=Result.NOT_ASSESSED)
    ten_year = models.CharField(max_length=16, choices=Result.choices, default=Result.NOT_ASSESSED)
    inputs = models.JSONField(default=dict, blank=True, help_text="Computed figures each test used.")
    judgement = models.TextField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(auto_now_add=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["case", "-assessed_at"]

    def __str__(self) -> str:
        return f"Assessment of {self.case} ({self.assessed_at:%Y-%m-%d})"
