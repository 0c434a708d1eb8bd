"""Metrics, targets, geographies and the append-only observations behind every chart.

An observation is never overwritten: a different value for the same (metric, geography, period) is a new
row with the next `revision`; the row it replaces gets `superseded_at` set, which is what lets any view ask
"as of" a moment: rows with recorded_at <= t < superseded_at (or superseded_at null) were current at t.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from metrics.fields import ExactDecimalField
from metrics.periods import FREQUENCIES, period_label

FREQUENCY_CHOICES = [
    ("annual", "Annual (calendar year)"),
    ("financial_year", "Financial year (April to March)"),
    ("academic_year", "Academic year (September to August)"),
    ("quarterly", "Quarterly"),
    ("monthly", "Monthly"),
    ("daily", "Point in time (date)"),
    ("multi_year", "Pooled years"),
]
assert {code for code, _ in FREQUENCY_CHOICES} == set(FREQUENCIES)

VALUE_DIGITS = 32
VALUE_DECIMALS = 17  # the finest published figure we hold has 17 decimals (ONS Blue Book ratios)
#: Observations keep every published digit: NHS England workbook fractions × 100 carry 18 (ADDITIONS.md).
OBSERVATION_DECIMALS = 18
#: 15 integer digits (as every other value) beside those 18 decimals.
OBSERVATION_DIGITS = VALUE_DIGITS - VALUE_DECIMALS + OBSERVATION_DECIMALS


class Geography(models.Model):
    class Level(models.TextChoices):
        UK = "uk", "United Kingdom"
        GB = "gb", "Great Britain"
        EW = "ew", "England and Wales"
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        LOCAL = "local", "Local authority"

    code = models.CharField(max_length=9, unique=True, help_text="ONS GSS code, e.g. K02000001.")
    name = models.CharField(max_length=100)
    level = models.CharField(max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "geographies"
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[EKNSW][0-9]{8}$"), name="geography_gss_code"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Metric(models.Model):
    class Tier(models.TextChoices):
        CORE = "core", "Core"
        COMPREHENSIVE = "comprehensive", "Comprehensive"

    class Kind(models.TextChoices):
        OUTCOME = "outcome", "Outcome"
        OUTPUT = "output", "Output"
        INPUT = "input", "Input"

    class Direction(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    slug = models.SlugField(max_length=80, unique=True)
    mission = models.ForeignKey("missions.Mission", on_delete=models.PROTECT, related_name="metrics")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    tier = models.CharField(max_length=16, choices=Tier.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    unit = models.CharField(max_length=100)
    decimal_places = models.PositiveSmallIntegerField(default=1)
    direction = models.CharField(max_length=8, choices=Direction.choices)
    frequency = models.CharField(max_length=16, choices=FREQUENCY_CHOICES)
    period_span = models.PositiveSmallIntegerField(default=1, help_text="Years pooled, for pooled periods.")
    owner = models.ForeignKey("missions.Organisation", on_delete=models.PROTECT, related_name="owned_metrics")
    suppliers = models.ManyToManyField(
        "missions.Organisation",
        blank=True,
        related_name="supplied_metrics",
        help_text="Organisations granted to supply this metric's data besides its owner (e.g. the ONS).",
    )
    default_geography = models.ForeignKey(Geography, on_delete=models.PROTECT, related_name="+")
    source = models.TextField(help_text="Where the figures come from, as it should be credited.")
    source_url = models.URLField(max_length=500, blank=True)
    methodology = models.TextField(blank=True)
    licence = models.CharField(max_length=200, blank=True)
    caveats = models.TextField(blank=True)
    min_value = models.DecimalField(
        max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, null=True, blank=True
    )
    max_value = models.DecimalField(
        max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, null=True, blank=True
    )
    published = models.BooleanField(default=False, help_text="Shown on the public site.")
    restricted = models.BooleanField(
        default=False, help_text="Visible only to the centre, the Treasury and the owning department."
    )
    next_release = models.DateField(null=True, blank=True, help_text="When the next figures are expected.")
    display_order = models.PositiveSmallIntegerField(default=0)
    family = models.SlugField(
        max_length=80,
        blank=True,
        help_text="Series that measure one thing in several releases share a family.",
    )
    edition = models.CharField(
        max_length=300,
        blank=True,
        help_text="The release this series comes from; never mix editions on a chart.",
    )

    class Meta:
        ordering = ["mission__number", "-tier", "display_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="metric_bounds_ordered",
            ),
            models.CheckConstraint(condition=Q(period_span__gte=1), name="metric_period_span_positive"),
            models.CheckConstraint(condition=Q(decimal_places__lte=6), name="metric_decimal_places_max_6"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("metrics:detail", kwargs={"slug": self.slug})

    def period_label(self, start) -> str:
        return period_label(start, self.frequency, self.period_span)


class Upload(models.Model):
    """One ingest batch (a file, a JSON request, a scheduled pull or the demo loader)."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV file"
        XLSX = "xlsx", "Excel workbook"
        JSON = "json", "JSON rows"
        PULL = "pull", "Scheduled pull"
        DEMO = "demo", "Demo data loader"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        PROCESSING = "processing", "Processing"
        COMMITTED = "committed", "Written"
        REJECTED = "rejected", "Rejected (nothing written)"
        DRY_RUN = "dry_run", "Checked (dry run, nothing written)"

    class Phase(models.TextChoices):
        READING = "reading", "Reading the file"
        VALIDATING = "validating", "Checking rows"
        WRITING = "writing", "Writing observations"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="uploads"
    )
    organisation = models.ForeignKey(
        "missions.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="uploads"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    format = models.CharField(max_length=8, choices=Format.choices)
    filename = models.CharField(max_length=255, blank=True)
    size_bytes = models.BigIntegerField(default=0)
    # Scoped to the sender (constraint below): one organisation's key never answers for another's request.
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)
    payload_sha256 = models.CharField(
        max_length=64, blank=True, default="", help_text="SHA-256 of the request that used the key."
    )
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker started on it (stale claims are reclaimed)."
    )
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    row_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    revised_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="[{row, column, message}], first 1,000.")
    error_count = models.PositiveIntegerField(default=0)
    # How far the worker has got while PROCESSING (metrics.ingest.progress), for the status page and the API.
    progress_phase = models.CharField(max_length=12, choices=Phase.choices, blank=True, default="")
    progress_rows = models.PositiveIntegerField(default=0, help_text="Rows read and checked so far.")
    progress_total = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="About how many rows the file has; null if unknown.",
    )
    progress_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "processing"])
                | Q(
                    row_count=models.F("created_count")
                    + models.F("revised_count")
                    + models.F("unchanged_count")
                    + models.F("rejected_count")
                ),
                name="upload_counts_add_up",
            ),
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="upload_idempotency_key_per_sender",
            ),
        ]

    def __str__(self) -> str:
        return f"Upload {self.pk} ({self.get_format_display()}, {self.created_at:%Y-%m-%d %H:%M})"


