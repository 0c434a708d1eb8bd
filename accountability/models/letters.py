"""The PM's mandate letters: one commitment per bullet, each tied to a mission metric (and a milestone), and
the letter's annual review, frozen as at its review date like a check-in pack."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class MandateLetter(models.Model):
    """The PM's letter to a minister, embedding mission metrics; composed, issued, published, reviewed."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ISSUED = "issued", "Issued"
        PUBLISHED = "published", "Published"

    minister_name = models.CharField(max_length=200, blank=True)
    minister_title = models.CharField(max_length=200)
    department = models.ForeignKey(
        "missions.Organisation", on_delete=models.PROTECT, related_name="mandate_letters"
    )
    issued_on = models.DateField(null=True, blank=True, help_text="Set when the letter is issued.")
    missions = models.ManyToManyField("missions.Mission", related_name="mandate_letters")
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    illustrative = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "department__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "minister_title", "issued_on"], name="uniq_mandate_letter"
            ),
        ]

    def __str__(self) -> str:
        when = f"{self.issued_on:%B %Y}" if self.issued_on else "draft"
        return f"Mandate letter to the {self.minister_title} ({when})"

    def get_absolute_url(self) -> str:
        return reverse("accountability:letter", kwargs={"pk": self.pk})

    @property
    def published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class MandateCommitment(models.Model):
    """One bullet of a letter, anchored on a mission metric and, where there is one, its milestone."""

    letter = models.ForeignKey(MandateLetter, on_delete=models.CASCADE, related_name="commitments")
    number = models.PositiveSmallIntegerField(help_text="The bullet's position in the letter.")
    metric = models.ForeignKey("metrics.Metric", on_delete=models.PROTECT, related_name="mandate_commitments")
    milestone = models.ForeignKey(
        "metrics.Target", null=True, blank=True, on_delete=models.PROTECT, related_name="mandate_commitments"
    )
    expected_contribution = models.TextField(help_text="The bullet, as the letter words it.")

    class Meta:
        ordering = ["letter", "number"]
        constraints = [models.UniqueConstraint(fields=["letter", "number"], name="uniq_commitment_number")]

    def __str__(self) -> str:
        return f"Commitment {self.number}: {self.metric}"

    def get_absolute_url(self) -> str:
        return reverse("accountability:commitment", kwargs={"pk": self.pk})


class AnnualReview(models.Model):
    """A letter's review: drafted from the data as at the review date (frozen `content`), then judged and
    signed off by the centre."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SIGNED_OFF = "signed_off", "Signed off"

    class Rating(models.TextChoices):
        MET = "met", "Met"
        PARTLY_MET = "partly_met", "Partly met"
        NOT_MET = "not_met", "Not met"

    letter = models.ForeignKey(MandateLetter, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField()
    reviewed_on = models.DateField(help_text="The review date: figures are read as known at its end.")
    as_at = models.DateTimeField(help_text="The moment the frozen content was read as at.")
    content = models.JSONField(default=dict, blank=True, help_text="What the review shows, frozen.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    rating = models.CharField(max_length=16, choices=Rating.choices, blank=True)
    summary = models.TextField(blank=True, help_text="The centre's judgement.")
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["letter", "-year"]
        constraints = [models.UniqueConstraint(fields=["letter", "year"], name="uniq_review_year")]

    def __str__(self) -> str:
        return f"{self.year} review of {self.letter}"

    def get_absolute_url(self) -> str:
        return reverse("accountability:review", kwargs={"pk": self.pk})
