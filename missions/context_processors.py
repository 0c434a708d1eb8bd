from missions import permissions


def navigation(request):
    """Service navigation links, shown according to the user's roles."""
    user = request.user
    return {
        "is_official": permissions.is_official(user),
        "sees_everything": permissions.sees_everything(user),
        "user_roles": getattr(user, "roles", []) if user.is_authenticated else [],
        "department_home": permissions.has_department_dashboard(user),
    }
