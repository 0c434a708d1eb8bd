"""Reads of mandate letters and accountability reports, scoped to the user."""

from django.db.models import Q, QuerySet

from accountability.models import Judgement, MandateCommitment, MandateLetter, Report
from missions import permissions
from missions.models import Role


def mandate_letters_visible_to(*, user) -> QuerySet[MandateLetter]:
    qs = MandateLetter.objects.select_related("department")
    if permissions.sees_everything(user):
        return qs
    if permissions.sees_internal_data(user) and user.organisation_id:
        return qs.filter(Q(published=True) | Q(department=user.organisation_id))
    return qs.filter(published=True)


def commitments_for_department(*, user, organisation) -> QuerySet[MandateCommitment]:
    return MandateCommitment.objects.select_related("letter", "metric").filter(
        letter__in=mandate_letters_visible_to(user=user).filter(department=organisation)
    )


def reports_visible_to(*, user) -> QuerySet[Report]:
    qs = Report.objects.select_related("body", "body__mission", "body__organisation")
    if permissions.sees_internal_data(user):
        return qs
    if permissions.has_role(user, Role.ACCOUNTABILITY) and user.organisation_id:
        return qs.filter(Q(published=True) | Q(body__organisation=user.organisation_id))
    return qs.filter(published=True)


def latest_judgements(*, user, mission) -> QuerySet[Judgement]:
    """The judgements of the mission body's most recent report the user may see."""
    report = reports_visible_to(user=user).filter(body__mission=mission).order_by("-laid_on").first()
    if report is None:
        return Judgement.objects.none()
    return report.judgements.select_related("metric", "report")
