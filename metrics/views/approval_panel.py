"""The approvals panel of a metric page: which periods are approved (everyone who sees the metric), and
for the owner's analysts and the centre the periods with figures to approve or unlock (ADR 0018)."""

from __future__ import annotations

from metrics.approval_services import MAX_REASON
from metrics.approvals import PeriodApproval
from metrics.permissions import can_approve_periods
from metrics.selectors import observations_as_of

MAX_PERIODS = 60  # the most recent periods with figures offered on the form


def approvals_context(user, metric, *, public: bool) -> dict:
    """Open approvals (two queries) and, for approvers, the periods with figures (one more)."""
    approvals = {
        a.period_start: a
        for a in PeriodApproval.objects.filter(metric=metric, unlocked_at__isnull=True).select_related(
            "organisation", "approved_by"
        )
    }
    may_approve = not public and can_approve_periods(user, metric)
    rows = []
    if may_approve:
        starts = (
            observations_as_of(metric=metric)
            .order_by("-period_start")
            .values_list("period_start", flat=True)
            .distinct()[:MAX_PERIODS]
        )
        rows = [{"start": s, "label": metric.period_label(s), "approval": approvals.get(s)} for s in starts]
    approved = [
        {"label": metric.period_label(start), "approval": approval}
        for start, approval in sorted(approvals.items(), reverse=True)
    ]
    return {"approved": approved, "may_approve": may_approve, "periods": rows, "max_reason": MAX_REASON}
