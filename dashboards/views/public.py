"""The public site (published missions and metrics, no sign-in), accessibility statement, sign-in routing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.urls import reverse

from dashboards.views.common import rollup, visible_metrics, with_statuses
from missions import permissions
from missions.selectors import missions_visible_to


def public_home(request):
    user = AnonymousUser()
    missions = list(missions_visible_to(user=user))
    items = with_statuses(list(visible_metrics(user).filter(mission__in=missions, tier="core")))
    rows = []
    for mission in missions:
        core = [item for item in items if item["metric"].mission_id == mission.pk]
        rows.append({"mission": mission, "core": core, "rollup": rollup(core)})
    return render(request, "missions/public_home.html", {"rows": rows, "public": True})


def accessibility(request):
    return render(request, "missions/accessibility.html")


@login_required
def after_sign_in(request):
    name = permissions.home_url_name(request.user)
    if name == "missions:department":
        return redirect(reverse(name, kwargs={"slug": request.user.organisation.slug}))
    return redirect(name)
