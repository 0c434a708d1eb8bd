"""Helpers the accountability pages share: refusals (403), transitions not allowed (409), service errors
shown on the form, and the "as at" date a page is asked for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date

from core.refusals import CONFLICT, TransitionNotAllowed


def conflicts_as_409(view: Callable) -> Callable:
    """A transition not allowed from the current status answers 409 with the reason, on a GOV.UK page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except TransitionNotAllowed as exc:
            return render(request, "accountability/conflict.html", {"message": str(exc)}, status=CONFLICT)

    return wrapper


def submit(request, form, call: Callable, *, success: str, to):
    """Run the service with the form's data; its validation errors go back on the form (re-rendered by the
    caller when this returns None)."""
    if not form.is_valid():
        return None
    try:
        result = call(**form.cleaned_data)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None
    messages.success(request, success)
    return redirect(to(result) if callable(to) else to)


def as_at_param(request) -> tuple[date | None, datetime | None]:
    """`?as_at=YYYY-MM-DD`: figures as known at the end of that day (None: now)."""
    day = parse_date(request.GET.get("as_at", "") or "")
    if day is None:
        return None, None
    return day, min(timezone.make_aware(datetime.combine(day, time.max)), timezone.now())
