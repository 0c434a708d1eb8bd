"""The analysts' upload page (GOV.UK file-upload pattern): choose a file, see the dry run, confirm.

Files are checked and written by a Celery task (metrics.ingest.tasks) so large files never hold a request;
the result page polls the Upload's status until the task has finished.
"""

import csv

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from metrics.ingest import services
from metrics.ingest.files import UnsupportedFile, detect_format
from metrics.ingest.tasks import stored_name
from metrics.models import Upload
from metrics.periods import period_from_start
from metrics.permissions import can_import_observations
from metrics.selectors import metrics_writable_by, uploads_visible_to
from metrics.vintages import current_at


def _require_analyst(user) -> None:
    if not can_import_observations(user):
        raise PermissionDenied("Only analysts and the centre upload observations.")


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    _require_analyst(request.user)
    error = None
    if request.method == "POST":
        error = _accept(request)
        if isinstance(error, Upload):
            return redirect("uploads:detail", pk=error.pk)
    context = {
        "error": error,
        "metrics": metrics_writable_by(user=request.user),
        "recent": uploads_visible_to(user=request.user).exclude(format__in=["pull", "demo"])[:10],
        "max_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "metrics/upload_start.html", context, status=400 if error else 200)


def _accept(request) -> Upload | str:
    """Store the file and enqueue its dry run; or a message saying what is wrong with the choice."""
    too_big = f"The selected file must be smaller than {settings.MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
    if _declared_length(request) > settings.MAX_UPLOAD_BYTES:
        return too_big  # said before the body is read, not after
    chosen = request.FILES.get("file")
    if chosen is None or chosen.size == 0:
        return "Select a CSV or Excel file" if chosen is None else "The selected file is empty"
    if chosen.size > settings.MAX_UPLOAD_BYTES:
        return too_big
    try:
        kind = detect_format(chosen.name, chosen.read(4))
    except UnsupportedFile:
        return "The selected file must be a CSV or an Excel (.xlsx) file"
    chosen.seek(0)
    return services.upload_receive(user=request.user, file=chosen, kind=kind, dry_run=True)


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@login_required
def detail(request, pk: int):
    _require_analyst(request.user)
    upload = get_object_or_404(uploads_visible_to(user=request.user), pk=pk)
    working = upload.status in (Upload.Status.PENDING, Upload.Status.PROCESSING)
    return render(request, "metrics/upload_detail.html", {"upload": upload, "working": working})


@login_required
@require_POST
def confirm(request, pk: int):
    _require_analyst(request.user)
    upload = get_object_or_404(uploads_visible_to(user=request.user), pk=pk)
    ready = (
        upload.status == Upload.Status.DRY_RUN
        and not upload.error_count
        and upload.created_by == request.user
    )
    if not ready or not default_storage.exists(stored_name(upload)):
        raise PermissionDenied("Only a checked file without errors can be written, by whoever sent it.")
    services.upload_confirm(upload=upload, user=request.user)
    return redirect("uploads:detail", pk=upload.pk)


@login_required
def template(request, slug: str):
    """A CSV with the header and one example row for a metric the user may send."""
    _require_analyst(request.user)
    metric = get_object_or_404(metrics_writable_by(user=request.user), slug=slug)
    example = metric.observations.filter(current_at()).order_by("-period_start").first()
    period = metric.period_label(example.period_start) if example else _example_period(metric)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{metric.slug}-template.csv"'
    writer = csv.writer(response)
    writer.writerow(["metric", "period", "geography", "value", "status", "note"])
    writer.writerow([metric.slug, period, metric.default_geography.code, "", "provisional", ""])
    return response


def _example_period(metric) -> str:
    from datetime import date

    from metrics.periods import Frequency

    starts = {Frequency.FINANCIAL_YEAR: date(2023, 4, 1), Frequency.ACADEMIC_YEAR: date(2023, 9, 1)}
    return period_from_start(
        starts.get(metric.frequency, date(2023, 1, 1)), metric.frequency, metric.period_span
    ).label
