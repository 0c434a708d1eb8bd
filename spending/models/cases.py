"""Business cases, their costs, partner sign-offs, modelled impacts and the valuation library."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from metrics.models import VALUE_DECIMALS, VALUE_DIGITS
from spending.models.reviews import MONEY, Budget, SpendingReview

MAX_HORIZON = 60


class OptimismBias(models.TextChoices):
    """Green Book supplementary guidance: upper-bound uplifts on capital cost by project type."""

    NONE = "none", "None (no uplift)"
    STANDARD_BUILDINGS = "standard_buildings", "Standard buildings (24%)"
    NON_STANDARD_BUILDINGS = "non_standard_buildings", "Non-standard buildings (51%)"
    STANDARD_CIVIL = "standard_civil", "Standard civil engineering (44%)"
    NON_STANDARD_CIVIL = "non_standard_civil", "Non-standard civil engineering (66%)"
    EQUIPMENT = "equipment", "Equipment and development (200%)"
    OUTSOURCING = "outsourcing", "Outsourcing (41%)"


OPTIMISM_BIAS_UPLIFT = {
    OptimismBias.NONE: Decimal("0"),
    OptimismBias.STANDARD_BUILDINGS: Decimal("0.24"),
    OptimismBias.NON_STANDARD_BUILDINGS: Decimal("0.51"),
    OptimismBias.STANDARD_CIVIL: Decimal("0.44"),
    OptimismBias.NON_STANDARD_CIVIL: Decimal("0.66"),
    OptimismBias.EQUIPMENT: Decimal("2.00"),
    OptimismBias.OUTSOURCING: Decimal("0.41"),
}


OPTIMISM_BIAS_UPLIFT_BY_KEY = {str(key.value): value for key, value in OPTIMISM_BIAS_UPLIFT.items()}


class PreventionLevel(models.TextChoices):
    """Welsh/Scottish definitions, by the case's principal purpose; investment = primary + secondary."""

    NONE = "none", "Not prevention"
    PRIMARY = "primary", "Primary prevention"
    SECONDARY = "secondary", "Secondary prevention"
    TERTIARY = "tertiary", "Tertiary prevention"
    ACUTE = "acute", "Acute spending"


class BusinessCase(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ASSESSED = "assessed", "Assessed"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        RETURNED = "returned", "Returned for revision"

    class Stage(models.TextChoices):
        SOC = "SOC", "Strategic outline case"
        OBC = "OBC", "Outline business case"
        FBC = "FBC", "Full business case"

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
    stage = models.CharField(max_length=3, choices=Stage.choices, default=Stage.SOC)
    category = models.CharField(
        max_length=4, choices=Budget.choices, help_text="The control total most of the cost scores in."
    )
    prevention_level = models.CharField(
        max_length=16, choices=PreventionLevel.choices, default=PreventionLevel.NONE
    )
    prevention_evidence = models.TextField(
        blank=True, help_text="Why this is the case's principal purpose, and the evidence for it."
    )
    mission_fund_bid = models.BooleanField(default=False)
    strategic_case = models.TextField()
    economic_case = models.TextField(blank=True)
    commercial_case = models.TextField(blank=True)
    financial_case = models.TextField(blank=True)
    management_case = models.TextField(blank=True)
    price_base = models.CharField(max_length=40)
    price_base_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Fiscal year whose prices the costs are in (2025 = 2025-26)."
    )
    start_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Year 1 of the appraisal horizon, a fiscal year; discounting starts here.",
    )
    optimism_bias = models.CharField(max_length=32, choices=OptimismBias.choices, default=OptimismBias.NONE)
    optimism_bias_mitigation = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Per cent of the upper-bound uplift the case shows it has mitigated (0 to 100).",
    )
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
    def prevention(self) -> bool:
        """Prevention investment: primary or secondary prevention is the principal purpose."""
        return self.prevention_level in (PreventionLevel.PRIMARY, PreventionLevel.SECONDARY)

    @property
    def uplift(self) -> Decimal:
        """The optimism-bias uplift applied to raw costs, after mitigation (0.24 = 24%)."""
        upper = OPTIMISM_BIAS_UPLIFT_BY_KEY[self.optimism_bias]
        return upper * (Decimal(100) - Decimal(self.optimism_bias_mitigation)) / Decimal(100)

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class BusinessCaseStatusChange(models.Model):
    """State changes are rows: draft → submitted → assessed → decision, with the reasons given."""

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=BusinessCase.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=BusinessCase.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_status or 'new'} → {self.to_status}"


