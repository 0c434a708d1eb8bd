"""Reads of spending data, scoped to the user. Lists are built in a fixed number of queries."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from missions import permissions
from spending import permissions as rules
from spending.models import (
    BusinessCase,
    BusinessCaseStatusChange,
    FiscalEvent,
    PartnerSignOff,
    SpendingReview,
)


def business_cases_visible_to(*, user) -> QuerySet[BusinessCase]:
    qs = BusinessCase.objects.select_related("lead_department", "spending_review")
    if permissions.sees_everything(user):
        return qs
    if rules.can_see_cases(user):
        org = user.organisation_id
        ids = BusinessCase.objects.filter(Q(lead_department=org) | Q(partner_departments=org)).values("pk")
        return qs.filter(pk__in=ids)
    return qs.none()


def business_case_list(*, user) -> QuerySet[BusinessCase]:
    """The case list page and API: everything a row shows, prefetched."""
    return business_cases_visible_to(user=user).prefetch_related("missions", "partner_departments")


def business_case_detail(*, user) -> QuerySet[BusinessCase]:
    return business_cases_visible_to(user=user).prefetch_related(
        "missions",
        "partner_departments",
        Prefetch("sign_offs", queryset=PartnerSignOff.objects.select_related("department", "by")),
        Prefetch("status_changes", queryset=BusinessCaseStatusChange.objects.select_related("by")),
        "assessments__assessed_by",
    )


def business_cases_for_department(*, user, organisation) -> QuerySet[BusinessCase]:
    return (
        business_cases_visible_to(user=user)
        .filter(Q(lead_department=organisation) | Q(partner_departments=organisation))
        .distinct()
        .prefetch_related("assessments", "costs", "partner_departments")
    )


def status_at(case: BusinessCase, as_at: datetime | None) -> str | None:
    """The case's status at a moment, from its status-change rows (prefetched); None before it existed."""
    if as_at is None:
        return case.status
    before = [c for c in case.status_changes.all() if c.at <= as_at]
    return before[-1].to_status if before else None


def value_threshold_m() -> float:
    """Above this total (uplifted) cost, modelling impacts and publishing the appraisal are mandatory."""
    return float(getattr(settings, "SPENDING_VALUE_THRESHOLD_M", 100))


def public_register() -> QuerySet[BusinessCase]:
    """Approved cases, for the public register (the threshold is applied on their computed cost)."""
    return (
        BusinessCase.objects.filter(status=BusinessCase.Status.APPROVED)
        .select_related("lead_department", "spending_review")
        .prefetch_related("missions", "partner_departments", "status_changes")
        .order_by("title")
    )


def spending_reviews() -> QuerySet[SpendingReview]:
    return SpendingReview.objects.all()


def fiscal_events() -> QuerySet[FiscalEvent]:
    return FiscalEvent.objects.prefetch_related("cases")
