"""Reads of sources and runs, scoped to the user (centre: all; analysts: their organisation's)."""

from __future__ import annotations

from django.db.models import OuterRef, Q, QuerySet, Subquery

from metrics.models import Metric
from missions.models import Role
from missions.permissions import has_role
from sources import permissions
from sources.models import DataSource, PullRun


def sources_visible_to(*, user) -> QuerySet[DataSource]:
    latest = PullRun.objects.filter(source=OuterRef("pk")).order_by("-queued_at", "-pk")
    qs = DataSource.objects.select_related("metric", "geography", "owner").annotate(
        latest_outcome=Subquery(latest.values("outcome")[:1]),
        latest_finished_at=Subquery(latest.values("finished_at")[:1]),
    )
    if has_role(user, Role.CENTRE):
        return qs
    if permissions.can_use_sources(user):
        return qs.filter(owner_id=user.organisation_id)
    return qs.none()


def runs_visible_to(*, user) -> QuerySet[PullRun]:
    return PullRun.objects.filter(source__in=sources_visible_to(user=user).values("pk")).select_related(
        "source", "source__metric"
    )


def metrics_feedable_by(*, user) -> QuerySet[Metric]:
    """Metrics the user may point a source at (see permissions.can_feed)."""
    qs = Metric.objects.order_by("name")
    if has_role(user, Role.CENTRE):
        return qs
    if not permissions.can_use_sources(user):
        return qs.none()
    org = user.organisation_id
    return qs.filter(Q(owner_id=org) | Q(suppliers=org)).distinct()
