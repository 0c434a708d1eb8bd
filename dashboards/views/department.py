"""The department dashboard: metrics it owns or contributes to, expected contributions, actions, mandate
letter commitments and business cases. Department officials land here after signing in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accountability.selectors import commitments_for_department
from councils.selectors import open_actions
from dashboards.views.common import visible_metrics, with_statuses
from missions import permissions
from missions.models import Organisation
from missions.selectors import contributions_visible_to
from spending.selectors import business_cases_for_department


def _metrics(user, organisation) -> list[dict]:
    metrics = list(
        visible_metrics(user)
        .filter(Q(owner=organisation) | Q(contributions__organisation=organisation))
        .distinct()
    )
    items = with_statuses(metrics)
    for item in items:
        item["relation"] = "Owns" if item["metric"].owner_id == organisation.pk else "Contributes"
    return items


def _actions(user, organisation) -> list:
    return list(open_actions(user=user).filter(owner_organisation=organisation).order_by("due_date"))


@login_required
def department(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not permissions.may_view_department_dashboards(request.user):
        raise PermissionDenied(
            "Department dashboards are for departments' officials, the centre and HM Treasury."
        )
    if not permissions.can_view_department(request.user, organisation):
        raise Http404("You can see the dashboard of your own department only.")  # 404: ADR issue9-access
    user = request.user
    contributions = list(contributions_visible_to(user=user).filter(organisation=organisation))
    actions = _actions(user, organisation)
    context = {
        "organisation": organisation,
        "items": _metrics(user, organisation),
        "contributions": contributions,
        "actions": actions,
        "overdue_count": sum(1 for a in actions if a.is_overdue()),
        "commitments": list(commitments_for_department(user=user, organisation=organisation)),
        "cases": list(business_cases_for_department(user=user, organisation=organisation)),
    }
    return render(request, "missions/department.html", context)
