"""Reads of metrics and observations, scoped to the user (DESIGN §1) and able to look "as of" a moment."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from metrics.models import Metric, Observation, Upload
from missions import permissions
from missions.models import Role


def metrics_visible_to(*, user) -> QuerySet[Metric]:
    qs = Metric.objects.select_related("mission", "owner", "default_geography")
    if permissions.sees_everything(user):
        return qs
    if permissions.sees_internal_data(user):
        return qs.filter(Q(restricted=False) | Q(owner=user.organisation_id))
    if permissions.has_role(user, Role.ACCOUNTABILITY):
        own_missions = Q(mission__accountability_bodies__organisation=user.organisation_id)
        public = Q(published=True, mission__published=True)
        return qs.filter((public | own_missions) & Q(restricted=False))
    return qs.filter(published=True, mission__published=True, restricted=False)


def observations_as_of(*, metric: Metric | int, as_of: datetime | None = None) -> QuerySet[Observation]:
    """The vintage that was current at `as_of` (now when None): one row per (geography, period)."""
    qs = Observation.objects.filter(metric=metric)
    if as_of is None:
        return qs.filter(superseded_at__isnull=True)
    return qs.filter(recorded_at__lte=as_of).filter(
        Q(superseded_at__isnull=True) | Q(superseded_at__gt=as_of)
    )


def uploads_visible_to(*, user) -> QuerySet[Upload]:
    """Import batches: the centre sees all; others those of their own organisation."""
    qs = Upload.objects.select_related("created_by", "organisation")
    if permissions.has_role(user, Role.CENTRE):
        return qs
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return qs.none()
    return qs.filter(organisation=user.organisation_id)


def metrics_writable_by(*, user) -> QuerySet[Metric]:
    """Metrics whose data the user may send: the centre any; analysts those their organisation supplies."""
    qs = Metric.objects.select_related("mission", "default_geography").order_by("mission__number", "name")
    if permissions.has_role(user, Role.CENTRE):
        return qs
    if not permissions.has_role(user, Role.ANALYST) or user.organisation_id is None:
        return qs.none()
    return qs.filter(Q(owner=user.organisation_id) | Q(suppliers=user.organisation_id)).distinct()
