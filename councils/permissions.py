"""Who may see councils, meetings and packs (DESIGN §1): the centre everything; a secretariat its own
mission's councils; council members their council; departments the actions they own."""

from __future__ import annotations

from django.db.models import Q

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


# The council audience. A check-in pack is read by the whole council — ministers of several departments,
# mayors, officials — so it shows only what every one of them may see. The pack is assembled for this
# audience (councils.selectors.*_for_council_audience), never as a stand-in centre user.


def council_audience_commitments() -> Q:
    """Mandate commitments: of published letters only (an unpublished letter is between the PM and one
    minister), on metrics that are not restricted."""
    return Q(letter__published=True, metric__restricted=False)


def council_audience_sees_business_case_status(status: str) -> bool:
    """Business cases: once submitted (a draft is the department's own); judged at the pack's moment."""
    from spending.models import BusinessCase

    return status != BusinessCase.Status.DRAFT
