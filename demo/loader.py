"""`load_demo`: real missions, metrics, targets and observations, plus illustrative structures and demo users.

Idempotent: every row is written with update-or-create on its natural key, observations go through the
import service (which never duplicates an unchanged value), and the whole load is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from metrics.services import ImportSummary
from missions.models import User

from .additions import load_breaks
from .common import Tally
from .illustrative.accountability import load_accountability
from .illustrative.contributions import load_contributions
from .illustrative.councils import load_councils
from .illustrative.spending import load_spending
from .metrics import load_metrics
from .missions import load_missions
from .observations import load_additions, load_observations
from .organisations import load_organisations
from .targets import load_targets
from .users import load_users


@dataclass
class DemoResult:
    tally: Tally
    observations: ImportSummary
    users: dict[str, User]
    additions: ImportSummary | None = None


@transaction.atomic
def load_demo() -> DemoResult:
    tally = Tally()
    orgs = load_organisations(tally)
    missions = load_missions(tally, orgs)
    metrics = load_metrics(tally, missions, orgs)
    load_breaks(tally, metrics)
    observations = load_observations()
    additions = load_additions()
    load_targets(tally, metrics)
    users = load_users(tally, orgs)
    contributions = load_contributions(tally, missions, orgs, metrics)
    cases = load_spending(tally, missions, orgs, metrics, users)
    load_councils(tally, missions, orgs, metrics, contributions, cases, users)
    load_accountability(tally, missions, orgs, metrics)
    return DemoResult(tally=tally, observations=observations, users=users, additions=additions)
