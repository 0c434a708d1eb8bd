"""Business cases judged by their modelled impact on mission metrics (Treasury and department view)."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from spending.permissions import can_see_cases
from spending.selectors import business_cases_visible_to


def _may_see_cases(user) -> bool:
    return can_see_cases(user)


@login_required
def case_list(request):
    if not _may_see_cases(request.user):
        raise PermissionDenied(
            "Business cases are for the Treasury, the centre and the departments that make them."
        )
    cases = business_cases_visible_to(user=request.user).prefetch_related(
        "missions", "partner_departments", "costs"
    )
    return render(request, "spending/case_list.html", {"cases": cases})


@login_required
def case_detail(request, slug):
    if not _may_see_cases(request.user):
        raise PermissionDenied(
            "Business cases are for the Treasury, the centre and the departments that make them."
        )
    case = get_object_or_404(business_cases_visible_to(user=request.user), slug=slug)
    impacts = defaultdict(list)
    for impact in case.impacts.select_related("metric").order_by("metric__name", "year"):
        impacts[impact.metric].append(impact)
    return render(
        request,
        "spending/case_detail.html",
        {
            "case": case,
            "costs": case.costs.all(),
            "total_cost": sum(c.amount_m for c in case.costs.all()),
            "impacts": dict(impacts),
            "assessments": case.assessments.select_related("assessed_by"),
            "history": case.status_changes.select_related("by"),
            "partners": case.partner_departments.all(),
        },
    )
