"""Business cases: list, draft, edit, detail (with the three tests computed), costs and impacts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from core.refusals import refuse_unless
from metrics.selectors import metrics_visible_to
from spending import forms, services
from spending import permissions as rules
from spending.appraisal import evaluate, evaluate_one
from spending.models import BusinessCase
from spending.selectors import business_case_detail, business_case_list, value_threshold_m
from spending.services.cases import missing_sign_offs
from spending.views.common import run

PAGE = 20
SEE = "Business cases are for the Treasury, the centre and the departments that make them."


@login_required
def case_list(request):
    refuse_unless(rules.can_see_cases(request.user), SEE)
    qs = business_case_list(user=request.user).order_by("title", "pk")
    status = request.GET.get("status", "")
    if status in BusinessCase.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    appraisals = evaluate(page.object_list)
    rows = [{"case": c, "a": appraisals[c.pk]} for c in page.object_list]
    return render(
        request,
        "spending/case_list.html",
        {
            "rows": rows,
            "page": page,
            "status": status,
            "statuses": BusinessCase.Status.choices,
            "can_draft": rules.can_draft_case(request.user),
        },
    )


@login_required
def case_create(request):
    refuse_unless(rules.can_draft_case(request.user), "Only department officials draft business cases.")
    lead = request.user.organisation
    form = forms.CaseForm(request.POST or None, lead=lead)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners, missions = data.pop("partners"), data.pop("mission_links")
        case, status = run(
            request,
            form,
            services.business_case_create,
            by=request.user,
            lead_department=lead,
            partners=partners,
            missions=missions,
            **data,
        )
        if case:
            messages.success(request, f"Draft “{case.title}” created")
            return redirect(case)
    return render(request, "spending/case_form.html", {"form": form, "lead": lead}, status=status)


@login_required
def case_edit(request, slug):
    refuse_unless(rules.can_see_cases(request.user), SEE)
    case = get_object_or_404(business_case_detail(user=request.user), slug=slug)
    refuse_unless(rules.can_edit_case(request.user, case), "Only the lead department edits a case.")
    form = forms.CaseForm(request.POST or None, instance=case, lead=case.lead_department)
    status = 200 if case.editable else 409
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in forms.CASE_FIELDS}
        result, status = run(
            request,
            form,
            services.business_case_update,
            case=case,
            by=request.user,
            partners=form.cleaned_data["partners"],
            missions=form.cleaned_data["mission_links"],
            **data,
        )
        if result:
            messages.success(request, "Case saved")
            return redirect(case)
    return render(
        request,
        "spending/case_form.html",
        {"form": form, "case": case, "lead": case.lead_department},
        status=status,
    )


@login_required
def case_detail(request, slug):
    refuse_unless(rules.can_see_cases(request.user), SEE)
    case = get_object_or_404(business_case_detail(user=request.user), slug=slug)
    appraisal = evaluate_one(case)
    impacts = case.impacts.select_related("metric", "geography", "valuation").order_by("metric__name", "year")
    user = request.user
    return render(
        request,
        "spending/case_detail.html",
        {
            "case": case,
            "a": appraisal,
            "impacts": impacts,
            "partners": case.partner_departments.all(),
            "waiting_for": missing_sign_offs(case) if case.editable else [],
            "threshold_m": value_threshold_m(),
            "above_threshold": float(appraisal.uplifted_total_m) >= value_threshold_m(),
            "can_edit": rules.can_edit_case(user, case) and case.editable,
            "can_sign_off": rules.can_sign_off_case(user, case) and case.editable,
            "can_assess": rules.can_assess(user) and case.status in ("submitted", "assessed"),
            "can_decide": rules.can_decide(user) and case.status == "assessed",
            "assess_form": forms.AssessForm(),
            "decide_form": forms.DecideForm(),
            "note_form": forms.NoteForm(),
        },
    )


@login_required
def case_costs(request, slug):
    refuse_unless(rules.can_see_cases(request.user), SEE)
    case = get_object_or_404(business_case_detail(user=request.user), slug=slug)
    refuse_unless(rules.can_edit_case(request.user, case), "Only the lead department edits a case's costs.")
    form = forms.CostForm(request.POST or None)
    status = 200 if case.editable else 409
    if request.method == "POST" and form.is_valid():
        line, status = run(
            request, form, services.cost_line_set, case=case, by=request.user, **form.cleaned_data
        )
        if line:
            messages.success(request, f"Cost for {line.fiscal_year} ({line.budget}) saved")
            return redirect("spending:case-costs", slug=case.slug)
    return render(
        request,
        "spending/case_costs.html",
        {"case": case, "form": form, "a": evaluate_one(case)},
        status=status,
    )


@login_required
def case_impacts(request, slug):
    refuse_unless(rules.can_see_cases(request.user), SEE)
    case = get_object_or_404(business_case_detail(user=request.user), slug=slug)
    refuse_unless(rules.can_edit_case(request.user, case), "Only the lead department edits a case's impacts.")
    metrics = metrics_visible_to(user=request.user).order_by("mission__number", "name")
    form = forms.ImpactForm(request.POST if "metric" in request.POST else None, metrics=metrics)
    file_form = (
        forms.ImpactFileForm(request.POST or None, request.FILES or None)
        if "file" in request.FILES
        else forms.ImpactFileForm()
    )
    summary, status = None, 200 if case.editable else 409
    if request.method == "POST":
        dry_run = request.POST.get("dry_run") == "on"
        if "file" in request.FILES and file_form.is_valid():
            rows, errors = services.impacts.read_csv(request.FILES["file"].read())
            summary, status = run(
                request,
                file_form,
                services.modelled_impact_import,
                case=case,
                by=request.user,
                rows=rows,
                errors=errors,
                first_row_number=2,
                dry_run=dry_run,
            )
        elif form.is_bound and form.is_valid():
            summary, status = run(
                request,
                form,
                services.modelled_impact_import,
                case=case,
                by=request.user,
                rows=form.rows(),
                first_row_number=1,
            )
        if summary is not None and summary.written:
            messages.success(request, f"{summary.created} impact(s) added, {summary.updated} updated")
            return redirect("spending:case-impacts", slug=case.slug)
        if summary is not None and summary.errors:
            status = 400
    impacts = case.impacts.select_related("metric", "geography", "valuation").order_by("metric__name", "year")
    return render(
        request,
        "spending/case_impacts.html",
        {"case": case, "form": form, "file_form": file_form, "summary": summary, "impacts": impacts},
        status=status,
    )
