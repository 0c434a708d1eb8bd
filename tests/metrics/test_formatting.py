"""Issue 15: one way figures, dates and schedules read, everywhere."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template

from metrics import formatting
from metrics.models import Metric, Target


def test_thousands_separators_and_units():
    assert formatting.format_value(221070, "dwellings", 0) == "221,070 dwellings"
    assert formatting.format_value(Decimal("64.41800000000000000"), "%", 3) == "64.418%"  # no space before %
    assert formatting.format_value(Decimal("12.5"), "deaths per 100,000", 1) == "12.5 deaths per 100,000"


def test_a_figure_shows_at_least_its_published_precision():
    assert formatting.format_number(Decimal("68.30000000000000000"), 0) == "68.3"  # never 68
    assert formatting.format_number(Decimal("68"), 1) == "68.0"  # the metric's places as a minimum
    assert formatting.format_number(Decimal("123456789012345.12345678901234567"), 2) == (
        "123,456,789,012,345.12345678901234567"
    )


def test_targets_read_as_worded_and_never_by_by():
    assert formatting.target_words(Decimal("95.00000000000000000"), "", "2030") == "95 by 2030"
    assert formatting.target_words(Decimal("65"), "%", "by March 2026") == "65% by March 2026"
    assert formatting.by_due("By the end of the Parliament") == "by the end of the Parliament"
    assert formatting.by_due("Byline 2029") == "by Byline 2029"


def test_dates_are_govuk_style():
    assert formatting.govuk_date(dt.date(2026, 3, 31)) == "31 March 2026"
    assert formatting.govuk_date("2026-03-31") == "31 March 2026"
    assert formatting.govuk_date(None) == ""


@pytest.mark.parametrize(
    ("cron", "words"),
    [
        ("30 9 * * *", "Every day at 09:30"),
        ("0 7 * * 1-5", "Every weekday (Monday to Friday) at 07:00"),
        ("0 6 * * 1", "Every Monday at 06:00"),
        ("15 8 * * 1,4", "Every Monday and Thursday at 08:15"),
        ("0 9 1 * *", "On day 1 of every month at 09:00"),
        ("0 9 15 3 *", "Every year on 15 March at 09:00"),
        ("*/15 * * * *", "Every 15 minutes"),
        ("5 * * * *", "Every hour at 5 minutes past"),
        ("0 9 L * *", "Custom schedule (0 9 L * *)"),
    ],
)
def test_cron_in_words(cron, words):
    assert formatting.describe_cron(cron) == words


def test_template_filters_use_the_same_functions():
    metric = Metric(unit="dwellings", decimal_places=0)
    target = Target(value=Decimal("1500000"), due_label="by the end of the Parliament")
    html = Template(
        "{% load md_format %}{{ v|figure:m }}|{{ t|target_figure:m }}|{{ d|govuk_date }}|{{ c|cron_words }}"
    ).render(
        Context(
            {"v": Decimal("221070"), "m": metric, "t": target, "d": dt.date(2026, 3, 31), "c": "30 9 * * *"}
        )
    )
    expected = "221,070 dwellings|1,500,000 dwellings by the end of the Parliament|31 March 2026"
    assert html == expected + "|Every day at 09:30"
