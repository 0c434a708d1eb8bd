"""Mission councils, their taskforces, meetings, actions and the check-in packs prepared for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Council(models.Model):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", "Strategy council"
        DELIVERY = "delivery", "Delivery board"

    mission = models.ForeignKey("missions.Mission", on_delete=models.PROTECT, related_name="councils")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    chair = models.CharField(max_length=200, help_text="Usually the Prime Minister.")
    remit = models.TextField(blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["mission__number", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "kind"], name="uniq_council_kind_per_mission")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils:detail", kwargs={"slug": self.slug})


class CouncilMember(models.Model):
    class Position(models.TextChoices):
        CHAIR = "chair", "Chair"
        MINISTER = "minister", "Minister"
        MAYOR = "mayor", "Mayor or local leader"
        OFFICIAL = "official", "Senior official"
        ADVISER = "adviser", "Adviser"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, help_text="e.g. Chancellor of the Exchequer")
    position = models.CharField(max_length=16, choices=Position.choices)
    organisation = models.ForeignKey("missions.Organisation", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
    )

    class Meta:
        ordering = ["council", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name", "role"], name="uniq_council_member")
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}"


class Taskforce(models.Model):
    """The Cabinet Office team that staffs a mission's councils; its members are the secretariat."""

    mission = models.OneToOneField("missions.Mission", on_delete=models.PROTECT, related_name="taskforce")
    name = models.CharField(max_length=200, unique=True)
    lead = models.CharField(max_length=200, blank=True)
    illustrative = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.name


class TaskforceMember(models.Model):
    class Unit(models.TextChoices):
        POLICY = "policy", "No10 Policy Unit"
        STRATEGY = "strategy", "Strategy Unit"
        DELIVERY = "delivery", "Delivery Unit"
        TREASURY = "treasury", "HM Treasury"
        DEPARTMENT = "department", "Department secondee"
        ANALYSIS = "analysis", "Analysis and data"

    taskforce = models.ForeignKey(Taskforce, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    organisation = models.ForeignKey("missions.Organisation", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taskforce_roles",
    )

    class Meta:
        ordering = ["taskforce", "unit", "name"]
        constraints = [models.UniqueConstraint(fields=["taskforce", "name"], name="uniq_taskforce_member")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_unit_display()})"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", "Strategy council"
        DELIVERY = "delivery", "Delivery board"
        CHECK_IN = "check_in", "Departmental check-in"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    department = models.ForeignKey(
        "missions.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="check_ins",
        help_text="The department under review, for a check-in.",
    )
    minutes = models.TextField(blank=True)
    minutes_published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the secretariat published the minutes to the council's members.",
    )
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="check_in") | Q(department__isnull=False), name="checkin_names_department"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d %b %Y})"

    def get_absolute_url(self) -> str:
        return reverse("councils:meeting", kwargs={"pk": self.pk})


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    metric = models.ForeignKey(
        "metrics.Metric", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contribution = models.ForeignKey(
        "missions.Contribution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    business_case = models.ForeignKey(
        "spending.BusinessCase", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.ForeignKey("Action", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    commitment = models.ForeignKey(
        "accountability.MandateCommitment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner = models.CharField(max_length=200, blank=True, help_text="Who leads the item in the meeting.")
    minutes_allotted = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="uniq_agenda_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "recorded_at"]

    def __str__(self) -> str:
        return self.text[:80]


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    owner_organisation = models.ForeignKey(
        "missions.Organisation", on_delete=models.PROTECT, related_name="actions"
    )
    owner_name = models.CharField(max_length=200, blank=True)
    due_date = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    metric = models.ForeignKey(
        "metrics.Metric", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["owner_organisation", "status", "due_date"], name="action_owner_due")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_at__isnull=False), name="action_done_has_completion"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("councils:action", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)

    def is_overdue(self, today=None) -> bool:
        return is_overdue(status=self.status, due_date=self.due_date, today=today)


OPEN_ACTION_STATUSES = (Action.Status.OPEN, Action.Status.IN_PROGRESS)


def is_overdue(*, status: str, due_date, today=None) -> bool:
    """The one definition of "overdue": still open after the day it was due (pages, packs, counts)."""
    return status in OPEN_ACTION_STATUSES and due_date < (today or timezone.localdate())


def overdue_q(today=None) -> Q:
    """`is_overdue` as a query condition on actions."""
    return Q(status__in=OPEN_ACTION_STATUSES, due_date__lt=today or timezone.localdate())


class CheckInPack(models.Model):
    """A frozen, reproducible snapshot of what a meeting saw, "as at" a moment. Rebuilding adds a version."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="packs")
    version = models.PositiveSmallIntegerField()
    as_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    progress_message = models.CharField(max_length=200, blank=True)
    content = models.JSONField(default=dict, blank=True, help_text="Everything the pack shows, frozen.")
    html = models.TextField(blank=True)
    pdf = models.FileField(upload_to="packs/%Y/%m/", blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="uniq_pack_version"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="pack_progress_percent"),
        ]

    def __str__(self) -> str:
        return f"Check-in pack v{self.version} for {self.meeting}"


class Confidence(models.TextChoices):
    """The delivery units' four-point judgement of the likelihood of delivery."""

    HIGHLY_LIKELY = "highly_likely", "Highly likely"
    LIKELY = "likely", "Likely"
    UNLIKELY = "unlikely", "Unlikely"
    HIGHLY_UNLIKELY = "highly_unlikely", "Highly unlikely"


class DepartmentalReturn(models.Model):
    """The secretariat's request for a department's own account before its check-in, with a deadline.
    What the department files are `ReturnVersion` rows; the return's state is read from them."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="departmental_return")
    organisation = models.ForeignKey(
        "missions.Organisation", on_delete=models.PROTECT, related_name="returns"
    )
    deadline = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-deadline"]

    def __str__(self) -> str:
        return f"Return from {self.organisation} for {self.meeting.title}"

    def get_absolute_url(self) -> str:
        return reverse("councils:return", kwargs={"pk": self.meeting_id})


class ReturnVersion(models.Model):
    """One filing of a return: a draft (submitted_at empty) or a submission. Never edited once saved."""

    departmental_return = models.ForeignKey(
        DepartmentalReturn, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["departmental_return", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["departmental_return", "number"], name="uniq_return_version")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.departmental_return}"


class ReturnEntry(models.Model):
    """The department's judgement on one metric or contribution it owns."""

    version = models.ForeignKey(ReturnVersion, on_delete=models.CASCADE, related_name="entries")
    metric = models.ForeignKey(
        "metrics.Metric", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contribution = models.ForeignKey(
        "missions.Contribution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confidence = models.CharField(max_length=16, choices=Confidence.choices, blank=True)
    reason = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    asks = models.TextField(blank=True, help_text="Asks of the centre.")

    class Meta:
        ordering = ["version", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(metric__isnull=False) & Q(contribution__isnull=True))
                | (Q(metric__isnull=True) & Q(contribution__isnull=False)),
                name="return_entry_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric or self.contribution}: {self.get_confidence_display()}"
