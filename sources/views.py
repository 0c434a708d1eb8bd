"""Pages for data sources: list, add, edit, a source with its runs and "Pull now", and a run's status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sources import permissions, selectors, services
from sources.forms import SourceForm

RUNS_SHOWN = 25


def _allowed(request) -> None:
    if not permissions.can_use_sources(request.user):
        raise PermissionDenied("Data sources are managed by the centre and by analysts.")


def _source(request, pk):
    _allowed(request)
    return get_object_or_404(selectors.sources_visible_to(user=request.user), pk=pk)


@login_required
def source_list(request):
    _allowed(request)
    sources = selectors.sources_visible_to(user=request.user)
    return render(request, "sources/list.html", {"sources": sources})


def _save(request, form, source=None):
    """Call the service; its validation errors land on the form's fields."""
    try:
        if source is None:
            return services.source_create(user=request.user, **form.cleaned_data)
        return services.source_update(source=source, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    return None


def _edit(request, source=None):
    metrics = selectors.metrics_feedable_by(user=request.user)
    initial = SourceForm.initial_for(source) if source else {}
    form = SourceForm(request.POST or None, initial=initial, metrics=metrics)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, source)
        if saved is not None:
            messages.success(request, f"Source '{saved.name}' saved.")
            return redirect("sources:detail", pk=saved.pk)
    return render(request, "sources/form.html", {"form": form, "source": source})


@login_required
def source_add(request):
    _allowed(request)
    return _edit(request)


@login_required
def source_edit(request, pk):
    return _edit(request, _source(request, pk))


@login_required
def source_detail(request, pk):
    source = _source(request, pk)
    runs = source.runs.all()[:RUNS_SHOWN]
    return render(request, "sources/detail.html", {"source": source, "runs": runs})


@login_required
@require_POST
def source_pull(request, pk):
    run = services.source_pull_enqueue(source=_source(request, pk), user=request.user)
    return redirect("sources:run", pk=run.pk)


@login_required
def run_detail(request, pk):
    _allowed(request)
    run = get_object_or_404(selectors.runs_visible_to(user=request.user), pk=pk)
    active = run.outcome in services.ACTIVE
    return render(request, "sources/run.html", {"run": run, "source": run.source, "active": active})
