"""Reads of spending data, scoped to the user."""

from django.db.models import Q, QuerySet

from missions import permissions
from missions.models import Role
from spending.models import BusinessCase


def business_cases_visible_to(*, user) -> QuerySet[BusinessCase]:
    qs = BusinessCase.objects.select_related("lead_department", "spending_review")
    if permissions.sees_everything(user):
        return qs
    if permissions.has_role(user, Role.DEPARTMENT) and user.organisation_id:
        org = user.organisation_id
        return qs.filter(Q(lead_department=org) | Q(partner_departments=org)).distinct()
    return qs.none()


def business_cases_for_department(*, user, organisation) -> QuerySet[BusinessCase]:
    return (
        business_cases_visible_to(user=user)
        .filter(Q(lead_department=organisation) | Q(partner_departments=organisation))
        .distinct()
        .prefetch_related("assessments", "costs", "partner_departments")
    )
