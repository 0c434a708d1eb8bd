"""The case's transitions from its page: sign off, submit, assess, decide. POST only; a refusal by role is
403, a case the user may not see 404, a transition the status does not allow 409 (shown on the page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.refusals import refuse_unless
from spending import forms, services
from spending import permissions as rules
from spending.selectors import business_case_detail
from spending.views.cases import SEE
from spending.views.common import run


def _case(request, slug):
    refuse_unless(rules.can_see_cases(request.user), SEE)
    return get_object_or_404(business_case_detail(user=request.user), slug=slug)


def _done(request, case, form, result, status, message):
    if result is not None:
        messages.success(request, message)
        return redirect(case)
    return render(request, "spending/transition_refused.html", {"case": case, "form": form}, status=status)


@login_required
@require_POST
def case_sign_off(request, slug):
    case = _case(request, slug)
    refuse_unless(
        rules.can_sign_off_case(request.user, case), "Only a partner department signs off a shared case."
    )
    form = forms.NoteForm(request.POST)
    form.is_valid()
    result, status = run(
        request,
        form,
        services.business_case_sign_off,
        case=case,
        by=request.user,
        note=form.cleaned_data.get("note", ""),
    )
    return _done(request, case, form, result, status, f"{request.user.organisation} has signed off the case")


@login_required
@require_POST
def case_submit(request, slug):
    case = _case(request, slug)
    refuse_unless(rules.can_submit_case(request.user, case), "Only the lead department submits a case.")
    form = forms.NoteForm(request.POST)
    result, status = run(request, form, services.business_case_submit, case=case, by=request.user)
    return _done(request, case, form, result, status, "Case submitted to the Treasury")


@login_required
@require_POST
def case_assess(request, slug):
    case = _case(request, slug)
    refuse_unless(rules.can_assess(request.user), "Only the Treasury assesses business cases.")
    form = forms.AssessForm(request.POST)
    if not form.is_valid():
        return render(request, "spending/transition_refused.html", {"case": case, "form": form}, status=400)
    result, status = run(
        request,
        form,
        services.business_case_assess,
        case=case,
        by=request.user,
        judgement=form.cleaned_data["judgement"],
    )
    return _done(request, case, form, result, status, "Assessment recorded")


@login_required
@require_POST
def case_decide(request, slug):
    case = _case(request, slug)
    refuse_unless(rules.can_decide(request.user), "Only the Treasury decides on business cases.")
    form = forms.DecideForm(request.POST)
    if not form.is_valid():
        return render(request, "spending/transition_refused.html", {"case": case, "form": form}, status=400)
    result, status = run(
        request, form, services.business_case_decide, case=case, by=request.user, **form.cleaned_data
    )
    label = dict(form.fields["decision"].choices)[form.cleaned_data["decision"]]
    return _done(request, case, form, result, status, f"Decision recorded: {label.lower()}")
