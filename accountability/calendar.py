"""The statutory calendar for government responses, and the ONE rule for when a response is overdue."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings

#: Without a body rule: the government's convention of replying to a select committee within two months.
DEFAULT_RESPONSE_DAYS = 60


def default_response_due(body, laid_on: date) -> date:
    """A fixed day each year (the first on or after laying: Climate Change Act s.37, 15 October), else the
    body's days after laying, else the site default (setting ACCOUNTABILITY_RESPONSE_DAYS)."""
    if body.response_month and body.response_day:
        due = date(laid_on.year, body.response_month, body.response_day)
        return due if due >= laid_on else date(laid_on.year + 1, body.response_month, body.response_day)
    days = body.response_days or getattr(settings, "ACCOUNTABILITY_RESPONSE_DAYS", DEFAULT_RESPONSE_DAYS)
    return laid_on + timedelta(days=days)


def calendar_rule(body) -> str:
    if body.response_month and body.response_day:
        return f"by {date(2000, body.response_month, body.response_day):%-d %B} after laying"
    days = body.response_days or getattr(settings, "ACCOUNTABILITY_RESPONSE_DAYS", DEFAULT_RESPONSE_DAYS)
    return f"within {days} days of laying"


def response_overdue(*, due: date | None, responded_on: date | None, today: date) -> bool:
    """Overdue once the due date has passed with no response: not on the due date itself, but the day after.
    Every page, the API and the overdue lists use this function."""
    return responded_on is None and due is not None and today > due


def days_overdue(*, due: date | None, responded_on: date | None, today: date) -> int:
    if not response_overdue(due=due, responded_on=responded_on, today=today):
        return 0
    return (today - due).days  # type: ignore[operator]
