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


@register.simple_tag(takes_context=True)
def metric_link(context, metric):
    """The metric's name linked to the page this reader may open (the public page for the public), the name
    alone where the reader may not see an unrestricted metric, and RESTRICTED_NAME for a restricted one."""
    from django.contrib.auth.models import AnonymousUser
    from django.urls import reverse
    from django.utils.html import format_html

    from metrics.selectors import RESTRICTED_NAME, metrics_visible_to, metrics_withheld_from
    from missions import permissions

    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    if metrics_withheld_from(user=user, metrics=[metric]):
        return RESTRICTED_NAME
    if not metrics_visible_to(user=user).filter(pk=metric.pk).exists():
        return metric.name
    name = "metrics:detail" if permissions.is_official(user) else "metrics:public-detail"
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>', reverse(name, args=[metric.slug]), metric.name
    )


@register.simple_tag(takes_context=True)
def mission_url(context, mission):
    """The mission page this reader may open: the internal page for officials, the public one otherwise."""
    from django.urls import reverse

    from missions import permissions

    request = context.get("request")
    official = request is not None and permissions.is_official(request.user)
    return reverse("missions:detail" if official else "missions:public-mission", args=[mission.slug])


@register.simple_tag(takes_context=True)
def metric_name(context, metric):
    """The metric's name as plain text (inside another link), or RESTRICTED_NAME where the reader may not
    see a restricted metric."""
    from django.contrib.auth.models import AnonymousUser

    from metrics.selectors import RESTRICTED_NAME, metrics_withheld_from

    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    return RESTRICTED_NAME if metrics_withheld_from(user=user, metrics=[metric]) else metric.name
