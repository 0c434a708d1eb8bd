"""The public register of approved appraisals above the value threshold (no sign-in)."""

from django.shortcuts import render

from spending.appraisal import evaluate
from spending.permissions import is_on_public_register
from spending.selectors import public_register, value_threshold_m
from spending.views.common import csv_response


def register(request):
    cases = list(public_register())
    appraisals = evaluate(cases)
    threshold = value_threshold_m()
    rows = [
        (c, appraisals[c.pk])
        for c in cases
        if is_on_public_register(c, appraisals[c.pk].uplifted_total_m, threshold)
    ]
    if request.GET.get("download") == "csv":
        return csv_response(
            "approved-appraisals.csv",
            [
                "case",
                "lead",
                "partners",
                "missions",
                "cost_uplifted_m",
                "pv_costs_m",
                "pv_benefits_m",
                "npsv_m",
                "bcr",
                "affordability",
                "mission_critical",
                "ten_year",
                "illustrative",
            ],
            [
                [
                    c.title,
                    str(c.lead_department),
                    "; ".join(map(str, c.partner_departments.all())),
                    "; ".join(m.short_title for m in c.missions.all()),
                    round(float(a.uplifted_total_m), 3),
                    a.ten_year.figures["pv_costs_m"],
                    a.ten_year.figures["pv_benefits_m"],
                    a.ten_year.figures["npsv_m"],
                    a.ten_year.figures["bcr"],
                    a.affordability.result,
                    a.mission_critical.result,
                    a.ten_year.result,
                    "Illustrative example" if c.illustrative else "",
                ]
                for c, a in rows
            ],
        )
    return render(request, "spending/register.html", {"rows": rows, "threshold_m": threshold})
