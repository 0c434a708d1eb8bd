from dashboards.navigation import navigation_for


def navigation(request):
    """The service navigation entries for this user (dashboards.navigation decides them)."""
    match = getattr(request, "resolver_match", None)
    return {"navigation": navigation_for(request.user, match.view_name if match else "")}
