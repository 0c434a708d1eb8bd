"""A department's name, linked to its dashboard only where the reader may open it (missions.permissions), so
no page offers a link that answers 404 (another department's dashboard)."""

from django import template
from django.utils.html import format_html

from missions.permissions import can_view_department

register = template.Library()


@register.simple_tag(takes_context=True)
def department_link(context, organisation):
    request = context.get("request")
    user = getattr(request, "user", None)
    if organisation is None:
        return ""
    if user is not None and can_view_department(user, organisation):
        url = organisation.get_absolute_url()
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, organisation)
    return format_html("{}", organisation)
