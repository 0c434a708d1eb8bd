"""Who may see and change mandate letters, reports, recommendations and frameworks (DESIGN §1).

Role rules (`may_*`) answer "may this role ever do this kind of thing" (no: 403); object rules (`can_*`)
answer it for one object. Selectors in `accountability.selectors` scope what each user may see (else 404).
"""

from __future__ import annotations

from missions import permissions
from missions.models import Role


def _org(user):
    return getattr(user, "organisation_id", None) if getattr(user, "is_authenticated", False) else None


# Mandate letters -----------------------------------------------------------------------------------------
def may_compose_letters(user) -> bool:
    """Compose, issue, publish and review letters: the centre."""
    return permissions.has_role(user, Role.CENTRE)


def sees_all_letters(user) -> bool:
    return permissions.sees_everything(user)


def sees_own_department_letters(user) -> bool:
    """Department officials and analysts see their department's issued letters (drafts stay at the centre)."""
    return permissions.has_any_role(user, Role.DEPARTMENT, Role.ANALYST) and _org(user) is not None


def may_self_assess(user) -> bool:
    return permissions.has_any_role(user, Role.CENTRE, Role.DEPARTMENT)


def can_update_commitment(user, commitment) -> bool:
    """The letter's department says how its commitments stand; the centre may record it for them."""
    if permissions.has_role(user, Role.CENTRE):
        return True
    return permissions.has_role(user, Role.DEPARTMENT) and _org(user) == commitment.letter.department_id


# Bodies and reports --------------------------------------------------------------------------------------
def is_body_member(user, body) -> bool:
    return permissions.has_role(user, Role.ACCOUNTABILITY) and _org(user) == body.organisation_id


def may_write_reports(user) -> bool:
    """Only independent bodies write reports; the government never drafts its own scrutiny."""
    return permissions.has_role(user, Role.ACCOUNTABILITY)


def can_write_report(user, report) -> bool:
    return is_body_member(user, report.body)


def can_view_report(user, report) -> bool:
    """Embargoed until laid (its body only), then public."""
    return report.published or is_body_member(user, report.body)


def may_respond(user) -> bool:
    """Government responses come from departments."""
    return permissions.has_role(user, Role.DEPARTMENT)


def can_respond(user, recommendation) -> bool:
    return may_respond(user) and _org(user) is not None and _org(user) == recommendation.owner_id


def may_extend_responses(user) -> bool:
    return permissions.has_any_role(user, Role.CENTRE, Role.DEPARTMENT)


def can_extend_response(user, recommendation) -> bool:
    """The centre, or the owning department, may extend a due date (with a reason, as s.37(3) allows)."""
    if permissions.has_role(user, Role.CENTRE):
        return True
    return permissions.has_role(user, Role.DEPARTMENT) and _org(user) == recommendation.owner_id


# Frameworks ----------------------------------------------------------------------------------------------
def may_view_frameworks(user) -> bool:
    return permissions.is_official(user)


def may_manage_frameworks(user) -> bool:
    return permissions.has_role(user, Role.CENTRE)


def may_view_accountability(user) -> bool:
    """The accountability pages list what each user may see; the public sees published letters and laid
    reports, so everyone may open them."""
    return True
