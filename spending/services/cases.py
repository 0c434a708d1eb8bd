"""The business-case workflow: draft (lead + partners) → partners sign off → submitted → assessed →
approved | rejected | returned (back to the lead to revise, sign-offs superseded)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core import refusals
from missions.services import audit_record
from spending.models import Assessment, BusinessCase, BusinessCaseStatusChange, CostLine, PartnerSignOff

S = BusinessCase.Status
DECISIONS = (S.APPROVED, S.REJECTED, S.RETURNED)
EDITABLE_FIELDS = {
    "title",
    "stage",
    "category",
    "spending_review",
    "prevention_level",
    "prevention_evidence",
    "mission_fund_bid",
    "strategic_case",
    "economic_case",
    "commercial_case",
    "financial_case",
    "management_case",
    "price_base",
    "price_base_year",
    "start_year",
    "optimism_bias",
    "optimism_bias_mitigation",
}


class TransitionNotAllowed(refusals.TransitionNotAllowed):
    """The case's current status does not allow this change (409)."""


def _lock(case: BusinessCase) -> BusinessCase:
    return BusinessCase.objects.select_for_update().get(pk=case.pk)


def _require(case: BusinessCase, allowed, doing: str) -> None:
    if case.status not in allowed:
        raise TransitionNotAllowed(f"A case that is {case.get_status_display().lower()} cannot be {doing}.")


def _move(case: BusinessCase, to_status: str, *, by, note: str = "") -> BusinessCase:
    old = case.status
    case.status = to_status
    if to_status == S.SUBMITTED:
        case.submitted_at = timezone.now()
    case.full_clean()
    case.save(update_fields=["status", "submitted_at"])
    change = BusinessCaseStatusChange(
        case=case, from_status=old, to_status=to_status, by=_user(by), note=note
    )
    change.full_clean()
    change.save()
    audit_record(
        actor=by, action=f"business_case.{to_status}", obj=case, changes={"status": [old, to_status]}
    )
    return case


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def _unique_slug(title: str) -> str:
    base = slugify(title)[:90] or "case"
    slug, n = base, 2
    while BusinessCase.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def business_case_create(*, by, lead_department, partners=(), missions=(), **fields) -> BusinessCase:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")
    case = BusinessCase(
        lead_department=lead_department,
        slug=_unique_slug(fields.get("title", "")),
        created_by=_user(by),
        status=S.DRAFT,
        **fields,
    )
    case.full_clean()
    case.save()
    case.partner_departments.set([p for p in partners if p.pk != lead_department.pk])
    case.missions.set(missions)
    change = BusinessCaseStatusChange(case=case, from_status="", to_status=S.DRAFT, by=_user(by))
    change.full_clean()
    change.save()
    audit_record(
        actor=by,
        action="business_case.create",
        obj=case,
        changes={"lead": lead_department.slug, "partners": sorted(p.slug for p in partners)},
    )
    return case


@transaction.atomic
def business_case_update(*, case: BusinessCase, by, partners=None, missions=None, **fields) -> BusinessCase:
    case = _lock(case)
    _require(case, (S.DRAFT, S.RETURNED), "edited")
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")
    changes = {}
    for name, value in fields.items():
        old = getattr(case, name)
        if old != value:
            changes[name] = [str(old), str(value)]
            setattr(case, name, value)
    case.full_clean()
    case.save()
    if partners is not None:
        case.partner_departments.set([p for p in partners if p.pk != case.lead_department_id])
        changes["partners"] = sorted(p.slug for p in partners)
    if missions is not None:
        case.missions.set(missions)
        changes["missions"] = sorted(m.slug for m in missions)
    audit_record(actor=by, action="business_case.update", obj=case, changes=changes)
    return case


@transaction.atomic
def cost_line_set(*, case: BusinessCase, by, fiscal_year: int, budget: str, amount_m: Decimal) -> CostLine:
    case = _lock(case)
    _require(case, (S.DRAFT, S.RETURNED), "costed")
    line = CostLine.objects.filter(case=case, fiscal_year=fiscal_year, budget=budget).first()
    old = str(line.amount_m) if line else None
    line = line or CostLine(case=case, fiscal_year=fiscal_year, budget=budget)
    line.amount_m = amount_m
    line.full_clean()
    line.save()
    audit_record(actor=by, action="business_case.cost", obj=case, changes={str(line): [old, str(amount_m)]})
    return line


@transaction.atomic
def cost_line_delete(*, line: CostLine, by) -> BusinessCase:
    case = _lock(line.case)
    _require(case, (S.DRAFT, S.RETURNED), "costed")
    label = str(line)
    line.delete()
    audit_record(actor=by, action="business_case.cost_delete", obj=case, changes={"removed": label})
    return case


@transaction.atomic
def business_case_sign_off(*, case: BusinessCase, by, note: str = "") -> PartnerSignOff:
    case = _lock(case)
    _require(case, (S.DRAFT, S.RETURNED), "signed off")
    department = by.organisation
    existing = PartnerSignOff.objects.filter(case=case, department=department, superseded_at__isnull=True)
    if existing.exists():
        raise TransitionNotAllowed(f"{department} has already signed off this case.")
    sign_off = PartnerSignOff(case=case, department=department, by=_user(by), note=note)
    sign_off.full_clean()
    sign_off.save()
    audit_record(actor=by, action="business_case.sign_off", obj=case, changes={"department": department.slug})
    return sign_off


def missing_sign_offs(case: BusinessCase) -> list:
    signed = set(
        PartnerSignOff.objects.filter(case=case, superseded_at__isnull=True).values_list(
            "department_id", flat=True
        )
    )
    return [p for p in case.partner_departments.all() if p.pk not in signed]


@transaction.atomic
def business_case_submit(*, case: BusinessCase, by) -> BusinessCase:
    case = _lock(case)
    _require(case, (S.DRAFT, S.RETURNED), "submitted")
    missing = missing_sign_offs(case)
    if missing:
        names = ", ".join(str(p) for p in missing)
        raise TransitionNotAllowed(f"Every partner must sign off before submission; waiting for {names}.")
    if not case.costs.exists():
        raise TransitionNotAllowed("Add the cost profile before submitting.")
    return _move(case, S.SUBMITTED, by=by)


@transaction.atomic
def business_case_assess(*, case: BusinessCase, by, judgement: str) -> Assessment:
    case = _lock(case)
    _require(case, (S.SUBMITTED, S.ASSESSED), "assessed")
    assessment = Assessment(
        case=case, judgement=judgement, assessed_by=_user(by), illustrative=case.illustrative
    )
    assessment.full_clean()
    assessment.save()
    if case.status != S.ASSESSED:
        _move(case, S.ASSESSED, by=by, note=judgement)
    audit_record(actor=by, action="business_case.assessment", obj=case, changes={"judgement": judgement})
    return assessment


@transaction.atomic
def business_case_decide(*, case: BusinessCase, by, decision: str, reasons: str) -> BusinessCase:
    if decision not in DECISIONS:
        raise ValueError(f"A decision is one of {', '.join(DECISIONS)}")
    if not reasons.strip():
        raise ValueError("Give the reasons for the decision.")
    case = _lock(case)
    _require(case, (S.ASSESSED,), "decided until it has been assessed")
    if decision == S.RETURNED:
        PartnerSignOff.objects.filter(case=case, superseded_at__isnull=True).update(
            superseded_at=timezone.now()
        )
    return _move(case, decision, by=by, note=reasons)
