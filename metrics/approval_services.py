"""Writes of period approvals (issue 10, ADR 0018): approve a metric's period, unlock it with a reason.
Each is one transaction with its audit row; who may is `metrics.permissions.can_approve_periods`."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from metrics.approvals import PeriodApproval
from metrics.ingest.pg import LOCK_NAMESPACE
from metrics.models import Metric
from metrics.permissions import can_approve_periods
from metrics.selectors import observations_as_of
from missions.services import audit_record

MAX_REASON = 500


class ApprovalConflict(Exception):
    """The period is already approved, or the approval was already unlocked (the API answers 409)."""


class ApprovalInvalid(Exception):
    """The request cannot be carried out as asked: no figures, no reason (the API answers 400)."""


def _lock(metric: Metric) -> None:
    """Wait for imports of this metric in flight (they hold the same lock, metrics.ingest.pg.lock_metrics)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s::int, %s::int)", [LOCK_NAMESPACE, metric.pk])


@transaction.atomic
def period_approve(*, user, metric: Metric, period_start: date) -> PeriodApproval:
    """Approve the figures of one period of `metric`, for every geography; later imports into it are
    refused until the owner unlocks it."""
    if not can_approve_periods(user, metric):
        raise PermissionDenied("Only the metric's owner or the centre may approve its periods.")
    label = metric.period_label(period_start)
    _lock(metric)
    open_ = PeriodApproval.objects.filter(metric=metric, period_start=period_start, unlocked_at__isnull=True)
    earlier = open_.select_related("organisation").first()
    if earlier is not None:
        raise ApprovalConflict(
            f"{label} is already approved by {earlier.organisation.name} on {earlier.approved_at:%d %B %Y}."
        )
    if not observations_as_of(metric=metric).filter(period_start=period_start).exists():
        raise ApprovalInvalid(f"There are no figures for {label} to approve.")
    approval = PeriodApproval(
        metric=metric,
        period_start=period_start,
        organisation_id=user.organisation_id or metric.owner_id,
        approved_by=user,
        approved_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            approval.save()
    except IntegrityError:  # approved by someone else a moment ago (SQLite has no advisory lock)
        raise ApprovalConflict(f"{label} was approved by someone else a moment ago.")
    audit_record(
        actor=user, action="period.approve", obj=approval, changes={"metric": metric.slug, "period": label}
    )
    return approval


@transaction.atomic
def period_unlock(*, user, approval: PeriodApproval, reason: str) -> PeriodApproval:
    """Unlock an approved period so new figures can be written; the approval row keeps who, when and why."""
    metric = approval.metric
    if not can_approve_periods(user, metric):
        raise PermissionDenied("Only the metric's owner or the centre may unlock its periods.")
    reason = (reason or "").strip()
    if not reason:
        raise ApprovalInvalid("Give the reason for unlocking this period.")
    if len(reason) > MAX_REASON:
        raise ApprovalInvalid(f"The reason is {len(reason)} characters long; the limit is {MAX_REASON}.")
    label = metric.period_label(approval.period_start)
    _lock(metric)
    unlocked_at = timezone.now()
    moved = PeriodApproval.objects.filter(pk=approval.pk, unlocked_at__isnull=True).update(
        unlocked_at=unlocked_at, unlocked_by=user, unlock_reason=reason
    )
    if not moved:
        raise ApprovalConflict(f"{label} is not approved any more: it was unlocked before.")
    approval.refresh_from_db()
    audit_record(
        actor=user,
        action="period.unlock",
        obj=approval,
        changes={"metric": metric.slug, "period": label, "reason": reason},
    )
    return approval
