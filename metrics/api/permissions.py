"""DRF permission classes for the metrics API; each wraps a named rule of metrics.permissions."""

from rest_framework.permissions import BasePermission

from metrics.permissions import can_import_observations


class CanImportObservations(BasePermission):
    message = "Only analysts and the centre may send observations."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated) and can_import_observations(request.user)
