"""API permissions for writing observations; the decision itself lives in missions.permissions."""

from rest_framework.permissions import BasePermission

from missions import permissions
from missions.models import Role


def can_import_observations(user) -> bool:
    """Analysts write their organisation's metrics; the centre writes any (the service checks which)."""
    return permissions.has_any_role(user, Role.ANALYST, Role.CENTRE)


class CanImportObservations(BasePermission):
    message = "Only analysts and the centre may send observations."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated) and can_import_observations(request.user)
