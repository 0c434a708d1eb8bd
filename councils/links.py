"""Which of the things a council page mentions this user can open, so a mention is a link exactly when the
link would open (no link answers 403 or 404). Each answer comes from the owning app's own rule or selector."""

from __future__ import annotations

from dataclasses import dataclass, field

from accountability.selectors import mandate_letters_visible_to
from missions import permissions
from spending.selectors import business_cases_visible_to


@dataclass(frozen=True)
class Links:
    metrics: bool = False
    missions: bool = False
    cases: frozenset[int] = field(default_factory=frozenset)
    letters: frozenset[int] = field(default_factory=frozenset)


def links_for(user) -> Links:
    official = permissions.is_official(user)
    return Links(
        metrics=official,
        missions=official,
        cases=frozenset(business_cases_visible_to(user=user).values_list("pk", flat=True)),
        letters=frozenset(mandate_letters_visible_to(user=user).values_list("pk", flat=True)),
    )
