"""The service navigation: which sections a user is offered, each decided by an app's named access rule, so
every link leads to a page its reader may open. `templates/includes/navigation.html` only renders the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from accountability.permissions import may_view_accountability
from core.permissions import can_use_api_tokens
from councils.permissions import can_see_councils, has_check_ins
from metrics.permissions import can_import_observations
from missions.permissions import has_department_dashboard, is_official
from sources.permissions import can_use_sources
from spending.permissions import can_see_cases, can_see_treasury


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    active: bool  # the current page is in this section
    current: bool  # the current page is this link (aria-current)


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    rule: Callable[[object], bool]
    prefix: str = ""  # view names starting with this count as the section ("councils:"); else exact


# In the order they are shown. Officials only; the public see the public dashboard link instead.
SECTIONS = (
    Section("Missions", "missions:home", is_official),
    Section("Councils", "councils:list", can_see_councils, prefix="councils:"),
    Section("Check-ins and actions", "councils:mine", has_check_ins),
    Section("Business cases", "spending:cases", can_see_cases, prefix="spending:"),
    Section("Treasury", "treasury:dashboard", can_see_treasury, prefix="treasury:"),
    Section("Upload data", "uploads:start", can_import_observations, prefix="uploads:"),
    Section("Data sources", "sources:list", can_use_sources, prefix="sources:"),
    Section("API tokens", "account:tokens", can_use_api_tokens),
)

# Letters, reports and responses: open to everyone, each page scoping what its reader may see.
ACCOUNTABILITY = Section(
    "Accountability", "accountability:hub", may_view_accountability, prefix="accountability:"
)


def _entry(section: Section, view_name: str, url: str) -> Entry:
    exact = view_name == section.url_name
    # A section's prefix covers its pages, except a page that is a section of its own ("councils:mine").
    own_section = view_name != section.url_name and view_name in {s.url_name for s in SECTIONS}
    active = exact or bool(section.prefix and view_name.startswith(section.prefix) and not own_section)
    return Entry(section.label, url, active=active, current=exact and not section.prefix)


def navigation_for(user, view_name: str = "") -> list[Entry]:
    """The sections ``user`` may open, then their department's dashboard; the public dashboard otherwise."""
    if not is_official(user):
        entries = [Entry("Public dashboard", reverse("missions:public-home"), active=False, current=False)]
    else:
        entries = [_entry(s, view_name, reverse(s.url_name)) for s in SECTIONS if s.rule(user)]
        organisation = user.organisation
        if organisation is not None and has_department_dashboard(user):
            url = reverse("missions:department", kwargs={"slug": organisation.slug})
            here = view_name == "missions:department"
            entries.append(Entry(str(organisation), url, active=here, current=here))
    if may_view_accountability(user):
        entries.append(_entry(ACCOUNTABILITY, view_name, reverse(ACCOUNTABILITY.url_name)))
    return entries
