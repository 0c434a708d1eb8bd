"""What every app's pages do when the answer is no (docs/decisions/0009): 403 when the user's role may never
do this (`refuse_unless`), and 409 when the object's current status does not allow the change (a service
raises a subclass of `TransitionNotAllowed`; the accountability and spending views show it on the page)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

CONFLICT = 409


class TransitionNotAllowed(Exception):
    """The change is not allowed from the object's current state (views and the API answer 409)."""


def refuse_unless(allowed: bool, message: str) -> None:
    """403 with ``message`` unless ``allowed`` (the result of a named rule from a permissions module)."""
    if not allowed:
        raise PermissionDenied(message)
