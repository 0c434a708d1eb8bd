"""The No10 overview `/` on one screen: each mission's roll-up, its core metrics' status and trend, what
changed since its last check-in, and the worst problems (metrics off track, overdue actions deduplicated,
stale data) with the next meetings, every item linked; filters by mission, department and status (GET)."""

from __future__ import annotations

from django.shortcuts import redirect, render

from councils import permissions as council_permissions
from councils.selectors import upcoming_meetings
from dashboards.views.common import official_required, rollup, visible_metrics, with_statuses
from metrics import progress
from missions.overview import since_last_check_in, worst_overdue
from missions.selectors import departments, missions_visible_to

OVERDUE_SHOWN = 6
PROBLEM_STATUSES = (progress.DETERIORATING, progress.OFF_TRACK)


def _filters(request, missions, metrics) -> dict:
    owners = sorted({m.owner for m in metrics} | set(departments(user=request.user)), key=lambda o: o.name)
    chosen = {
        "mission": request.GET.get("mission", ""),
        "department": request.GET.get("department", ""),
        "status": request.GET.get("status", ""),
    }
    valid = {
        "mission": {m.slug for m in missions},
        "department": {o.slug for o in owners},
        "status": set(progress.STATUSES) | {"stale"},
    }
    chosen = {key: value if value in valid[key] else "" for key, value in chosen.items()}
    return {
        "chosen": chosen,
        "missions": missions,
        "departments": owners,
        "statuses": [(key, label) for key, label in progress.STATUS_LABELS.items()],
        "active": any(chosen.values()),
    }


def _keep(item: dict, chosen: dict) -> bool:
    metric, s = item["metric"], item["s"]
    if chosen["mission"] and metric.mission.slug != chosen["mission"]:
        return False
    if chosen["department"] and metric.owner.slug != chosen["department"]:
        return False
    if chosen["status"] == "stale":
        return s.stale
    return not chosen["status"] or s.status == chosen["status"]


def overview_context(user, request) -> dict:
    missions = list(missions_visible_to(user=user))
    metrics = list(visible_metrics(user).filter(mission__in=missions, tier="core"))
    filters = _filters(request, missions, metrics)
    items = [item for item in with_statuses(metrics) if _keep(item, filters["chosen"])]
    since = since_last_check_in(user=user, missions=missions, items=items)
    rows = []
    for mission in missions:
        core = [item for item in items if item["metric"].mission_id == mission.pk]
        if core or not filters["active"]:
            rows.append(
                {"mission": mission, "core": core, "rollup": rollup(core), "since": since[mission.pk]}
            )
    worst_first = {status: n for n, status in enumerate(progress.WORST_FIRST)}
    problems = sorted(
        (item for item in items if item["s"].status in PROBLEM_STATUSES),
        key=lambda item: (worst_first[item["s"].status], item["metric"].mission.number),
    )
    return {
        "rows": rows,
        "filters": filters,
        "totals": rollup(items),
        "problems": problems,
        "stale_items": [item for item in items if item["s"].stale],
    }


def home(request):
    if not request.user.is_authenticated:  # the public start at the public dashboard, not a sign-in form
        return redirect("missions:public-home")
    official_required(request)
    user = request.user
    context = overview_context(user, request)
    context["overdue"], context["overdue_count"] = worst_overdue(user=user, limit=OVERDUE_SHOWN)
    context["can_see_councils"] = council_permissions.can_see_councils(user)
    context["meetings"] = list(upcoming_meetings(user=user))
    return render(request, "missions/home.html", context)
