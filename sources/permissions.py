"""Who may see and manage data sources: the centre, and analysts of the organisation that owns a source."""

from __future__ import annotations

from metrics.permissions import can_write_metric
from missions.models import Role
from missions.permissions import has_role


def can_use_sources(user) -> bool:
    """May open the sources pages and API at all."""
    return has_role(user, Role.CENTRE) or (has_role(user, Role.ANALYST) and user.organisation_id is not None)


def can_see_all_sources(user) -> bool:
    """The centre sees and manages every source; analysts their organisation's."""
    return has_role(user, Role.CENTRE)


def can_manage(user, source) -> bool:
    """May see, edit and pull this source."""
    if can_see_all_sources(user):
        return True
    return has_role(user, Role.ANALYST) and user.organisation_id == source.owner_id


def can_feed(user, metric) -> bool:
    """May point a source at this metric: whoever may write the metric's data (metrics.permissions)."""
    return can_write_metric(user, metric)
