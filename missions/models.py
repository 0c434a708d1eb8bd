"""Organisations, users, missions and what departments are expected to contribute to them."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


class Role(models.TextChoices):
    """Django Group names (DESIGN §1). A user may hold several."""

    CENTRE = "centre", "Centre (No10 and Cabinet Office)"
    TREASURY = "treasury", "HM Treasury"
    DEPARTMENT = "department", "Department official"
    SECRETARIAT = "secretariat", "Council secretariat"
    ANALYST = "analyst", "Analyst"
    ACCOUNTABILITY = "accountability", "Independent accountability body"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CENTRE = "centre", "Centre of government"
        TREASURY = "treasury", "Treasury"
        DEPARTMENT = "department", "Ministerial department"
        STATISTICS = "statistics", "Statistics producer"
        DELIVERY_PARTNER = "delivery_partner", "Delivery partner"
        REGULATOR = "regulator", "Regulator or inspectorate"
        MAYORAL_AUTHORITY = "mayoral_authority", "Mayoral combined authority"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        INDEPENDENT_BODY = "independent_body", "Independent body"

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.abbreviation or self.name

    def get_absolute_url(self) -> str:
        return reverse("missions:department", kwargs={"slug": self.slug})


class User(AbstractUser):
    """A person. Belongs to one organisation; roles are Django Groups named as in `Role`."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    job_title = models.CharField(max_length=200, blank=True)

    def has_role(self, role: str) -> bool:
        if not self.is_authenticated or not self.is_active:
            return False
        if not hasattr(self, "_role_cache"):
            self._role_cache = frozenset(self.groups.values_list("name", flat=True))
        return role in self._role_cache

    @property
    def roles(self) -> list[str]:
        return [role for role in Role.values if self.has_role(role)]


class Mission(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        RETIRED = "retired", "Retired"

    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(max_length=64, unique=True)
    title = models.CharField(max_length=200, unique=True)
    short_title = models.CharField(max_length=60)
    ambition = models.TextField(help_text="The mission's ambition statement, as published.")
    ambition_source = models.CharField(max_length=300, blank=True)
    lead_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="led_missions")
    contributing_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="contributed_missions"
    )
    target_date = models.DateField(null=True, blank=True)
    legal_basis = models.TextField(blank=True, help_text="Statute or commitment that anchors the mission.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    published = models.BooleanField(default=True, help_text="Shown on the public site.")

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("missions:detail", kwargs={"slug": self.slug})


class Contribution(models.Model):
    """An outcome the centre expects a department to deliver for a mission."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contributions")
    outcome = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    metrics = models.ManyToManyField("metrics.Metric", blank=True, related_name="contributions")
    restricted = models.BooleanField(
        default=False, help_text="Visible only to the centre and the department."
    )
    illustrative = models.BooleanField(default=False, help_text="An illustrative example, not real policy.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mission__number", "organisation__name", "outcome"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "organisation", "outcome"], name="uniq_contribution"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.outcome}"


class AuditEvent(models.Model):
    """One row per change anywhere in the product (who, what, when, which fields)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor or 'system'} {self.action} {self.object_repr}"
