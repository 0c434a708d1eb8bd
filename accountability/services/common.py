"""Shared pieces of the accountability services: the transition error (409) and status-change rows."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from accountability.models import StatusChange
from core import refusals
from missions.services import audit_record


class TransitionNotAllowed(refusals.TransitionNotAllowed):
    """The change is not allowed from the object's current state (views and the API answer 409)."""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise TransitionNotAllowed(message)


def record_change(
    *, obj: models.Model, by, field: str, old, new, reason: str = "", action: str | None = None
) -> StatusChange:
    """One StatusChange row and one audit row for a change of `field` on `obj`."""
    change = StatusChange(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        field=field,
        from_value=str(old or ""),
        to_value=str(new),
        reason=reason,
        by=by if getattr(by, "is_authenticated", False) else None,
    )
    change.full_clean()
    change.save()
    label = action or f"{obj._meta.model_name}.{field}"
    audit_record(
        actor=by, action=label, obj=obj, changes={field: [str(old or ""), str(new)], "reason": reason}
    )
    return change


def save_new(obj: models.Model, *, by, action: str) -> models.Model:
    obj.full_clean()
    obj.save()
    audit_record(actor=by, action=action, obj=obj, changes={"created": True})
    return obj
