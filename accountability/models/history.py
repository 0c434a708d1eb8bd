"""State changes kept as rows: each status change of a letter, review, report or indicator, each extension
of a response's due date, and each self-assessed status of a mandate commitment."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class StatusChange(models.Model):
    """One change of one field (`status`, `response_due`, `rationalisation`) of an accountability record."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(max_length=32, default="status")
    from_value = models.CharField(max_length=32, blank=True)
    to_value = models.CharField(max_length=32)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="acc_change_subject")]

    def __str__(self) -> str:
        return f"{self.field}: {self.from_value or '—'} → {self.to_value}"


class CommitmentUpdate(models.Model):
    """A self-assessment of a mandate commitment (Canada's Mandate Letter Tracker statuses), append-only."""

    class Status(models.TextChoices):
        COMPLETED_FULLY = "completed_fully", "Completed – fully met"
        COMPLETED_MODIFIED = "completed_modified", "Completed – modified"
        ON_TRACK = "underway_on_track", "Underway – on track"
        CHALLENGES = "underway_challenges", "Underway – with challenges"
        ONGOING = "ongoing", "Ongoing"
        NOT_PURSUED = "not_pursued", "Not being pursued"

    commitment = models.ForeignKey(
        "accountability.MandateCommitment", on_delete=models.CASCADE, related_name="updates"
    )
    status = models.CharField(max_length=24, choices=Status.choices)
    rationale = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200, blank=True, help_text="Who said it, as shown.")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["commitment", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.at:%Y-%m-%d})"
