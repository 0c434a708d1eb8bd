"""Reads of sources and runs, scoped to the user (centre: all; analysts: their organisation's)."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from metrics.models import Metric
from metrics.selectors import metrics_writable_by
from sources import permissions
from sources.models import DataSource, PullRun


def sources_visible_to(*, user) -> QuerySet[DataSource]:
    latest = PullRun.objects.filter(source=OuterRef("pk")).order_by("-queued_at", "-pk")
    qs = DataSource.objects.select_related("metric", "geography", "owner").annotate(
        latest_outcome=Subquery(latest.values("outcome")[:1]),
        latest_finished_at=Subquery(latest.values("finished_at")[:1]),
    )
    if permissions.can_see_all_sources(user):
        return qs
    if permissions.can_use_sources(user):
        return qs.filter(owner_id=user.organisation_id)
    return qs.none()


def runs_visible_to(*, user) -> QuerySet[PullRun]:
    return PullRun.objects.filter(source__in=sources_visible_to(user=user).values("pk")).select_related(
        "source", "source__metric"
    )


def metrics_feedable_by(*, user) -> QuerySet[Metric]:
    """Metrics the user may point a source at: those whose data they may write (see permissions.can_feed)."""
    if not permissions.can_use_sources(user):
        return Metric.objects.none()
    return metrics_writable_by(user=user).order_by("name")
