"""`{% overdue_responses %}`: the overdue government responses the signed-in user (or the public) may see,
for one department when `organisation` is given — one line in any dashboard template."""

from django import template

from accountability.selectors import overdue_responses as select_overdue

register = template.Library()


@register.inclusion_tag("accountability/includes/overdue_responses.html", takes_context=True)
def overdue_responses(context, organisation=None, public=False):
    request = context.get("request")
    user = request.user if request is not None and not public else None
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return {"overdue": select_overdue(user=user, organisation=organisation)}
