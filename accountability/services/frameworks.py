"""Frameworks and their indicators: register, map to a mission metric, and track their rationalisation."""

from __future__ import annotations

from django.db import transaction

from accountability.models import Framework, FrameworkIndicator
from accountability.services.common import record_change, save_new


@transaction.atomic
def framework_create(
    *, by, name: str, kind: str, owner, document_url: str = "", illustrative: bool = False
) -> Framework:
    framework = Framework(
        name=name, kind=kind, owner=owner, document_url=document_url, illustrative=illustrative
    )
    return save_new(framework, by=by, action="framework.create")


@transaction.atomic
def framework_indicator_add(
    *, framework: Framework, by, name: str, alignment: str, metric=None, note: str = ""
) -> FrameworkIndicator:
    indicator = FrameworkIndicator(
        framework=framework, name=name, metric=metric, alignment=alignment, note=note
    )
    save_new(indicator, by=by, action="framework_indicator.add")
    record_change(obj=indicator, by=by, field="alignment", old="", new=alignment)
    return indicator


@transaction.atomic
def framework_indicator_map(
    *, indicator: FrameworkIndicator, by, alignment: str, metric=None, note: str = ""
) -> FrameworkIndicator:
    indicator = FrameworkIndicator.objects.select_for_update().get(pk=indicator.pk)
    old = indicator.alignment
    indicator.alignment, indicator.metric, indicator.note = alignment, metric, note
    indicator.full_clean()
    indicator.save()
    record_change(obj=indicator, by=by, field="alignment", old=old, new=alignment, reason=note)
    return indicator


@transaction.atomic
def framework_indicator_rationalise(
    *, indicator: FrameworkIndicator, by, to: str, reason: str = ""
) -> FrameworkIndicator:
    indicator = FrameworkIndicator.objects.select_for_update().get(pk=indicator.pk)
    old = indicator.rationalisation
    indicator.rationalisation = to
    indicator.full_clean()
    indicator.save(update_fields=["rationalisation"])
    record_change(obj=indicator, by=by, field="rationalisation", old=old, new=to, reason=reason)
    return indicator
