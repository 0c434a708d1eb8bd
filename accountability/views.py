"""Mandate letters and independent bodies' reports, each scoped by its selector."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from accountability.selectors import mandate_letters_visible_to, reports_visible_to


@login_required
def letter_detail(request, pk):
    letter = get_object_or_404(mandate_letters_visible_to(user=request.user), pk=pk)
    return render(
        request,
        "accountability/letter_detail.html",
        {
            "letter": letter,
            "commitments": letter.commitments.select_related("metric"),
            "reviews": letter.reviews.all(),
            "missions": letter.missions.all(),
        },
    )


def report_detail(request, pk):
    report = get_object_or_404(reports_visible_to(user=request.user), pk=pk)
    return render(
        request,
        "accountability/report_detail.html",
        {
            "report": report,
            "judgements": report.judgements.select_related("metric"),
            "recommendations": report.recommendations.all(),
        },
    )
