"""The centre overview `/`: every mission's core metrics with status, trend, counts, stale data, overdue
actions and the next council meetings; filters by mission, department and status (GET, no JS needed)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from councils.selectors import overdue_actions, upcoming_meetings
from dashboards.views.common import official_required, rollup, visible_metrics, with_statuses
from metrics import progress
from missions.selectors import departments, missions_visible_to

OVERDUE_SHOWN = 10


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
    rows = []
    for mission in missions:
        core = [item for item in items if item["metric"].mission_id == mission.pk]
        if core or not filters["active"]:
            rows.append({"mission": mission, "core": core, "rollup": rollup(core)})
    return {
        "rows": rows,
        "filters": filters,
        "totals": rollup(items),
        "stale_items": [item for item in items if item["s"].stale],
    }


@login_required
def home(request):
    official_required(request)
    user = request.user
    context = overview_context(user, request)
    overdue = overdue_actions(user=user).select_related("owner_organisation")
    context["overdue_count"] = overdue.count()
    context["overdue"] = list(overdue[:OVERDUE_SHOWN])
    context["meetings"] = list(upcoming_meetings(user=user))
    return render(request, "missions/home.html", context)
