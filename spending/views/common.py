"""Shared bits of the spending pages: refusals, running a service from a form, CSV answers."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse

from core.refusals import CONFLICT, TransitionNotAllowed
from metrics.downloads import neutralise


def run(request, form, service, **kwargs):
    """Call a service; a 409 refusal or a validation error becomes a form error. Returns (result, status)."""
    try:
        return service(**kwargs), 200
    except TransitionNotAllowed as exc:
        form.add_error(None, str(exc))
        messages.error(request, str(exc))
        return None, CONFLICT
    except DjangoValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return None, 400
    except ValueError as exc:
        form.add_error(None, str(exc))
        return None, 400


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    """A CSV download whose text cells are neutralised against formula injection (metrics.downloads)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(str(cell) if hasattr(cell, "url") else cell) for cell in row])
    return response
