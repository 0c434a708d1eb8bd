"""Data sources the dashboard pulls on a schedule, and the record of every pull (DESIGN §5).

The tables were created by the metrics app and keep their names (`db_table`): migration
sources.0001_move_from_metrics moved only Django's model state, no rows (ADR 0008-app-layout).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from sources.connectors import CONNECTORS


def connector_choices() -> list[tuple[str, str]]:
    """The connectors and their labels, from the one registry (sources.connectors.CONNECTORS)."""
    return [(key, spec.label) for key, spec in CONNECTORS.items()]


class DataSource(models.Model):
    """A statistical release the dashboard fetches on a schedule (see sources.connectors)."""

    name = models.CharField(max_length=200, unique=True)
    connector = models.CharField(max_length=32, choices=connector_choices)
    url = models.URLField(max_length=1000)
    metric = models.ForeignKey("metrics.Metric", on_delete=models.PROTECT, related_name="sources")
    geography = models.ForeignKey(
        "metrics.Geography",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Used where a row names no geography.",
    )
    options = models.JSONField(default=dict, blank=True, help_text="Connector options (columns, filters).")
    geography_map = models.JSONField(
        default=dict, blank=True, help_text="Source geography code or name → GSS code."
    )
    scale_factor = models.DecimalField(max_digits=20, decimal_places=10, default=Decimal(1))
    schedule = models.CharField(
        max_length=100, default="0 9 * * 1-5", help_text="Cron: minute hour day month weekday."
    )
    enabled = models.BooleanField(default=True)
    owner = models.ForeignKey("missions.Organisation", on_delete=models.PROTECT, related_name="data_sources")
    contact_email = models.EmailField(blank=True, help_text="Told when a pull fails.")
    periodic_task = models.OneToOneField(
        "django_celery_beat.PeriodicTask", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_checksum = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "metrics_datasource"  # created by the metrics app; moved here without moving data
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=Q(scale_factor__gt=0), name="source_scale_positive")]

    def __str__(self) -> str:
        return self.name


class PullRun(models.Model):
    class Outcome(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        UNCHANGED = "unchanged", "Unchanged release"
        FAILED = "failed", "Failed"

    source = models.ForeignKey(DataSource, on_delete=models.CASCADE, related_name="runs")
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    revised = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    bytes = models.BigIntegerField(default=0)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    upload = models.OneToOneField(
        "metrics.Upload", null=True, blank=True, on_delete=models.SET_NULL, related_name="pull_run"
    )

    class Meta:
        db_table = "metrics_pullrun"
        ordering = ["-queued_at", "-pk"]
        indexes = [models.Index(fields=["source", "-queued_at"], name="pullrun_recent")]

    def __str__(self) -> str:
        return f"{self.source} run {self.pk}: {self.get_outcome_display()}"
