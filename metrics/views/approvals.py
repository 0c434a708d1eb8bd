"""Approve a period or unlock one with a reason, from the metric page's approvals panel (ADR 0018)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from metrics.approval_services import (
    ApprovalConflict,
    ApprovalInvalid,
    period_approve,
    period_unlock,
)
from metrics.approvals import PeriodApproval
from metrics.periods import PeriodError, parse_period
from metrics.permissions import can_approve_periods
from metrics.selectors import metrics_visible_to
from metrics.views.context import metric_page
from missions import permissions


def _metric(request, slug):
    if not permissions.is_official(request.user):
        raise PermissionDenied("This page is for signed-in officials.")
    metric = get_object_or_404(metrics_visible_to(user=request.user), slug=slug)
    if not can_approve_periods(request.user, metric):
        raise PermissionDenied("Only the metric's owner or the centre may approve or unlock its periods.")
    return metric


def _again(request, metric, message: str, status: int, *, approval: int | None = None):
    """The metric page again, with the problem in its error summary (and beside an unlock's reason)."""
    context = metric_page(request, metric, public=False)
    href = f"#reason-{approval}" if approval is not None else "#approvals"
    context["approval_error"] = {"approval": approval, "text": message, "href": href}
    context["approval_errors"] = [context["approval_error"]]
    return render(request, "metrics/metric_detail.html", context, status=status)


@login_required
@require_POST
def approve_period(request, slug):
    metric = _metric(request, slug)
    text = request.POST.get("period", "").strip()
    try:
        start = parse_period(text, metric.frequency, span=metric.period_span).start
        period_approve(user=request.user, metric=metric, period_start=start)
    except (PeriodError, ApprovalInvalid) as exc:
        return _again(request, metric, str(exc) or "Choose a period to approve.", 400)
    except ApprovalConflict as exc:
        return _again(request, metric, str(exc), 409)
    return redirect(metric.get_absolute_url() + "#approvals")


@login_required
@require_POST
def unlock_period(request, slug, pk):
    metric = _metric(request, slug)
    approval = get_object_or_404(PeriodApproval.objects.select_related("metric"), metric=metric, pk=pk)
    try:
        period_unlock(user=request.user, approval=approval, reason=request.POST.get("reason", ""))
    except ApprovalInvalid as exc:
        return _again(request, metric, str(exc), 400, approval=approval.pk)
    except ApprovalConflict as exc:
        return _again(request, metric, str(exc), 409, approval=approval.pk)
    return redirect(metric.get_absolute_url() + "#approvals")
