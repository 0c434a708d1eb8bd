"""Who may see and change councils, meetings, returns, decisions and actions (DESIGN §1), in one place.

Readers: the centre; the Treasury (the Chancellor sits on every council); a council's secretariat and its
members; and, for a departmental check-in, the officials of the department under review (their own
check-ins only). Writers: the centre and the council's secretariat run the meeting; the department files
its return and updates the status of the actions it owns.
"""

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


def reads_every_council(user) -> bool:
    """The centre and the Treasury (the Chancellor sits on every council) read every council's papers."""
    return permissions.sees_everything(user)


def department_id(user) -> int | None:
    """The organisation whose check-ins, returns and actions the user looks after (department officials)."""
    if permissions.has_role(user, Role.DEPARTMENT) and user.organisation_id:
        return user.organisation_id
    return None


def can_view_council(user, council) -> bool:
    if reads_every_council(user):
        return True
    return council.mission_id in secretariat_mission_ids(user) or council.pk in member_council_ids(user)


def can_manage_council(user, council) -> bool:
    """Meetings, agendas, returns requested, decisions, minutes, actions and packs: the centre and the
    council's secretariat."""
    return permissions.has_role(user, Role.CENTRE) or council.mission_id in secretariat_mission_ids(user)


def may_manage_councils(user) -> bool:
    """The kind of user who may ever run a meeting (else a write is a 403, not a 404)."""
    return permissions.has_role(user, Role.CENTRE) or bool(secretariat_mission_ids(user))


def can_view_meeting(user, meeting) -> bool:
    if can_view_council(user, meeting.council):
        return True
    return meeting.department_id is not None and meeting.department_id == department_id(user)


def can_view_pack(user, pack) -> bool:
    """A check-in pack: whoever may read the council's papers (as its meeting pages)."""
    return can_view_council(user, pack.meeting.council)


def can_see_councils(user) -> bool:
    """The council list and actions pages: the centre, the Treasury, secretariats and council members."""
    if reads_every_council(user) or permissions.has_role(user, Role.SECRETARIAT):
        return True
    return bool(member_council_ids(user))


def has_check_ins(user) -> bool:
    """The department's own page of check-ins, returns and actions."""
    return department_id(user) is not None


def minutes_visible(user, meeting) -> bool:
    """Minutes are the secretariat's draft until published to the members."""
    return meeting.minutes_published_at is not None or can_manage_council(user, meeting.council)


# --- departmental returns -------------------------------------------------------------------------------


def can_file_return(user, departmental_return) -> bool:
    """Only officials of the department the return was asked of file it."""
    return department_id(user) == departmental_return.organisation_id


def may_file_returns(user) -> bool:
    return department_id(user) is not None


def can_read_drafts(user, departmental_return) -> bool:
    """Drafts are the department's working copy: nobody else reads them."""
    return can_file_return(user, departmental_return)


def can_read_submitted_return(user, departmental_return) -> bool:
    """A submitted return: the department itself, and whoever reads the council's papers (its members,
    secretariat, the centre, the Treasury). Another department never reads it through its own role."""
    return can_file_return(user, departmental_return) or can_view_council(
        user, departmental_return.meeting.council
    )


# --- actions -------------------------------------------------------------------------------------------


def may_update_actions(user) -> bool:
    """The kind of user who may ever change an action's status."""
    return may_manage_councils(user) or department_id(user) is not None


def can_update_action(user, action) -> bool:
    """The council's secretariat and the centre; and the owning department for its own actions."""
    if action.owner_organisation_id == department_id(user):
        return True
    if action.meeting_id is None:
        return permissions.has_role(user, Role.CENTRE)
    return can_manage_council(user, action.meeting.council)


# The council audience. A check-in pack is read by the whole council — ministers of several departments,
# mayors, officials — so it shows only what every one of them may see. The pack is assembled for this
# audience (councils.selectors.*_for_council_audience), never as a stand-in centre user.


def council_audience_commitments() -> Q:
    """Mandate commitments: of published letters only (an unpublished letter is between the PM and one
    minister), on metrics that are not restricted."""
    return Q(letter__status="published", metric__restricted=False)  # MandateLetter.Status.PUBLISHED


def council_audience_sees_business_case_status(status: str) -> bool:
    """Business cases: once submitted (a draft is the department's own); judged at the pack's moment."""
    from spending.models import BusinessCase

    return status != BusinessCase.Status.DRAFT
