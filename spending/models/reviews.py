"""Spending reviews and their allocations and trigger events, fiscal events, and the Mission Fund."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from metrics.models import VALUE_DECIMALS, VALUE_DIGITS

MONEY = {"max_digits": 14, "decimal_places": 3}
TEN_YEAR_HORIZON = 10


class Budget(models.TextChoices):
    RDEL = "RDEL", "Resource DEL"
    CDEL = "CDEL", "Capital DEL"
    AME = "AME", "Annually managed expenditure"


class SpendingReview(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        OPEN = "open", "Under way"
        CONCLUDED = "concluded", "Concluded"
        REOPENED = "reopened", "Reopened by a trigger event"

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

    def get_absolute_url(self) -> str:
        return reverse("spending:review", kwargs={"slug": self.slug})

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    def is_indicative(self, year: int) -> bool:
        return self.indicative_from_year is not None and year >= self.indicative_from_year


class TriggerEvent(models.Model):
    """Something that happened and reopened a settlement: logged as a row, never edited."""

    spending_review = models.ForeignKey(SpendingReview, on_delete=models.CASCADE, related_name="triggers")
    occurred_on = models.DateField()
    description = models.TextField()
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logged_at = models.DateTimeField(auto_now_add=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["spending_review", "-occurred_on", "-logged_at"]

    def __str__(self) -> str:
        return f"{self.spending_review}: {self.occurred_on}"


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


class FiscalEvent(models.Model):
    class Kind(models.TextChoices):
        BUDGET = "budget", "Budget"
        STATEMENT = "statement", "Spring or autumn statement"
        SPENDING_REVIEW = "spending_review", "Spending review"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    date = models.DateField()
    document_url = models.URLField(max_length=500, blank=True)
    cases = models.ManyToManyField(
        "spending.BusinessCase",
        blank=True,
        related_name="fiscal_events",
        help_text="Cases the event carries.",
    )
    gdp_m = models.DecimalField(
        **MONEY, null=True, blank=True, help_text="Nominal GDP (£ million) the fiscal lock is judged against."
    )
    gdp_source = models.CharField(max_length=300, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("spending:fiscal-event", kwargs={"slug": self.slug})


class FiscalEventImpact(models.Model):
    """A fiscal event's *published* impact on a core mission metric (as the event's documents state it)."""

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


class MissionFundEnvelope(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(unique=True)
    amount_m = models.DecimalField(**MONEY, help_text="£ million")
    price_base = models.CharField(max_length=40)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["fiscal_year"]

    def __str__(self) -> str:
        return f"Mission Fund {self.fiscal_year}: £{self.amount_m}m"


class MissionFundAward(models.Model):
    class ScaleUp(models.TextChoices):
        PENDING = "pending", "Not yet decided"
        SCALE = "scale", "Scale up"
        EXTEND = "extend", "Extend the pilot"
        STOP = "stop", "Stop"

    case = models.OneToOneField("spending.BusinessCase", on_delete=models.PROTECT, related_name="award")
    fiscal_year = models.PositiveSmallIntegerField()
    amount_m = models.DecimalField(**MONEY, help_text="£ million")
    pilot_places = models.PositiveIntegerField(default=0)
    evaluation_plan = models.TextField()
    scale_up_decision = models.CharField(max_length=16, choices=ScaleUp.choices, default=ScaleUp.PENDING)
    scale_up_note = models.TextField(blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    awarded_at = models.DateTimeField(auto_now_add=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["fiscal_year", "case__title"]
        constraints = [models.CheckConstraint(condition=Q(amount_m__gt=0), name="award_positive")]

    def __str__(self) -> str:
        return f"Award to {self.case}: £{self.amount_m}m"
