"""Access rules of the kernel pages: API tokens."""

from missions.models import Role
from missions.permissions import has_any_role


def can_use_api_tokens(user) -> bool:
    """Analysts and the centre send data with API tokens; nobody else needs one."""
    return has_any_role(user, Role.ANALYST, Role.CENTRE)
