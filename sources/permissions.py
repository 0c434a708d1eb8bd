"""Who may see and manage data sources: the centre, and analysts of the organisation that owns a source."""

from __future__ import annotations

from missions.models import Role
from missions.permissions import has_role


def can_use_sources(user) -> bool:
    """May open the sources pages and API at all."""
    return has_role(user, Role.CENTRE) or (has_role(user, Role.ANALYST) and user.organisation_id is not None)


def can_manage(user, source) -> bool:
    """May see, edit and pull this source."""
    if has_role(user, Role.CENTRE):
        return True
    return has_role(user, Role.ANALYST) and user.organisation_id == source.owner_id


def can_feed(user, metric) -> bool:
    """May point a source at this metric: the centre, or analysts of an owning or supplying organisation."""
    # (suppliers count: the ONS supplies metrics that departments own)
    if has_role(user, Role.CENTRE):
        return True
    if not has_role(user, Role.ANALYST) or user.organisation_id is None:
        return False
    return (
        metric.owner_id == user.organisation_id or metric.suppliers.filter(pk=user.organisation_id).exists()
    )
