"""The Treasury's writes: allocations, trigger events, fiscal events, the Mission Fund and valuations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from missions.services import audit_record
from spending.models import (
    BusinessCase,
    DepartmentalAllocation,
    FiscalEvent,
    MissionFundAward,
    MissionFundEnvelope,
    SpendingReview,
    TriggerEvent,
    Valuation,
)
from spending.services.cases import TransitionNotAllowed


@transaction.atomic
def allocation_set(
    *,
    review: SpendingReview,
    by,
    department,
    fiscal_year: int,
    budget: str,
    amount_m: Decimal,
    prevention_ringfence_m: Decimal = Decimal(0),
    price_base: str,
) -> DepartmentalAllocation:
    if not review.first_year <= fiscal_year <= review.last_year:
        raise ValueError(
            f"{fiscal_year} is outside the review's years ({review.first_year}–{review.last_year})."
        )
    allocation = DepartmentalAllocation.objects.filter(
        spending_review=review, department=department, fiscal_year=fiscal_year, budget=budget
    ).first()
    old = None if allocation is None else [str(allocation.amount_m), str(allocation.prevention_ringfence_m)]
    allocation = allocation or DepartmentalAllocation(
        spending_review=review,
        department=department,
        fiscal_year=fiscal_year,
        budget=budget,
        illustrative=review.illustrative,
    )
    allocation.amount_m = amount_m
    allocation.prevention_ringfence_m = prevention_ringfence_m
    allocation.price_base = price_base
    allocation.full_clean()
    allocation.save()
    audit_record(
        actor=by,
        action="allocation.set",
        obj=allocation,
        changes={"amount_m, ringfence_m": [old, [str(amount_m), str(prevention_ringfence_m)]]},
    )
    return allocation


@transaction.atomic
def trigger_event_log(*, review: SpendingReview, by, occurred_on: date, description: str) -> TriggerEvent:
    """Log an event that reopens the settlement; the review is marked reopened."""
    review = SpendingReview.objects.select_for_update().get(pk=review.pk)
    if review.status == SpendingReview.Status.PLANNED:
        raise TransitionNotAllowed("A review that has not started has no settlement to reopen.")
    event = TriggerEvent(
        spending_review=review,
        occurred_on=occurred_on,
        description=description,
        logged_by=by if getattr(by, "is_authenticated", False) else None,
        illustrative=review.illustrative,
    )
    event.full_clean()
    event.save()
    old = review.status
    review.status = SpendingReview.Status.REOPENED
    review.full_clean()
    review.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="spending_review.trigger",
        obj=review,
        changes={"status": [old, review.status], "event": description},
    )
    return event


@transaction.atomic
def fiscal_event_create(
    *,
    by,
    name: str,
    kind: str,
    date: date,
    gdp_m: Decimal | None = None,
    gdp_source: str = "",
    document_url: str = "",
    illustrative: bool = False,
) -> FiscalEvent:
    event = FiscalEvent(
        name=name,
        slug=slugify(name)[:80],
        kind=kind,
        date=date,
        gdp_m=gdp_m,
        gdp_source=gdp_source,
        document_url=document_url,
        illustrative=illustrative,
    )
    event.full_clean()
    event.save()
    audit_record(actor=by, action="fiscal_event.create", obj=event, changes={"date": date.isoformat()})
    return event


@transaction.atomic
def fiscal_event_carry(*, event: FiscalEvent, case: BusinessCase, by) -> FiscalEvent:
    """A fiscal event carries approved cases only: its modelled impact is the sum of theirs."""
    case = BusinessCase.objects.select_for_update().get(pk=case.pk)
    if case.status != BusinessCase.Status.APPROVED:
        raise TransitionNotAllowed("Only an approved case can be carried by a fiscal event.")
    event.cases.add(case)
    audit_record(actor=by, action="fiscal_event.carry", obj=event, changes={"case": case.slug})
    return event


@transaction.atomic
def mission_fund_envelope_set(
    *, by, fiscal_year: int, amount_m: Decimal, price_base: str, illustrative: bool = False
) -> MissionFundEnvelope:
    envelope = MissionFundEnvelope.objects.filter(fiscal_year=fiscal_year).first()
    old = str(envelope.amount_m) if envelope else None
    envelope = envelope or MissionFundEnvelope(fiscal_year=fiscal_year, illustrative=illustrative)
    envelope.amount_m, envelope.price_base = amount_m, price_base
    envelope.full_clean()
    envelope.save()
    audit_record(
        actor=by, action="mission_fund.envelope", obj=envelope, changes={"amount_m": [old, str(amount_m)]}
    )
    return envelope


@transaction.atomic
def mission_fund_award(
    *, case: BusinessCase, by, fiscal_year: int, amount_m: Decimal, pilot_places: int, evaluation_plan: str
) -> MissionFundAward:
    """Award from the year's envelope to an approved Mission Fund bid, within the remaining balance."""
    case = BusinessCase.objects.select_for_update().get(pk=case.pk)
    if not case.mission_fund_bid or case.status != BusinessCase.Status.APPROVED:
        raise TransitionNotAllowed("Only an approved Mission Fund bid can receive an award.")
    envelope = MissionFundEnvelope.objects.select_for_update().filter(fiscal_year=fiscal_year).first()
    if envelope is None:
        raise ValueError(f"There is no Mission Fund envelope for {fiscal_year}.")
    awarded = sum(a.amount_m for a in MissionFundAward.objects.filter(fiscal_year=fiscal_year))
    if awarded + amount_m > envelope.amount_m:
        raise ValueError(f"The award exceeds the remaining balance of £{envelope.amount_m - awarded:,.1f}m.")
    award = MissionFundAward(
        case=case,
        fiscal_year=fiscal_year,
        amount_m=amount_m,
        pilot_places=pilot_places,
        evaluation_plan=evaluation_plan,
        awarded_by=by if getattr(by, "is_authenticated", False) else None,
        illustrative=case.illustrative,
    )
    award.full_clean()
    award.save()
    audit_record(actor=by, action="mission_fund.award", obj=award, changes={"amount_m": str(amount_m)})
    return award


@transaction.atomic
def mission_fund_scale_up(*, award: MissionFundAward, by, decision: str, note: str) -> MissionFundAward:
    award = MissionFundAward.objects.select_for_update().get(pk=award.pk)
    if award.scale_up_decision != MissionFundAward.ScaleUp.PENDING:
        raise TransitionNotAllowed("The scale-up decision has already been made.")
    old = award.scale_up_decision
    award.scale_up_decision, award.scale_up_note = decision, note
    award.full_clean()
    award.save(update_fields=["scale_up_decision", "scale_up_note"])
    audit_record(actor=by, action="mission_fund.scale_up", obj=award, changes={"decision": [old, decision]})
    return award


@transaction.atomic
def valuation_publish(
    *,
    by,
    key: str,
    name: str,
    value_gbp: Decimal,
    price_year: int,
    source: str,
    health: bool = False,
    source_url: str = "",
    valid_from: date | None = None,
) -> Valuation:
    """A new version of a library value; earlier versions stay, and impacts keep the version they used."""
    latest = Valuation.objects.filter(key=key).order_by("-version").first()
    valuation = Valuation(
        key=key,
        version=(latest.version + 1) if latest else 1,
        name=name,
        value_gbp=value_gbp,
        price_year=price_year,
        source=source,
        source_url=source_url,
        health=health,
        valid_from=valid_from or timezone.localdate(),
    )
    valuation.full_clean()
    valuation.save()
    audit_record(actor=by, action="valuation.publish", obj=valuation, changes={"value_gbp": str(value_gbp)})
    return valuation
