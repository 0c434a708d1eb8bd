"""Filters for the frozen pack content, which stores dates as ISO strings."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def isodate(value: str, fmt: str = "j F Y") -> str:
    """'2026-03-03T10:00:00+00:00' -> '3 March 2026' (any Django date format)."""
    if not value:
        return ""
    parsed = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(parsed, datetime) and timezone.is_aware(parsed):
        parsed = timezone.localtime(parsed)
    return date_format(parsed, fmt)


@register.simple_tag
def status_class(status: str) -> str:
    """GOV.UK tag colour for a progress status (words always shown too, never colour alone)."""
    return {
        "achieved": "govuk-tag--green",
        "on_track": "govuk-tag--green",
        "at_risk": "govuk-tag--yellow",
        "off_track": "govuk-tag--orange",
        "deteriorating": "govuk-tag--red",
        "done": "govuk-tag--green",
        "dropped": "govuk-tag--grey",
    }.get(status, "govuk-tag--grey")


@register.simple_tag
def field_value(values, prefix: str, field: str) -> str:
    """A posted or initial value of a return's field, keyed "<prefix>-<field>"."""
    if not values:
        return ""
    return values.get(f"{prefix}-{field}", "")


@register.simple_tag
def confidence_class(confidence: str) -> str:
    return {
        "highly_likely": "govuk-tag--green",
        "likely": "govuk-tag--turquoise",
        "unlikely": "govuk-tag--orange",
        "highly_unlikely": "govuk-tag--red",
    }.get(confidence, "govuk-tag--grey")


@register.simple_tag
def council_nav(user) -> dict:
    """Which councils links the navigation shows: the same named rules the pages check."""
    from councils import permissions

    return {"councils": permissions.can_see_councils(user), "check_ins": permissions.has_check_ins(user)}


@register.simple_tag(takes_context=True)
def council_links(context):
    """What this user may open among the things council pages mention (computed once per request)."""
    from councils.links import Links, links_for

    request = context.get("request")
    if request is None:
        return Links()
    if not hasattr(request, "_council_links"):
        request._council_links = links_for(request.user)
    return request._council_links
