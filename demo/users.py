"""One demo user per role (the personas of STYLE.md). Re-running resets passwords and creates no duplicates."""

from __future__ import annotations

import os

from django.contrib.auth.models import Group

from missions.models import Organisation, Role, User

from .common import Tally, upsert

DEFAULT_PASSWORD = "mission-demo-2026"  # noqa: S105 - a published demo password, overridable by DEMO_PASSWORD

# username, role (Group), organisation slug, job title
DEMO_USERS = [
    ("centre", Role.CENTRE, "no10", "Mission delivery lead, Prime Minister's Delivery Unit"),
    ("treasury", Role.TREASURY, "hmt", "Spending team lead, HM Treasury"),
    ("dfe", Role.DEPARTMENT, "dfe", "Mission lead, Department for Education"),
    ("dhsc", Role.DEPARTMENT, "dhsc", "Mission lead, Department of Health and Social Care"),
    ("analyst", Role.ANALYST, "dfe", "Statistician, early years statistics (owns the GLD metrics)"),
    ("ons-analyst", Role.ANALYST, "ons", "Statistician, Office for National Statistics"),
    ("secretariat", Role.SECRETARIAT, "cabinet-office", "Secretariat, Opportunity Mission Taskforce"),
    (
        "accountability",
        Role.ACCOUNTABILITY,
        "opportunity-commission",
        "Analyst, Opportunity Mission Commission",
    ),
]


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


def load_users(tally: Tally, orgs: dict[str, Organisation] | None = None) -> dict[str, User]:
    if orgs is None:
        orgs = {org.slug: org for org in Organisation.objects.all()}
    password = demo_password()
    users: dict[str, User] = {}
    for username, role, org_slug, job_title in DEMO_USERS:
        existing = User.objects.filter(username=username).first()
        user = existing or User(username=username)
        user.set_password(password)
        user = upsert(
            tally,
            User,
            {"username": username},
            {
                "password": user.password,
                "organisation": orgs[org_slug],
                "job_title": job_title,
                "email": f"{username}@example.org",
                "is_active": True,
            },
            m2m={"groups": [Group.objects.get(name=role)]},
        )
        users[username] = user
    return users


def user_table(users: dict[str, User]) -> list[tuple[str, str, str]]:
    return [(u.username, ", ".join(u.roles), str(u.organisation)) for u in users.values()]
