"""Pages about missions and departments. Thin: a selector, a permission check, a template."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from metrics.selectors import metrics_visible_to
from metrics.status import metric_statuses
from missions import permissions
from missions.models import Organisation
from missions.selectors import contributions_visible_to, missions_visible_to


def _official_required(request):
    if not permissions.is_official(request.user):
        raise PermissionDenied("This page is for signed-in officials.")


def _missions_with_core(user, missions):
    """Each mission with its core metrics and their status: three queries whatever the count."""
    metrics = list(metrics_visible_to(user=user).filter(mission__in=missions, tier="core"))
    statuses = metric_statuses(metrics)
    rows = []
    for mission in missions:
        core = [(m, statuses[m.pk]) for m in metrics if m.mission_id == mission.pk]
        rows.append({"mission": mission, "core": core})
    return rows


@login_required
def home(request):
    _official_required(request)
    missions = list(missions_visible_to(user=request.user))
    return render(request, "missions/home.html", {"rows": _missions_with_core(request.user, missions)})


@login_required
def after_sign_in(request):
    name = permissions.home_url_name(request.user)
    if name == "missions:department":
        return redirect(reverse(name, kwargs={"slug": request.user.organisation.slug}))
    return redirect(name)


@login_required
def mission_detail(request, slug):
    _official_required(request)
    mission = get_object_or_404(missions_visible_to(user=request.user), slug=slug)
    return render(request, "missions/mission_detail.html", _mission_context(request.user, mission))


def _mission_context(user, mission):
    metrics = list(metrics_visible_to(user=user).filter(mission=mission))
    statuses = metric_statuses(metrics)
    core = [(m, statuses[m.pk]) for m in metrics if m.tier == "core"]
    comprehensive = [(m, statuses[m.pk]) for m in metrics if m.tier != "core"]
    return {"mission": mission, "core": core, "comprehensive": comprehensive}


@login_required
def department(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not permissions.can_view_department(request.user, organisation):
        raise PermissionDenied("You can see the dashboards of your own department only.")
    metrics = list(metrics_visible_to(user=request.user).filter(owner=organisation))
    statuses = metric_statuses(metrics)
    contributions = contributions_visible_to(user=request.user).filter(organisation=organisation)
    return render(
        request,
        "missions/department.html",
        {
            "organisation": organisation,
            "metrics": [(m, statuses[m.pk]) for m in metrics],
            "contributions": contributions,
        },
    )


def public_home(request):
    missions = list(missions_visible_to(user=AnonymousUser()))
    return render(
        request, "missions/public_home.html", {"rows": _missions_with_core(AnonymousUser(), missions)}
    )


def public_mission(request, slug):
    mission = get_object_or_404(missions_visible_to(user=AnonymousUser()), slug=slug)
    return render(request, "missions/public_mission.html", _mission_context(AnonymousUser(), mission))


def accessibility(request):
    return render(request, "missions/accessibility.html")