class PartnerSignOff(models.Model):
    """A partner department agrees the shared case. A return for revision supersedes earlier sign-offs."""

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="sign_offs")
    department = models.ForeignKey("missions.Organisation", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "department"],
                condition=Q(superseded_at__isnull=True),
                name="one_current_sign_off_per_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.department} signed off {self.case}"


class CostLine(models.Model):
    """Raw cost in one fiscal year and control total; the uplifted cost is computed from the case."""

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="costs")
    fiscal_year = models.PositiveSmallIntegerField()
    budget = models.CharField(max_length=4, choices=Budget.choices, default=Budget.RDEL)
    amount_m = models.DecimalField(
        **MONEY, help_text="Raw cost, £ million", validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["case", "fiscal_year", "budget"]
        constraints = [
            models.UniqueConstraint(fields=["case", "fiscal_year", "budget"], name="uniq_cost_year_budget")
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.fiscal_year} {self.budget}: £{self.amount_m}m"


class Valuation(models.Model):
    """A value per unit from the versioned library (e.g. WELLBY £13,000 at 2019 prices)."""

    key = models.SlugField(max_length=40, help_text="e.g. 'wellby', 'qaly'")
    version = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=120)
    value_gbp = models.DecimalField(max_digits=14, decimal_places=2, help_text="£ per unit")
    price_year = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500, blank=True)
    health = models.BooleanField(default=False, help_text="Discount at the Green Book health rate.")
    valid_from = models.DateField()

    class Meta:
        ordering = ["key", "-version"]
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="uniq_valuation_version")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}: £{self.value_gbp:,.0f} ({self.price_year} prices)"


class ModelledImpact(models.Model):
    """The modelled effect of a case on a mission metric, in a geography, in a year of its horizon."""

    class Evidence(models.TextChoices):
        STRONG = "strong", "Strong (experimental or quasi-experimental)"
        MODERATE = "moderate", "Moderate (robust observational)"
        LIMITED = "limited", "Limited (theory of change, analogues)"
        WEAK = "weak", "Weak (assumption)"

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="impacts")
    metric = models.ForeignKey("metrics.Metric", on_delete=models.PROTECT, related_name="modelled_impacts")
    geography = models.ForeignKey("metrics.Geography", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="Year of the horizon, 1 = the case's start year.")
    impact = models.DecimalField(
        max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, help_text="Change in the metric, its unit."
    )
    method = models.TextField()
    evidence = models.TextField(blank=True)
    evidence_rating = models.CharField(max_length=16, choices=Evidence.choices, default=Evidence.LIMITED)
    probability = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Probability the impact is realised (0 to 1).",
    )
    valuation = models.ForeignKey(
        Valuation, null=True, blank=True, on_delete=models.PROTECT, related_name="impacts"
    )
    valued_units = models.DecimalField(
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_DECIMALS,
        null=True,
        blank=True,
        help_text="Units of the valuation (e.g. QALYs) this year's impact amounts to.",
    )

    class Meta:
        ordering = ["case", "metric", "geography", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "metric", "geography", "year"], name="uniq_modelled_impact_geo"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1) & Q(year__lte=MAX_HORIZON), name="impact_within_horizon"
            ),
            models.CheckConstraint(
                condition=Q(valuation__isnull=True) | Q(valued_units__isnull=False),
                name="valued_impact_has_units",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.metric} year {self.year}"


class Assessment(models.Model):
    """The Treasury's written judgement. The three tests are computed when read, never stored here."""

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="assessments")
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
