"""Business cases: the Treasury and the centre see all; a department its own (lead or partner) cases."""

from missions import permissions
from missions.models import Role


def can_assess(user) -> bool:
    return permissions.has_role(user, Role.TREASURY)


def can_edit_case(user, case) -> bool:
    if not permissions.has_role(user, Role.DEPARTMENT) or user.organisation_id is None:
        return False
    return case.status in ("draft", "submitted") and case.lead_department_id == user.organisation_id


def can_see_cases(user) -> bool:
    """The business-case pages: the centre and the Treasury (all cases) and departments (their own)."""
    return permissions.sees_everything(user) or permissions.has_role(user, Role.DEPARTMENT)
