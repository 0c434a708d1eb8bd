"""Spending reviews (allocations, trigger events), fiscal events and the Mission Fund: the Treasury writes,
the centre reads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from core.refusals import refuse_unless
from spending import forms, services
from spending import permissions as rules
from spending.fiscal import fiscal_event_view
from spending.models import (
    BusinessCase,
    FiscalEvent,
    MissionFundAward,
    MissionFundEnvelope,
    SpendingReview,
    Valuation,
)
from spending.views.common import run

SEE = "Spending reviews, fiscal events and the Mission Fund are for the Treasury and the centre."
WRITE = "Only the Treasury changes spending reviews, fiscal events and the Mission Fund."


def _post_form(request, form_class, **kwargs):
    return form_class(request.POST, **kwargs) if request.method == "POST" else form_class(**kwargs)


@login_required
def review_list(request):
    refuse_unless(rules.can_see_treasury(request.user), SEE)
    return render(request, "spending/review_list.html", {"reviews": SpendingReview.objects.all()})


@login_required
def review_detail(request, slug):
    refuse_unless(rules.can_see_treasury(request.user), SEE)
    review = get_object_or_404(SpendingReview, slug=slug)
    may_write = rules.can_manage_spending(request.user)
    allocation_form, trigger_form, status = forms.AllocationForm(), forms.TriggerForm(), 200
    if request.method == "POST":
        refuse_unless(may_write, WRITE)
        if request.POST.get("form") == "trigger":
            trigger_form = forms.TriggerForm(request.POST)
            if trigger_form.is_valid():
                done, status = run(
                    request,
                    trigger_form,
                    services.trigger_event_log,
                    review=review,
                    by=request.user,
                    **trigger_form.cleaned_data,
                )
                if done:
                    messages.success(request, "Trigger event logged; the settlement is reopened")
                    return redirect(review)
        else:
            allocation_form = forms.AllocationForm(request.POST)
            if allocation_form.is_valid():
                done, status = run(
                    request,
                    allocation_form,
                    services.allocation_set,
                    review=review,
                    by=request.user,
                    **allocation_form.cleaned_data,
                )
                if done:
                    messages.success(request, f"Allocation saved: {done}")
                    return redirect(review)
        status = status if status != 200 else 400
    allocations = review.allocations.select_related("department").order_by(
        "department__name", "fiscal_year", "budget"
    )
    return render(
        request,
        "spending/review_detail.html",
        {
            "review": review,
            "allocations": allocations,
            "triggers": review.triggers.select_related("logged_by"),
            "may_write": may_write,
            "allocation_form": allocation_form,
            "trigger_form": trigger_form,
        },
        status=status,
    )


@login_required
def fiscal_event_list(request):
    refuse_unless(rules.can_see_treasury(request.user), SEE)
    form, status = forms.FiscalEventForm(), 200
    if request.method == "POST":
        refuse_unless(rules.can_manage_spending(request.user), WRITE)
        form = forms.FiscalEventForm(request.POST)
        if form.is_valid():
            event, status = run(
                request, form, services.fiscal_event_create, by=request.user, **form.cleaned_data
            )
            if event:
                return redirect(event)
        status = status if status != 200 else 400
    return render(
        request,
        "spending/fiscal_event_list.html",
        {
            "events": FiscalEvent.objects.all(),
            "form": form,
            "may_write": rules.can_manage_spending(request.user),
        },
        status=status,
    )


@login_required
def fiscal_event_detail(request, slug):
    refuse_unless(rules.can_see_treasury(request.user), SEE)
    event = get_object_or_404(FiscalEvent, slug=slug)
    approved = BusinessCase.objects.filter(status=BusinessCase.Status.APPROVED).exclude(fiscal_events=event)
    form, status = forms.CarryForm(cases=approved), 200
    if request.method == "POST":
        refuse_unless(rules.can_manage_spending(request.user), WRITE)
        form = forms.CarryForm(request.POST, cases=approved)
        if form.is_valid():
            done, status = run(
                request,
                form,
                services.fiscal_event_carry,
                event=event,
                by=request.user,
                case=form.cleaned_data["case"],
            )
            if done:
                messages.success(request, f"{form.cleaned_data['case']} added to {event}")
                return redirect(event)
        status = status if status != 200 else 400
    context = fiscal_event_view(event, download=request.GET.get("download"))
    if not isinstance(context, dict):
        return context
    return render(
        request,
        "spending/fiscal_event_detail.html",
        {**context, "form": form, "may_write": rules.can_manage_spending(request.user)},
        status=status,
    )


@login_required
def mission_fund(request):
    refuse_unless(rules.can_see_treasury(request.user), SEE)
    bids = (
        BusinessCase.objects.filter(mission_fund_bid=True).select_related("lead_department").order_by("title")
    )
    awardable = bids.filter(status=BusinessCase.Status.APPROVED, award__isnull=True)
    envelope_form, award_form, status = forms.EnvelopeForm(), forms.AwardForm(cases=awardable), 200
    if request.method == "POST":
        refuse_unless(rules.can_manage_spending(request.user), WRITE)
        which = request.POST.get("form")
        if which == "envelope":
            envelope_form = forms.EnvelopeForm(request.POST)
            if envelope_form.is_valid():
                done, status = run(
                    request,
                    envelope_form,
                    services.mission_fund_envelope_set,
                    by=request.user,
                    **envelope_form.cleaned_data,
                )
                if done:
                    return redirect("spending:mission-fund")
        elif which == "scale-up":
            award = get_object_or_404(MissionFundAward, pk=request.POST.get("award"))
            scale_form = forms.ScaleUpForm(request.POST)
            if scale_form.is_valid():
                done, status = run(
                    request,
                    scale_form,
                    services.mission_fund_scale_up,
                    award=award,
                    by=request.user,
                    **scale_form.cleaned_data,
                )
                if done:
                    return redirect("spending:mission-fund")
        else:
            award_form = forms.AwardForm(request.POST, cases=awardable)
            if award_form.is_valid():
                done, status = run(
                    request,
                    award_form,
                    services.mission_fund_award,
                    by=request.user,
                    **award_form.cleaned_data,
                )
                if done:
                    messages.success(request, f"Award made to {done.case}")
                    return redirect("spending:mission-fund")
        status = status if status != 200 else 400
    envelopes = list(MissionFundEnvelope.objects.all())
    awards = list(MissionFundAward.objects.select_related("case"))
    years = [
        {
            "envelope": e,
            "awarded": sum(a.amount_m for a in awards if a.fiscal_year == e.fiscal_year),
            "places": sum(a.pilot_places for a in awards if a.fiscal_year == e.fiscal_year),
        }
        for e in envelopes
    ]
    for y in years:
        y["balance"] = y["envelope"].amount_m - y["awarded"]
    return render(
        request,
        "spending/mission_fund.html",
        {
            "years": years,
            "awards": awards,
            "bids": bids,
            "envelope_form": envelope_form,
            "award_form": award_form,
            "scale_form": forms.ScaleUpForm(),
            "may_write": rules.can_manage_spending(request.user),
        },
        status=status,
    )


@login_required
def valuation_list(request):
    refuse_unless(
        rules.can_see_cases(request.user), "The valuation library is for officials who appraise cases."
    )
    return render(request, "spending/valuation_list.html", {"valuations": Valuation.objects.all()})
