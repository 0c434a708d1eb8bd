"""Who may see and change what in spending (DESIGN §1). Views, API, selectors and packs use these rules only.

The Treasury and the centre see every case; a department sees the cases it leads or is a partner in.
A department drafts, edits, signs off and submits; the Treasury assesses, decides and runs spending reviews,
allocations, fiscal events, the Mission Fund and the valuation library. Whether a change is allowed *now*
(the case's status) is the service's question, answered with 409.
"""

from missions import permissions
from missions.models import Role


def _department(user) -> bool:
    return permissions.has_role(user, Role.DEPARTMENT) and user.organisation_id is not None


def can_see_cases(user) -> bool:
    return permissions.sees_everything(user) or _department(user)


def can_draft_case(user) -> bool:
    return _department(user)


def can_edit_case(user, case) -> bool:
    """The lead department writes the case (its costs and impacts too)."""
    return _department(user) and case.lead_department_id == user.organisation_id


def can_submit_case(user, case) -> bool:
    return can_edit_case(user, case)


def can_sign_off_case(user, case) -> bool:
    """A partner department agrees a shared case before the lead submits it."""
    return _department(user) and any(p.pk == user.organisation_id for p in case.partner_departments.all())


def can_assess(user) -> bool:
    return permissions.has_role(user, Role.TREASURY)


def can_decide(user) -> bool:
    return permissions.has_role(user, Role.TREASURY)


def can_manage_spending(user) -> bool:
    """Spending reviews, allocations, trigger events, fiscal events, the Mission Fund, valuations."""
    return permissions.has_role(user, Role.TREASURY)


def can_see_treasury(user) -> bool:
    """The Treasury dashboard, spending reviews, fiscal events and the Mission Fund: the Treasury and the
    centre (who see everything)."""
    return permissions.sees_everything(user)


def is_on_public_register(case, uplifted_total_m, threshold_m: float) -> bool:
    """What the public see: an approved case's appraisal once its uplifted cost reaches the value threshold
    above which publication is mandatory."""
    return case.status == "approved" and float(uplifted_total_m) >= threshold_m
