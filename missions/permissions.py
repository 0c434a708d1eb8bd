"""Who may see and change what (DESIGN §1). Every access decision about missions starts here.

Roles are Django Groups; a user may hold several. Superusers act as the centre.
"""

from __future__ import annotations

from missions.models import Organisation, Role


def has_role(user, role: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser and role == Role.CENTRE:
        return True
    return user.has_role(role)


def has_any_role(user, *roles: str) -> bool:
    return any(has_role(user, role) for role in roles)


def sees_everything(user) -> bool:
    """The centre and the Treasury see every item, restricted ones included."""
    return has_any_role(user, Role.CENTRE, Role.TREASURY)


def is_official(user) -> bool:
    """Signed in with at least one role: may open the internal dashboards."""
    return has_any_role(user, *Role.values)


def sees_internal_data(user) -> bool:
    """All non-restricted mission data (everyone but the public and accountability bodies)."""
    return has_any_role(user, Role.CENTRE, Role.TREASURY, Role.DEPARTMENT, Role.SECRETARIAT, Role.ANALYST)


def may_view_department_dashboards(user) -> bool:
    """The kind of page at all: the centre, the Treasury, and departments' officials and analysts."""
    return sees_everything(user) or (
        has_any_role(user, Role.DEPARTMENT, Role.ANALYST)
        and getattr(user, "organisation_id", None) is not None
    )


def can_view_department(user, organisation: Organisation) -> bool:
    """A department dashboard: the centre, the Treasury, and officials of that organisation."""
    if sees_everything(user):
        return True
    return (
        has_any_role(user, Role.DEPARTMENT, Role.ANALYST)
        and user.organisation_id is not None
        and user.organisation_id == organisation.pk
    )


def has_department_dashboard(user) -> bool:
    """Whether the navigation offers the user's own organisation's dashboard: ministerial departments and the
    Treasury own metrics and contributions. The centre's organisations (No10, Cabinet Office) and statistics
    producers own none, so theirs would be an empty page: no link."""
    organisation = getattr(user, "organisation", None) if getattr(user, "is_authenticated", False) else None
    if organisation is None or not can_view_department(user, organisation):
        return False
    return organisation.kind in (Organisation.Kind.DEPARTMENT, Organisation.Kind.TREASURY)


def home_url_name(user) -> str:
    """Where a user lands after signing in: department officials on their department's dashboard, the
    Treasury on /treasury/."""
    if has_role(user, Role.DEPARTMENT) and not sees_everything(user) and user.organisation_id:
        return "missions:department"
    if has_role(user, Role.TREASURY) and not has_role(user, Role.CENTRE):
        return "treasury:dashboard"
    return "missions:home"
