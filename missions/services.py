"""Writes that belong to the missions app, and the audit trail every app writes through."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from missions.models import AuditEvent, Mission


def audit_record(
    *, actor, action: str, obj: models.Model | None = None, changes: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one audit row. Call it inside the same transaction as the change it describes."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=changes or {},
    )


@transaction.atomic
def mission_status_change(*, mission: Mission, status: str, user) -> Mission:
    """Set a mission active, paused or retired; the change is kept as an audit row (its history)."""
    old = mission.status
    if old == status:
        return mission
    mission.status = status
    mission.full_clean()
    mission.save(update_fields=["status"])
    audit_record(actor=user, action="mission.status", obj=mission, changes={"status": [old, status]})
    return mission
