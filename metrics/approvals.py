"""Period approvals (issue 10, ADR 0018): a metric's owner approves one period's figures, for every
geography at once; an approved period refuses new vintages until the owner unlocks it.

An approval is never deleted: unlocking stamps `unlocked_at`, `unlocked_by` and the reason on the row, and
approving again makes a new row, so the rows of a (metric, period) are its approval history. At most one
row per (metric, period) is open (not unlocked) at a time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class PeriodApproval(models.Model):
    metric = models.ForeignKey("metrics.Metric", on_delete=models.PROTECT, related_name="approvals")
    period_start = models.DateField(
        help_text="The first day of the approved period, as observations hold it."
    )
    organisation = models.ForeignKey(
        "missions.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation that approved (the metric's owner, or the centre).",
    )
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unlocked_at = models.DateTimeField(null=True, blank=True)
    unlock_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["metric", "-period_start", "-approved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "period_start"],
                condition=Q(unlocked_at__isnull=True),
                name="one_open_approval_per_period",
            ),
            models.CheckConstraint(
                condition=Q(unlocked_at__isnull=True)
                | (
                    Q(unlocked_at__gte=models.F("approved_at"))
                    & Q(unlocked_by__isnull=False)
                    & ~Q(unlock_reason="")
                ),
                name="approval_unlock_has_who_when_why",
            ),
        ]

    def __str__(self) -> str:
        state = "approved" if self.is_open else "unlocked"
        return f"{self.metric_id} {self.period_start} {state}"

    @property
    def is_open(self) -> bool:
        return self.unlocked_at is None
