"""Who may see councils, meetings and packs (DESIGN §1): the centre everything; a secretariat its own
mission's councils; council members their council; departments the actions they own."""

from __future__ import annotations

from missions import permissions
from missions.models import Role


def secretariat_mission_ids(user) -> set[int]:
    """Missions whose taskforce the user staffs (a secretariat user's councils)."""
    if not permissions.has_role(user, Role.SECRETARIAT):
        return set()
    return set(user.taskforce_roles.values_list("taskforce__mission_id", flat=True))


def member_council_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(user.council_seats.values_list("council_id", flat=True))


def can_view_council(user, council) -> bool:
    if permissions.has_role(user, Role.CENTRE):
        return True
    return council.mission_id in secretariat_mission_ids(user) or council.pk in member_council_ids(user)


def can_manage_council(user, council) -> bool:
    """Meetings, agendas, actions and check-in packs: the centre and the council's secretariat."""
    return permissions.has_role(user, Role.CENTRE) or council.mission_id in secretariat_mission_ids(user)


def can_view_pack(user, pack) -> bool:
    """A check-in pack: the council's members, its secretariat and the centre (as its meeting pages)."""
    return can_view_council(user, pack.meeting.council)


def can_see_councils(user) -> bool:
    """The council pages at all: the centre, secretariats and anyone holding a council seat."""
    if permissions.has_any_role(user, Role.CENTRE, Role.SECRETARIAT):
        return True
    return bool(member_council_ids(user))
