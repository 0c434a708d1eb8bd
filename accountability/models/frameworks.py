"""Existing target regimes (outcome delivery plans, the NHS mandate, outcomes frameworks, contracts, payment
mechanisms) and their indicators, each mapped to a mission metric, with a rationalisation state."""

from django.db import models
from django.db.models import Q
from django.urls import reverse


class Framework(models.Model):
    class Kind(models.TextChoices):
        OUTCOME_DELIVERY_PLAN = "odp", "Outcome delivery plan"
        NHS_MANDATE = "nhs_mandate", "NHS mandate"
        OUTCOMES_FRAMEWORK = "outcomes", "Outcomes framework"
        CONTRACT = "contract", "Contract"
        PAYMENT_MECHANISM = "payment", "Payment mechanism"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    owner = models.ForeignKey("missions.Organisation", on_delete=models.PROTECT, related_name="frameworks")
    document_url = models.URLField(max_length=500, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accountability:framework", kwargs={"pk": self.pk})


class FrameworkIndicator(models.Model):
    class Alignment(models.TextChoices):
        ALIGNED = "aligned", "Aligned"
        PARTLY = "partly_aligned", "Partly aligned"
        UNALIGNED = "unaligned", "Unaligned"
        RETIRE = "to_retire", "To retire"

    class Rationalisation(models.TextChoices):
        KEEP = "keep", "Kept"
        PROPOSED = "proposed", "Change proposed"
        AGREED = "agreed", "Change agreed"
        DONE = "done", "Done"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=300)
    metric = models.ForeignKey(
        "metrics.Metric", null=True, blank=True, on_delete=models.PROTECT, related_name="framework_indicators"
    )
    alignment = models.CharField(max_length=16, choices=Alignment.choices)
    rationalisation = models.CharField(
        max_length=16, choices=Rationalisation.choices, default=Rationalisation.KEEP
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="uniq_framework_indicator"),
            models.CheckConstraint(
                condition=Q(alignment__in=["to_retire", "unaligned"]) | Q(metric__isnull=False),
                name="aligned_indicator_has_metric",
            ),
        ]

    def __str__(self) -> str:
        return self.name
