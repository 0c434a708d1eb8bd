"""Reads of missions and organisations, scoped to what the user may see."""

from django.db.models import QuerySet

from missions import permissions
from missions.models import Contribution, Mission, Organisation, Role


def missions_visible_to(*, user) -> QuerySet[Mission]:
    qs = Mission.objects.select_related("lead_organisation")
    if permissions.sees_internal_data(user):
        return qs
    if permissions.has_role(user, Role.ACCOUNTABILITY):
        return qs.filter(published=True) | qs.filter(accountability_bodies__organisation=user.organisation_id)
    return qs.filter(published=True)


def contributions_visible_to(*, user) -> QuerySet[Contribution]:
    qs = Contribution.objects.select_related("mission", "organisation")
    if permissions.sees_everything(user):
        return qs
    if permissions.sees_internal_data(user):
        return qs.filter(restricted=False) | qs.filter(organisation=user.organisation_id)
    return qs.none()


def departments(*, user) -> QuerySet[Organisation]:
    """Organisations that own metrics or contribute to missions (those with a dashboard)."""
    qs = Organisation.objects.filter(
        kind__in=[
            Organisation.Kind.DEPARTMENT,
            Organisation.Kind.CENTRE,
            Organisation.Kind.TREASURY,
            Organisation.Kind.DELIVERY_PARTNER,
            Organisation.Kind.STATISTICS,
        ]
    )
    if permissions.sees_everything(user):
        return qs
    if user.is_authenticated and user.organisation_id:
        return qs.filter(pk=user.organisation_id)
    return qs.none()
