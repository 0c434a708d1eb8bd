"""Mandate letters, independent mission bodies and their reports, and the frameworks mapped to missions."""

from django.db import models
from django.db.models import Q
from django.urls import reverse


class MandateLetter(models.Model):
    """The PM's letter to a minister, embedding mission metrics; reviewed each year."""

    minister_name = models.CharField(max_length=200)
    minister_title = models.CharField(max_length=200)
    department = models.ForeignKey(
        "missions.Organisation", on_delete=models.PROTECT, related_name="mandate_letters"
    )
    issued_on = models.DateField()
    missions = models.ManyToManyField("missions.Mission", related_name="mandate_letters")
    summary = models.TextField(blank=True)
    published = models.BooleanField(default=False)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-issued_on", "department__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "minister_title", "issued_on"], name="uniq_mandate_letter"
            ),
        ]

    def __str__(self) -> str:
        return f"Mandate letter to the {self.minister_title} ({self.issued_on:%B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("accountability:letter", kwargs={"pk": self.pk})


class MandateCommitment(models.Model):
    letter = models.ForeignKey(MandateLetter, on_delete=models.CASCADE, related_name="commitments")
    metric = models.ForeignKey("metrics.Metric", on_delete=models.PROTECT, related_name="mandate_commitments")
    expected_contribution = models.TextField()

    class Meta:
        ordering = ["letter", "metric__name"]
        constraints = [models.UniqueConstraint(fields=["letter", "metric"], name="uniq_commitment_metric")]

    def __str__(self) -> str:
        return f"{self.letter.department}: {self.metric}"


class AnnualReview(models.Model):
    class Rating(models.TextChoices):
        MET = "met", "Met"
        PARTLY_MET = "partly_met", "Partly met"
        NOT_MET = "not_met", "Not met"

    letter = models.ForeignKey(MandateLetter, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField()
    reviewed_on = models.DateField()
    rating = models.CharField(max_length=16, choices=Rating.choices)
    summary = models.TextField()
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["letter", "-year"]
        constraints = [models.UniqueConstraint(fields=["letter", "year"], name="uniq_review_year")]

    def __str__(self) -> str:
        return f"{self.year} review of {self.letter}"


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
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["mission__number"]
        verbose_name_plural = "accountability bodies"

    def __str__(self) -> str:
        return str(self.organisation.name)


class Report(models.Model):
    body = models.ForeignKey(AccountabilityBody, on_delete=models.PROTECT, related_name="reports")
    title = models.CharField(max_length=300)
    laid_on = models.DateField(null=True, blank=True, help_text="Date laid before Parliament.")
    government_response_due = models.DateField(null=True, blank=True)
    summary = models.TextField()
    published = models.BooleanField(default=False)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-laid_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(government_response_due__isnull=True)
                | Q(laid_on__isnull=False) & Q(government_response_due__gte=models.F("laid_on")),
                name="response_due_after_laying",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Judgement(models.Model):
    class Verdict(models.TextChoices):
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"
        TOO_EARLY = "too_early", "Too early to say"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="judgements")
    metric = models.ForeignKey("metrics.Metric", on_delete=models.PROTECT, related_name="judgements")
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    commentary = models.TextField()

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
    response = models.CharField(max_length=16, choices=Response.choices, default=Response.AWAITED)
    response_text = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="uniq_recommendation_number")
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


class Framework(models.Model):
    """An existing target regime (outcome delivery plan, NHS mandate, contract, payment mechanism)."""

    class Kind(models.TextChoices):
        OUTCOME_DELIVERY_PLAN = "odp", "Outcome delivery plan"
        NHS_MANDATE = "nhs_mandate", "NHS mandate"
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


class FrameworkIndicator(models.Model):
    class Alignment(models.TextChoices):
        ALIGNED = "aligned", "Aligned"
        PARTLY = "partly_aligned", "Partly aligned"
        RETIRE = "to_retire", "To retire"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=300)
    metric = models.ForeignKey(
        "metrics.Metric", null=True, blank=True, on_delete=models.PROTECT, related_name="framework_indicators"
    )
    alignment = models.CharField(max_length=16, choices=Alignment.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="uniq_framework_indicator"),
            models.CheckConstraint(
                condition=Q(alignment="to_retire") | Q(metric__isnull=False),
                name="aligned_indicator_has_metric",
            ),
        ]

    def __str__(self) -> str:
        return self.name
