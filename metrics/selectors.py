"""Reads of metrics and observations, scoped to the user (DESIGN §1) and able to look "as of" a moment."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import Q, QuerySet

from metrics.models import Geography, Metric, Observation, Upload
from metrics.permissions import can_see_all_uploads, metric_write_scope
from metrics.vintages import current_at
from missions import permissions
from missions.models import Role


def metrics_visible_to(*, user) -> QuerySet[Metric]:
    qs = Metric.objects.select_related("mission", "owner", "default_geography")
    if permissions.sees_everything(user):
        return qs
    if permissions.sees_internal_data(user):
        # Restricted metrics: the owning department's, and those the user's organisation supplies (an ONS
        # analyst sees the metric it sends figures for, never another restricted one).
        supplied = metric_write_scope(user).filter(Metric.objects.all()).values("pk")
        return qs.filter(Q(restricted=False) | Q(owner=user.organisation_id) | Q(pk__in=supplied))
    if permissions.has_role(user, Role.ACCOUNTABILITY):
        own_missions = Q(mission__accountability_bodies__organisation=user.organisation_id)
        public = Q(published=True, mission__published=True)
        return qs.filter((public | own_missions) & Q(restricted=False))
    return qs.filter(published=True, mission__published=True, restricted=False)


RESTRICTED_NAME = "A restricted metric"


def metrics_withheld_from(*, user, metrics: Iterable[Metric]) -> set[int]:
    """Of these metrics, the restricted ones this reader may not see. Pages that mention them anyway (a laid
    report's judgements, a published letter's commitments) call each RESTRICTED_NAME and show none of its
    figures or words; an unpublished but unrestricted metric keeps its name (the body's report is public)."""
    restricted = {m.pk for m in metrics if m.restricted}
    if not restricted:
        return set()
    visible = metrics_visible_to(user=user).filter(pk__in=restricted).values_list("pk", flat=True)
    return restricted - set(visible)


def observations_as_of(*, metric: Metric | int, as_of: datetime | None = None) -> QuerySet[Observation]:
    """The vintage that was current at `as_of` (now when None): one row per (geography, period)."""
    return Observation.objects.filter(current_at(as_of), metric=metric)


def geographies_with_data(*, metric: Metric, as_of: datetime | None = None) -> QuerySet[Geography]:
    """The geographies a metric has figures for (as known at `as_of`)."""
    ids = observations_as_of(metric=metric, as_of=as_of).values("geography_id")
    return Geography.objects.filter(pk__in=ids).order_by("code")


def vintage_dates(*, metric: Metric) -> list[date]:
    """The days on which this metric's figures at its default geography were recorded or revised."""
    dates = (
        Observation.objects.filter(metric=metric, geography_id=metric.default_geography_id)
        .dates("recorded_at", "day", order="DESC")
        .distinct()
    )
    return list(dates)


def series_rows(*, metric: Metric, geography_ids: Iterable[int], as_of: datetime | None = None) -> list[dict]:
    """A metric's series for the given geographies, oldest first, as plain rows for charts and tables."""
    qs = (
        observations_as_of(metric=metric, as_of=as_of)
        .filter(geography_id__in=list(geography_ids))
        .order_by("geography_id", "period_start")
        .values("geography_id", "period_start", "value", "status", "revision", "note")
    )
    return list(qs)


def default_series(*, metrics: Iterable[Metric], as_of: datetime | None = None) -> dict[int, list[dict]]:
    """The series of each metric at its default geography, in one query (mission pages' charts)."""
    condition = Q()
    metrics = list(metrics)
    for m in metrics:
        condition |= Q(metric_id=m.pk, geography_id=m.default_geography_id)
    by_metric: dict[int, list[dict]] = defaultdict(list)
    if not metrics:
        return by_metric
    qs = (
        Observation.objects.filter(current_at(as_of), condition)
        .order_by("metric_id", "period_start")
        .values("metric_id", "geography_id", "period_start", "value", "status", "revision", "note")
    )
    for row in qs:
        by_metric[row["metric_id"]].append(row)
    return by_metric


def uploads_visible_to(*, user) -> QuerySet[Upload]:
    """Import batches: the centre sees all; others those of their own organisation."""
    qs = Upload.objects.select_related("created_by", "organisation")
    if can_see_all_uploads(user):
        return qs
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return qs.none()
    return qs.filter(organisation=user.organisation_id)


def metrics_writable_by(*, user) -> QuerySet[Metric]:
    """Metrics whose data the user may send (metrics.permissions.metric_write_scope)."""
    qs = Metric.objects.select_related("mission", "default_geography").order_by("mission__number", "name")
    return metric_write_scope(user).filter(qs)
