"""Template words that come from the status method itself, so pages never hold a second copy of them."""

from django import template

from metrics import progress

register = template.Library()


@register.simple_tag
def status_departures() -> tuple[str, ...]:
    """Where the status method departs from Open SDG (ADR 0003), as shown to users."""
    return progress.DEPARTURES
