"""Template filters over metrics.formatting: the one way figures, dates and schedules read on pages."""

from django import template

from metrics import formatting

register = template.Library()


@register.filter
def figure(value, metric) -> str:
    """{{ value|figure:metric }} -> '221,070 dwellings', '68.3%' (the metric's places or more)."""
    if value is None:
        return ""
    return formatting.format_value(value, metric.unit, metric.decimal_places)


@register.filter
def number(value, metric) -> str:
    """{{ value|number:metric }} -> '221,070' (no unit, for table cells whose header names the unit)."""
    if value is None:
        return ""
    return formatting.format_number(value, metric.decimal_places)


@register.filter
def target_figure(target, metric) -> str:
    """{{ target|target_figure:metric }} -> '95 by 2030' (as worded; never 'by by')."""
    if target is None or target.value is None:
        return ""
    return formatting.target_words(target.value, metric.unit, target.due_label)


@register.filter
def by_due(label) -> str:
    return formatting.by_due(label)


@register.filter
def govuk_date(value) -> str:
    """{{ day|govuk_date }} -> '31 March 2026'."""
    return formatting.govuk_date(value)


@register.filter
def cron_words(expression) -> str:
    """{{ source.schedule|cron_words }} -> 'Every day at 09:30'."""
    return formatting.describe_cron(expression)
