"""Check-in packs: request a build, watch its progress (works without JavaScript), read it, download it.

Packs are found through `packs_visible_to`, so only the council's members, its secretariat and the centre
reach them; anyone else gets a 404, as if the pack did not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from councils import forms, services
from councils import permissions as council_permissions
from councils.models import CheckInPack
from councils.selectors import meetings_visible_to, packs_visible_to

REFRESH_SECONDS = 2


@login_required
@require_POST
def pack_request(request, pk):
    meeting = get_object_or_404(meetings_visible_to(user=request.user), pk=pk)
    if not council_permissions.can_manage_council(request.user, meeting.council):
        raise PermissionDenied("Only the council's secretariat and the centre can build its packs.")
    form = forms.PackRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(form.errors.get("as_at", ["Check the date"])))
        return redirect(meeting)
    pack = services.checkin_pack_request(meeting=meeting, by=request.user, as_at=form.cleaned_data["as_at"])
    return redirect("councils:pack", pk=pack.pk)


def _pack(request, pk) -> CheckInPack:
    return get_object_or_404(packs_visible_to(user=request.user).select_related("meeting__council"), pk=pk)


@login_required
def pack_detail(request, pk):
    pack = _pack(request, pk)
    building = pack.status in (CheckInPack.Status.QUEUED, CheckInPack.Status.BUILDING)
    return render(
        request,
        "councils/pack_detail.html",
        {"pack": pack, "building": building, "refresh": REFRESH_SECONDS},
    )


@login_required
def pack_status(request, pk):
    pack = _pack(request, pk)
    return JsonResponse(
        {
            "id": pack.pk,
            "version": pack.version,
            "status": pack.status,
            "progress": pack.progress,
            "message": pack.progress_message,
            "error": pack.error,
            "pdf_url": reverse("councils:pack-pdf", kwargs={"pk": pack.pk}) if pack.pdf else None,
        }
    )


@login_required
def pack_pdf(request, pk):
    pack = _pack(request, pk)
    if pack.status != CheckInPack.Status.READY or not pack.pdf:
        raise Http404("This pack has no PDF yet.")
    return FileResponse(
        pack.pdf.open("rb"),
        as_attachment=True,
        filename=services.pdf_filename(pack),
        content_type="application/pdf",
    )
