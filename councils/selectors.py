"""Reads of councils, meetings and actions, scoped to the user."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from councils import permissions as council_permissions
from councils.models import Action, CheckInPack, Council, Meeting, overdue_q
from missions import permissions
from missions.models import Role

OPEN_STATUSES = (Action.Status.OPEN, Action.Status.IN_PROGRESS)


def councils_visible_to(*, user) -> QuerySet[Council]:
    qs = Council.objects.select_related("mission")
    if council_permissions.reads_every_council(user):
        return qs
    missions = council_permissions.secretariat_mission_ids(user)
    seats = council_permissions.member_council_ids(user)
    return qs.filter(Q(mission_id__in=missions) | Q(pk__in=seats))


def meetings_visible_to(*, user) -> QuerySet[Meeting]:
    """Meetings of the councils the user reads, and a department's own check-ins."""
    condition = Q(council__in=councils_visible_to(user=user))
    department = council_permissions.department_id(user)
    if department is not None:
        condition |= Q(kind=Meeting.Kind.CHECK_IN, department_id=department)
    return Meeting.objects.select_related("council", "council__mission", "department").filter(condition)


def upcoming_meetings(*, user, today: date | None = None, limit: int = 5) -> QuerySet[Meeting]:
    now = (
        timezone.now()
        if today is None
        else timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time()))
    )
    return meetings_visible_to(user=user).filter(starts_at__gte=now).order_by("starts_at")[:limit]


def actions_visible_to(*, user) -> QuerySet[Action]:
    """The centre and Treasury see all actions; a department its own; a secretariat its councils'."""
    qs = Action.objects.select_related("owner_organisation", "metric", "meeting", "meeting__council")
    if permissions.sees_everything(user):
        return qs
    condition = Q(pk__in=[])
    if (
        user.is_authenticated
        and user.organisation_id
        and permissions.has_any_role(user, Role.DEPARTMENT, Role.ANALYST)
    ):
        condition |= Q(owner_organisation=user.organisation_id)
    missions = council_permissions.secretariat_mission_ids(user)
    if missions:
        condition |= Q(meeting__council__mission_id__in=missions)
    return qs.filter(condition)


def open_actions(*, user) -> QuerySet[Action]:
    return actions_visible_to(user=user).filter(status__in=OPEN_STATUSES)


def overdue_actions(*, user, today: date | None = None) -> QuerySet[Action]:
    return actions_visible_to(user=user).filter(overdue_q(today))


def packs_visible_to(*, user) -> QuerySet[CheckInPack]:
    """Check-in packs: the council's members, its secretariat and the centre only."""
    return CheckInPack.objects.select_related("meeting", "meeting__council").filter(
        meeting__council__in=councils_visible_to(user=user)
    )


def council_actions_visible_to(*, user) -> QuerySet[Action]:
    """Actions set at the meetings of the councils the user may see (council pages; a department's own
    actions, wherever set, come from `actions_visible_to` on its dashboard)."""
    return Action.objects.select_related(
        "owner_organisation", "metric", "meeting", "meeting__council"
    ).filter(meeting__council__in=councils_visible_to(user=user))


def actions_for_pages(*, user) -> QuerySet[Action]:
    """Every action the user may open: its own department's, and those set at meetings it may open."""
    visible = Q(pk__in=actions_visible_to(user=user).values("pk")) | Q(
        meeting__in=meetings_visible_to(user=user).values("pk")
    )
    return Action.objects.select_related(
        "owner_organisation", "metric", "meeting", "meeting__council", "decision"
    ).filter(visible)


def department_check_ins(*, user) -> QuerySet[Meeting]:
    """The department's own check-ins, latest first (its self-service page)."""
    department = council_permissions.department_id(user)
    if department is None:
        return Meeting.objects.none()
    return (
        Meeting.objects.select_related("council", "council__mission", "department", "departmental_return")
        .filter(kind=Meeting.Kind.CHECK_IN, department_id=department)
        .order_by("-starts_at")
    )


def agenda_choices(*, meeting: Meeting) -> dict[str, QuerySet]:
    """What an agenda item may be picked from: the mission's metrics, contributions, actions, business
    cases (past draft) and the mandate commitments on its metrics; restricted items left out, since the
    agenda goes to every member."""
    from accountability.models import MandateCommitment
    from metrics.models import Metric
    from missions.models import Contribution
    from spending.models import BusinessCase

    mission = meeting.council.mission_id
    return {
        "metric": Metric.objects.filter(mission=mission, restricted=False).order_by("tier", "name"),
        "contribution": Contribution.objects.filter(mission=mission, restricted=False).select_related(
            "organisation"
        ),
        "action": Action.objects.filter(meeting__council__mission=mission).order_by("due_date", "pk"),
        "business_case": BusinessCase.objects.filter(missions=mission)
        .exclude(status=BusinessCase.Status.DRAFT)
        .distinct(),
        "commitment": MandateCommitment.objects.filter(metric__mission=mission).select_related(
            "letter", "letter__department", "metric"
        ),
    }


def commitments_for_council_audience(*, organisation):
    """A department's mandate commitments as a check-in pack may show them (councils.permissions: the
    council audience sees published letters and non-restricted metrics only)."""
    from accountability.models import MandateCommitment

    return MandateCommitment.objects.select_related("letter", "metric").filter(
        council_permissions.council_audience_commitments(), letter__department=organisation
    )


def business_cases_for_council_audience(*, organisation, mission):
    """A department's business cases for the mission; the pack keeps those whose status at its moment the
    council audience may see (council_audience_sees_business_case_status)."""
    from spending.models import BusinessCase

    return (
        BusinessCase.objects.select_related("lead_department")
        .filter(Q(lead_department=organisation) | Q(partner_departments=organisation), missions=mission)
        .distinct()
        .prefetch_related("assessments", "costs", "partner_departments", "status_changes")
    )
