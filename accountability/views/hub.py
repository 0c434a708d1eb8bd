"""/accountability/: what each user may open — letters, reports, bodies, overdue responses, frameworks."""

from django.shortcuts import render

from accountability import permissions as rules
from accountability.selectors import (
    bodies_visible_to,
    mandate_letters_visible_to,
    overdue_responses,
    own_body,
    reports_visible_to,
)


def hub(request):
    user = request.user
    return render(
        request,
        "accountability/hub.html",
        {
            "letters": mandate_letters_visible_to(user=user).count(),
            "reports": reports_visible_to(user=user).count(),
            "bodies": bodies_visible_to(user=user).count(),
            "overdue": len(overdue_responses(user=user)),
            "own_body": own_body(user=user),
            "frameworks": rules.may_view_frameworks(user),
        },
    )
