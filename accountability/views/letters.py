"""Mandate letters: the centre composes, issues and publishes; the department says how each commitment
stands beside its data; the centre drafts and signs off each annual review. HTML and PDF."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from accountability import forms, services
from accountability import permissions as rules
from accountability.models import AnnualReview, MandateLetter, StatusChange
from accountability.selectors import (
    commitments_visible_to,
    commitments_with_figures,
    mandate_letters_visible_to,
)
from accountability.views.common import as_at_param, conflicts_as_409, submit
from core.refusals import refuse_unless
from councils.packs.render import render_pdf
from metrics.selectors import metrics_visible_to

NOT_CENTRE = "Mandate letters are composed, issued and reviewed by the centre."


def letter_list(request):
    letters = mandate_letters_visible_to(user=request.user).prefetch_related("missions")
    return render(
        request,
        "accountability/letter_list.html",
        {"letters": letters, "can_compose": rules.may_compose_letters(request.user)},
    )


@login_required
def letter_create(request):
    refuse_unless(rules.may_compose_letters(request.user), NOT_CENTRE)
    form = forms.LetterForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda **d: services.mandate_letter_create(by=request.user, **d),
            success="Draft letter created",
            to=lambda letter: letter,
        )
        if done:
            return done
    return render(request, "accountability/letter_form.html", {"form": form})


def _letter(request, pk) -> MandateLetter:
    return get_object_or_404(mandate_letters_visible_to(user=request.user), pk=pk)


def _letter_context(request, letter, **extra) -> dict:
    day, as_at = as_at_param(request)
    commitments = letter.commitments.select_related("metric", "milestone").prefetch_related("updates")
    centre = rules.may_compose_letters(request.user)
    return {
        "letter": letter,
        "rows": commitments_with_figures(commitments, as_at, user=request.user),
        "as_at_day": day,
        "missions": letter.missions.all(),
        "reviews": letter.reviews.all(),
        "history": StatusChange.objects.filter(content_type__model="mandateletter", object_id=letter.pk),
        "can_compose": centre and letter.status == MandateLetter.Status.DRAFT,
        "can_issue": centre and letter.status == MandateLetter.Status.DRAFT,
        "can_publish": centre and letter.status == MandateLetter.Status.ISSUED,
        "can_review": centre and letter.status != MandateLetter.Status.DRAFT,
        "commitment_form": forms.CommitmentForm(metrics=metrics_visible_to(user=request.user)),
        "issue_form": forms.IssueForm(),
        "review_form": forms.ReviewDraftForm(),
    } | extra


def letter_detail(request, pk):
    letter = _letter(request, pk)
    return render(request, "accountability/letter_detail.html", _letter_context(request, letter))


@login_required
@require_POST
@conflicts_as_409
def commitment_add(request, pk):
    letter = _letter(request, pk)
    refuse_unless(rules.may_compose_letters(request.user), NOT_CENTRE)
    form = forms.CommitmentForm(request.POST, metrics=metrics_visible_to(user=request.user))
    done = submit(
        request,
        form,
        lambda **d: services.mandate_commitment_add(letter=letter, by=request.user, **d),
        success="Commitment added",
        to=letter,
    )
    context = _letter_context(request, letter, commitment_form=form)
    return done or render(request, "accountability/letter_detail.html", context, status=400)


@login_required
@require_POST
@conflicts_as_409
def letter_issue(request, pk):
    letter = _letter(request, pk)
    refuse_unless(rules.may_compose_letters(request.user), NOT_CENTRE)
    form = forms.IssueForm(request.POST)
    done = submit(
        request,
        form,
        lambda **d: services.mandate_letter_issue(letter=letter, by=request.user, **d),
        success="Letter issued",
        to=letter,
    )
    return done or render(
        request,
        "accountability/letter_detail.html",
        _letter_context(request, letter, issue_form=form),
        status=400,
    )


@login_required
@require_POST
@conflicts_as_409
def letter_publish(request, pk):
    letter = _letter(request, pk)
    refuse_unless(rules.may_compose_letters(request.user), NOT_CENTRE)
    services.mandate_letter_publish(letter=letter, by=request.user)
    return redirect(letter)


def letter_pdf(request, pk):
    letter = _letter(request, pk)
    context = _letter_context(request, letter)
    pdf = render_pdf(render_to_string("accountability/letter_print.html", context, request=request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mandate-letter-{letter.pk}.pdf"'
    return response


def commitment_detail(request, pk):
    commitment = get_object_or_404(
        commitments_visible_to(user=request.user).prefetch_related("updates"), pk=pk
    )
    day, as_at = as_at_param(request)
    return render(
        request,
        "accountability/commitment_detail.html",
        {
            "c": commitment,
            "row": commitments_with_figures([commitment], as_at, user=request.user)[0],
            "as_at_day": day,
            "updates": commitment.updates.all(),
            "can_update": rules.can_update_commitment(request.user, commitment)
            and commitment.letter.status != MandateLetter.Status.DRAFT,
            "form": forms.CommitmentUpdateForm(),
        },
    )


@login_required
@require_POST
@conflicts_as_409
def commitment_update(request, pk):
    commitment = get_object_or_404(commitments_visible_to(user=request.user), pk=pk)
    refuse_unless(rules.may_self_assess(request.user), "Commitments are assessed by their department.")
    refuse_unless(
        rules.can_update_commitment(request.user, commitment), "This is another department's letter."
    )
    form = forms.CommitmentUpdateForm(request.POST)
    done = submit(
        request,
        form,
        lambda **d: services.commitment_update_add(commitment=commitment, by=request.user, **d),
        success="Status recorded",
        to=commitment,
    )
    if done:
        return done
    return render(
        request,
        "accountability/commitment_detail.html",
        {
            "c": commitment,
            "row": commitments_with_figures([commitment], user=request.user)[0],
            "form": form,
            "updates": commitment.updates.all(),
            "can_update": True,
        },
        status=400,
    )


@login_required
@require_POST
@conflicts_as_409
def review_create(request, pk):
    letter = _letter(request, pk)
    refuse_unless(rules.may_compose_letters(request.user), NOT_CENTRE)
    form = forms.ReviewDraftForm(request.POST)
    done = submit(
        request,
        form,
        lambda **d: services.annual_review_draft(letter=letter, by=request.user, **d),
        success="Review drafted from the data",
        to=lambda review: review,
    )
    return done or render(
        request,
        "accountability/letter_detail.html",
        _letter_context(request, letter, review_form=form),
        status=400,
    )


def _review(request, pk) -> AnnualReview:
    letters = mandate_letters_visible_to(user=request.user)
    return get_object_or_404(
        AnnualReview.objects.select_related("letter", "letter__department"), pk=pk, letter__in=letters
    )


def review_detail(request, pk, form=None):
    review = _review(request, pk)
    can_sign = rules.may_compose_letters(request.user) and review.status == AnnualReview.Status.DRAFT
    return render(
        request,
        "accountability/review_detail.html",
        {"review": review, "c": review.content, "can_sign": can_sign, "form": form or forms.SignOffForm()},
        status=400 if form else 200,
    )


@login_required
@require_POST
@conflicts_as_409
def review_sign_off(request, pk):
    review = _review(request, pk)
    refuse_unless(rules.may_compose_letters(request.user), NOT_CENTRE)
    form = forms.SignOffForm(request.POST)
    done = submit(
        request,
        form,
        lambda **d: services.annual_review_sign_off(review=review, by=request.user, **d),
        success="Review signed off",
        to=review,
    )
    return done or review_detail(request, pk, form=form)
