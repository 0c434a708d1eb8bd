"""The mission page: core metrics as large charts, comprehensive metrics by kind, the roll-up and how it was
derived, contributing departments, the council, taskforce and next meeting, and the latest judgement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accountability.selectors import latest_judgements
from councils.models import Taskforce
from councils.selectors import councils_visible_to, meetings_visible_to
from dashboards.views.common import chart_blocks, official_required, rollup, visible_metrics, with_statuses
from metrics.models import Metric
from metrics.selectors import metrics_withheld_from
from missions.permissions import can_view_department
from missions.selectors import contributions_visible_to, missions_visible_to

KINDS = [(Metric.Kind.OUTCOME, "Outcome"), (Metric.Kind.OUTPUT, "Output"), (Metric.Kind.INPUT, "Input")]


def mission_context(user, mission) -> dict:
    metrics = list(visible_metrics(user).filter(mission=mission))
    items = with_statuses(metrics)
    core_metrics = [m for m in metrics if m.tier == Metric.Tier.CORE]
    core = [item for item in items if item["metric"].tier == Metric.Tier.CORE]
    comprehensive = [item for item in items if item["metric"].tier != Metric.Tier.CORE]
    groups = [
        {"label": label, "items": [i for i in comprehensive if i["metric"].kind == kind]}
        for kind, label in KINDS
    ]
    judgements = list(latest_judgements(user=user, mission=mission))
    organisations = list(mission.contributing_organisations.order_by("name"))
    return {
        "mission": mission,
        "charts": chart_blocks(core_metrics, core),
        "core": core,
        "groups": [g for g in groups if g["items"]],
        "rollup": rollup(core),
        "organisations": organisations,
        # A name is a link only to a dashboard its reader may open (the others answer 403 or 404).
        "department_links": {o.pk for o in organisations if can_view_department(user, o)},
        "contributions": list(contributions_visible_to(user=user).filter(mission=mission)),
        "judgements": judgements,
        "withheld": metrics_withheld_from(user=user, metrics=[j.metric for j in judgements]),
        "report": judgements[0].report if judgements else None,
    }


def _council_context(user, mission) -> dict:
    councils = list(councils_visible_to(user=user).filter(mission=mission))
    meeting = (
        meetings_visible_to(user=user)
        .filter(council__mission=mission, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    taskforce = Taskforce.objects.filter(mission=mission).first() if councils else None
    return {"councils": councils, "next_meeting": meeting, "taskforce": taskforce}


@login_required
def mission_detail(request, slug):
    official_required(request)
    mission = get_object_or_404(missions_visible_to(user=request.user), slug=slug)
    context = mission_context(request.user, mission) | _council_context(request.user, mission)
    return render(request, "missions/mission_detail.html", context)


def public_mission(request, slug):
    user = AnonymousUser()
    mission = get_object_or_404(missions_visible_to(user=user), slug=slug)
    context = mission_context(user, mission) | {"public": True}
    return render(request, "missions/mission_detail.html", context)
