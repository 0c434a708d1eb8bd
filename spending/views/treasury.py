"""/treasury/: the Treasury's dashboard (the centre sees it too). As-at selector, CSV per section."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date

from core.refusals import refuse_unless
from spending import permissions as rules
from spending.dashboard import SECTION_KEYS, build_sections
from spending.dashboard.cache import cached_sections
from spending.selectors import business_case_list
from spending.views.common import csv_response


def parse_as_at(raw: str) -> tuple[datetime | None, str]:
    """?as_at=YYYY-MM-DD → the end of that day (local time); an error message when it cannot be read."""
    if not raw:
        return None, ""
    day = parse_date(raw) if len(raw) == 10 else None
    if day is None:
        return None, "Enter the date as YYYY-MM-DD, for example 2026-03-31"
    if day > timezone.localdate():
        return None, "The date must be today or in the past"
    return timezone.make_aware(datetime.combine(day, time.max)), ""


@login_required
def dashboard(request):
    refuse_unless(
        rules.can_see_treasury(request.user), "The Treasury dashboard is for the Treasury and the centre."
    )
    as_at, error = parse_as_at(request.GET.get("as_at", "").strip())
    cases = business_case_list(user=request.user).prefetch_related("status_changes")
    # Everyone who may open the page sees every case, so one build serves them all until its data changes.
    sections = cached_sections(as_at, lambda: build_sections(cases=cases, as_at=as_at))
    download = request.GET.get("download")
    if download:
        if download not in SECTION_KEYS:
            raise Http404("No such table.")
        section = next(s for s in sections if s.key == download)
        suffix = f"-as-at-{as_at:%Y-%m-%d}" if as_at else ""
        return csv_response(f"treasury-{section.key}{suffix}.csv", section.header, section.rows)
    return render(
        request,
        "spending/treasury.html",
        {"sections": sections, "as_at": as_at, "as_at_text": request.GET.get("as_at", ""), "error": error},
        status=400 if error else 200,
    )