class Observation(models.Model):
    class Status(models.TextChoices):
        PROVISIONAL = "provisional", "Provisional"
        FINAL = "final", "Final"
        ESTIMATED = "estimated", "Estimated"
        SUPPRESSED = "suppressed", "Suppressed"

    # No per-row foreign-key constraints on this, the largest table: PostgreSQL's row-by-row RI checks
    # doubled the cost of a bulk import. Inserts are checked where they are made: the one import path
    # resolves every id from the database and holds FOR KEY SHARE locks on the metrics and geographies it
    # writes. On PostgreSQL, BEFORE DELETE triggers refuse deleting a metric, geography or upload that
    # observations still name (migration 0004_ingest_observation_refs, ADR 0004).
    metric = models.ForeignKey(
        Metric, on_delete=models.PROTECT, related_name="observations", db_constraint=False
    )
    geography = models.ForeignKey(Geography, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    period_start = models.DateField()
    revision = models.PositiveIntegerField(default=1)
    value = ExactDecimalField(
        max_digits=OBSERVATION_DIGITS, decimal_places=OBSERVATION_DECIMALS, null=True, blank=True
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.FINAL)
    note = models.CharField(max_length=500, blank=True)
    recorded_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)
    upload = models.ForeignKey(
        Upload,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
        db_constraint=False,
    )

    class Meta:
        ordering = ["metric", "geography", "period_start", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "geography", "period_start", "revision"], name="uniq_observation_revision"
            ),
            models.UniqueConstraint(
                fields=["metric", "geography", "period_start"],
                condition=Q(superseded_at__isnull=True),
                name="uniq_current_observation",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(status="suppressed"),
                name="observation_value_unless_suppressed",
            ),
            models.CheckConstraint(
                condition=Q(superseded_at__isnull=True) | Q(superseded_at__gte=models.F("recorded_at")),
                name="observation_superseded_after_recorded",
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="observation_revision_positive"),
        ]
        indexes = [
            models.Index(
                fields=["metric", "period_start"],
                condition=Q(superseded_at__isnull=True),
                name="obs_current_by_metric",
            ),
            models.Index(fields=["metric", "geography", "recorded_at"], name="obs_as_of"),
            # Dashboards: count, first, latest and tail of a current series from the index alone (ADR 0006).
            models.Index(
                fields=["metric", "geography", "period_start"],
                include=["value", "status"],
                condition=Q(superseded_at__isnull=True, value__isnull=False),
                name="obs_current_series",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric.slug} {self.period_start} {self.geography_id} r{self.revision}: {self.value}"


# Targets, their trajectories, comparators and series breaks live in their own module (this one would pass 400
# lines); imported here so Django registers them with the app and `from metrics.models import Target` works.
from metrics.approvals import PeriodApproval  # noqa: E402, F401
from metrics.target_models import (  # noqa: E402, F401
    ComparatorValue,
    SeriesBreak,
    Target,
    TrajectoryPoint,
)
