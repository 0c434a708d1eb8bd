"""Mandate letters: compose (draft), add commitments (one per bullet), issue, publish; self-assessments of
commitments; the annual review drafted from the data as at its date, then signed off by the centre."""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accountability import snapshots
from accountability.models import AnnualReview, CommitmentUpdate, MandateCommitment, MandateLetter
from accountability.services.common import record_change, require, save_new
from missions.services import audit_record

L = MandateLetter.Status


@transaction.atomic
def mandate_letter_create(
    *,
    by,
    department,
    minister_title: str,
    minister_name: str = "",
    missions=(),
    summary: str = "",
    illustrative: bool = False,
) -> MandateLetter:
    letter = MandateLetter(
        department=department,
        minister_title=minister_title,
        minister_name=minister_name,
        summary=summary,
        illustrative=illustrative,
    )
    save_new(letter, by=by, action="mandate_letter.create")
    letter.missions.set(missions)
    record_change(obj=letter, by=by, field="status", old="", new=L.DRAFT)
    return letter


@transaction.atomic
def mandate_commitment_add(
    *, letter: MandateLetter, by, metric, text: str, milestone=None
) -> MandateCommitment:
    """Add the next bullet. Only while the letter is a draft: an issued letter's wording is fixed."""
    letter = MandateLetter.objects.select_for_update().get(pk=letter.pk)
    require(letter.status == L.DRAFT, "Commitments can be added only while the letter is a draft.")
    if milestone is not None and milestone.metric_id != metric.pk:
        raise ValidationError({"milestone": "The milestone must be a target of the chosen metric."})
    number = (letter.commitments.aggregate(n=Max("number"))["n"] or 0) + 1
    commitment = MandateCommitment(
        letter=letter, number=number, metric=metric, milestone=milestone, expected_contribution=text
    )
    save_new(commitment, by=by, action="mandate_commitment.add")
    if metric.mission_id and not letter.missions.filter(pk=metric.mission_id).exists():
        letter.missions.add(metric.mission_id)
    return commitment


def _transition(
    letter: MandateLetter, *, by, to: str, allowed_from: str, message: str, **fields
) -> MandateLetter:
    letter = MandateLetter.objects.select_for_update().get(pk=letter.pk)
    require(letter.status == allowed_from, message)
    old = letter.status
    letter.status = to
    for name, value in fields.items():
        setattr(letter, name, value)
    letter.full_clean()
    letter.save()
    record_change(obj=letter, by=by, field="status", old=old, new=to)
    return letter


@transaction.atomic
def mandate_letter_issue(*, letter: MandateLetter, by, issued_on: date | None = None) -> MandateLetter:
    require(letter.commitments.exists(), "A letter needs at least one commitment before it is issued.")
    return _transition(
        letter,
        by=by,
        to=L.ISSUED,
        allowed_from=L.DRAFT,
        message="Only a draft letter can be issued.",
        issued_on=issued_on or timezone.localdate(),
    )


@transaction.atomic
def mandate_letter_publish(*, letter: MandateLetter, by) -> MandateLetter:
    return _transition(
        letter,
        by=by,
        to=L.PUBLISHED,
        allowed_from=L.ISSUED,
        message="Only an issued letter can be published.",
    )


@transaction.atomic
def commitment_update_add(
    *, commitment: MandateCommitment, by, status: str, rationale: str
) -> CommitmentUpdate:
    """Append a self-assessment (never edited: the history is the record)."""
    require(commitment.letter.status != L.DRAFT, "A commitment is assessed only once its letter is issued.")
    previous = commitment.updates.order_by("-at", "-pk").first()
    name = (by.get_full_name() or by.get_username()) if getattr(by, "is_authenticated", False) else ""
    if getattr(by, "organisation", None):
        name = f"{name}, {by.organisation}"
    update = CommitmentUpdate(commitment=commitment, status=status, rationale=rationale, by=by, by_name=name)
    update.full_clean()
    update.save()
    audit_record(
        actor=by,
        action="mandate_commitment.status",
        obj=commitment,
        changes={"status": [previous.status if previous else "", status], "rationale": rationale},
    )
    return update


def review_moment(reviewed_on: date) -> datetime:
    """Figures as known at the end of the review date (or now, when that is still to come)."""
    end = timezone.make_aware(datetime.combine(reviewed_on, time.max))
    return min(end, timezone.now())


@transaction.atomic
def annual_review_draft(*, letter: MandateLetter, by, reviewed_on: date) -> AnnualReview:
    """Draft the year's review from the data as at `reviewed_on`; the content is frozen at once."""
    require(letter.status != L.DRAFT, "A letter is reviewed only once it has been issued.")
    require(
        not letter.reviews.filter(year=reviewed_on.year).exists(),
        f"The {reviewed_on.year} review of this letter already exists.",
    )
    as_at = review_moment(reviewed_on)
    review = AnnualReview(
        letter=letter,
        year=reviewed_on.year,
        reviewed_on=reviewed_on,
        as_at=as_at,
        content=snapshots.review_content(letter, as_at),
        illustrative=letter.illustrative,
    )
    save_new(review, by=by, action="annual_review.draft")
    record_change(obj=review, by=by, field="status", old="", new=AnnualReview.Status.DRAFT)
    return review


@transaction.atomic
def annual_review_sign_off(*, review: AnnualReview, by, rating: str, summary: str) -> AnnualReview:
    review = AnnualReview.objects.select_for_update().get(pk=review.pk)
    require(review.status == AnnualReview.Status.DRAFT, "This review has already been signed off.")
    if not summary.strip():
        raise ValidationError({"summary": "Write the centre's judgement before signing off."})
    review.rating, review.summary = rating, summary
    review.status = AnnualReview.Status.SIGNED_OFF
    review.signed_off_by, review.signed_off_at = by, timezone.now()
    review.full_clean()
    review.save()
    record_change(obj=review, by=by, field="status", old=AnnualReview.Status.DRAFT, new=review.status)
    return review
