"""Who may read and write metric data (DESIGN §1). The one rule for "who may write this metric" lives here
and is used by the selectors, the import validator, the upload pages, the API and the data sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from missions.models import Role
from missions.permissions import has_any_role, has_role


@dataclass(frozen=True, slots=True)
class WriteScope:
    """Which metrics a writer may send data for: any (the centre, system pulls) or those its organisation
    owns or supplies (analysts). Nobody else writes."""

    any_metric: bool
    organisation_id: int | None

    def allows(self, writers: Iterable[int | None]) -> bool:
        """May write a metric whose owner and suppliers are ``writers`` (organisation ids)."""
        return self.any_metric or (self.organisation_id is not None and self.organisation_id in set(writers))

    def may_name(self, *, restricted: bool, writers: Iterable[int | None]) -> bool:
        """Whether a refusal may name the metric at all. A restricted metric this writer may not write is one
        it may not see either (`metrics.selectors.metrics_visible_to`), so an import answers exactly as for a
        metric that does not exist: "not yours" would confirm that it does."""
        return not restricted or self.allows(writers)

    def filter(self, metrics: QuerySet) -> QuerySet:
        if self.any_metric:
            return metrics
        if self.organisation_id is None:
            return metrics.none()
        org = self.organisation_id
        return metrics.filter(Q(owner=org) | Q(suppliers=org)).distinct()


SYSTEM = WriteScope(any_metric=True, organisation_id=None)


def metric_write_scope(user) -> WriteScope:
    """The centre writes any metric; analysts write those their organisation owns or supplies."""
    if has_role(user, Role.CENTRE):
        return SYSTEM
    if has_role(user, Role.ANALYST) and user.organisation_id is not None:
        return WriteScope(any_metric=False, organisation_id=user.organisation_id)
    return WriteScope(any_metric=False, organisation_id=None)


def can_write_metric(user, metric) -> bool:
    """May send data for (or point a data source at) this metric."""
    scope = metric_write_scope(user)
    if scope.any_metric or scope.organisation_id is None:
        return scope.any_metric
    return scope.allows([metric.owner_id, *metric.suppliers.values_list("pk", flat=True)])


def can_import_observations(user) -> bool:
    """May use the import doors at all (API, upload pages): analysts and the centre; which metrics each may
    write is `metric_write_scope`."""
    return has_any_role(user, Role.ANALYST, Role.CENTRE)


def can_see_all_uploads(user) -> bool:
    """The centre sees every import batch; others see their own organisation's."""
    return has_role(user, Role.CENTRE)


def can_approve_periods(user, metric) -> bool:
    """May approve (and unlock) a metric's periods: the owning organisation's analysts (who write its
    figures) and the centre; suppliers send data but do not sign it off (ADR 0018)."""
    if has_role(user, Role.CENTRE):
        return True
    return (
        has_role(user, Role.ANALYST)
        and user.organisation_id is not None
        and (user.organisation_id == metric.owner_id)
    )
