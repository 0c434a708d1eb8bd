"""Independent mission bodies, their reports to Parliament (embargoed until laid, frozen as at a moment),
judgements per metric, numbered recommendations and the government's responses."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse


class AccountabilityBody(models.Model):
    mission = models.ForeignKey(
        "missions.Mission", on_delete=models.PROTECT, related_name="accountability_bodies"
    )
    organisation = models.OneToOneField(
        "missions.Organisation", on_delete=models.PROTECT, related_name="accountability_body"
    )
    statutory_mandate = models.TextField()
    chair = models.CharField(max_length=200)
    reports_to_parliament = models.BooleanField(default=True)
    # The statutory calendar for government responses: a fixed day each year (Climate Change Act s.37:
    # 15 October) or a number of days after laying; neither set means the site-wide default.
    response_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Government response due this many days after laying."
    )
    response_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    response_day = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["mission__number"]
        verbose_name_plural = "accountability bodies"
        constraints = [
            models.CheckConstraint(
                condition=Q(response_month__isnull=True, response_day__isnull=True)
                | Q(response_month__isnull=False, response_day__isnull=False),
                name="response_fixed_day_complete",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation.name)

    def get_absolute_url(self) -> str:
        return reverse("accountability:body", kwargs={"pk": self.pk})


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        LAID = "laid", "Laid before Parliament"

    body = models.ForeignKey(AccountabilityBody, on_delete=models.PROTECT, related_name="reports")
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    as_at = models.DateTimeField(help_text="The moment whose figures the report judges.")
    content = models.JSONField(default=dict, blank=True, help_text="Figures as at `as_at`, frozen when laid.")
    laid_on = models.DateField(null=True, blank=True, help_text="Date laid before Parliament.")
    government_response_due = models.DateField(null=True, blank=True)
    summary = models.TextField()
    policy_credibility_share = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Per cent of the required progress backed by credible policy, in the body's judgement.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-laid_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(government_response_due__isnull=True)
                | Q(laid_on__isnull=False) & Q(government_response_due__gte=models.F("laid_on")),
                name="response_due_after_laying",
            ),
            models.CheckConstraint(
                condition=~Q(status="laid") | Q(laid_on__isnull=False), name="laid_report_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("accountability:report", kwargs={"pk": self.pk})

    @property
    def published(self) -> bool:
        """Embargoed until laid, then public."""
        return self.status == self.Status.LAID


class Judgement(models.Model):
    class Verdict(models.TextChoices):
        ACHIEVED = "achieved", "Achieved"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"
        TOO_EARLY = "too_early", "Too early to say"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="judgements")
    metric = models.ForeignKey("metrics.Metric", on_delete=models.PROTECT, related_name="judgements")
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    commentary = models.TextField()
    difference_note = models.TextField(
        blank=True, help_text="Why the verdict differs from the computed status (required where it does)."
    )

    class Meta:
        ordering = ["report", "metric__name"]
        constraints = [models.UniqueConstraint(fields=["report", "metric"], name="uniq_judgement_metric")]

    def __str__(self) -> str:
        return f"{self.metric}: {self.get_verdict_display()}"


class Recommendation(models.Model):
    class Response(models.TextChoices):
        AWAITED = "awaited", "Response awaited"
        ACCEPTED = "accepted", "Accepted"
        PARTLY = "partly", "Partly accepted"
        REJECTED = "rejected", "Rejected"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    owner = models.ForeignKey(
        "missions.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
        help_text="The department that must respond.",
    )
    response_due = models.DateField(null=True, blank=True, help_text="Set when the report is laid.")
    response = models.CharField(max_length=16, choices=Response.choices, default=Response.AWAITED)
    response_text = models.TextField(blank=True, help_text="Comply or explain.")
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="uniq_recommendation_number"),
            models.CheckConstraint(
                condition=Q(response="awaited", responded_on__isnull=True)
                | (~Q(response="awaited") & Q(responded_on__isnull=False)),
                name="response_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number} of {self.report}"

    def get_absolute_url(self) -> str:
        return reverse("accountability:recommendation", kwargs={"pk": self.pk})
