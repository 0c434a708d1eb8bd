"""The ONE overdue rule at the due date's boundaries, and where overdue responses are flagged."""

import datetime as dt

import pytest

from accountability.calendar import days_overdue, response_overdue
from accountability.models import Recommendation
from accountability.selectors import overdue_responses

DUE = dt.date(2026, 10, 15)


@pytest.mark.parametrize(
    "today,responded_on,overdue",
    [
        (DUE - dt.timedelta(days=1), None, False),
        (DUE, None, False),  # due today: not yet overdue
        (DUE + dt.timedelta(days=1), None, True),  # the day after: overdue
        (DUE + dt.timedelta(days=1), DUE, False),
        (DUE + dt.timedelta(days=30), DUE + dt.timedelta(days=5), False),  # late, but given
    ],
)
def test_overdue_from_the_day_after_the_due_date_until_answered(today, responded_on, overdue):
    assert response_overdue(due=DUE, responded_on=responded_on, today=today) is overdue
    assert days_overdue(due=DUE, responded_on=responded_on, today=today) == (
        (today - DUE).days if overdue else 0
    )


def test_no_due_date_is_never_overdue():
    assert not response_overdue(due=None, responded_on=None, today=DUE)


@pytest.mark.django_db
def test_the_selector_uses_the_same_boundary(laid_report, world, users):
    due = laid_report.government_response_due
    assert overdue_responses(user=users["centre"], today=due) == []
    rows = overdue_responses(user=users["centre"], today=due + dt.timedelta(days=1))
    assert [o.recommendation.number for o in rows] == [1, 2] and rows[0].days == 1
    assert (
        overdue_responses(user=users["dfe"], organisation=world["orgs"]["dhsc"], today=due + dt.timedelta(1))
        == []
    )


@pytest.fixture
def overdue_world(laid_report):
    """Make the laid report's responses fall due yesterday."""
    yesterday = dt.date.today() - dt.timedelta(days=1)
    laid_report.laid_on = yesterday - dt.timedelta(days=10)
    laid_report.government_response_due = yesterday
    laid_report.save()
    Recommendation.objects.update(response_due=yesterday)
    return laid_report


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona,path",
    [
        ("centre", "/"),
        ("dfe", "/departments/dfe/"),
        (None, "/public/"),
        (None, "BODY"),
        (None, "/accountability/responses/overdue/"),
        ("accountability", "/accountability/"),
    ],
)
def test_overdue_responses_are_flagged_on_each_page(client_for, overdue_world, world, persona, path):
    path = world["body"].get_absolute_url() if path == "BODY" else path
    page = client_for(persona).get(path)
    assert page.status_code == 200
    if path == "/accountability/":
        assert "Overdue government responses</a> (2)" in page.text
    else:
        assert "Overdue by 1 day" in page.text or ">1<" in page.text
        assert overdue_world.recommendations.get(number=1).get_absolute_url() in page.text


@pytest.mark.django_db
def test_a_response_clears_the_flag(client_for, overdue_world):
    rec = overdue_world.recommendations.get(number=1)
    client_for("dfe").post(
        f"{rec.get_absolute_url()}response/", {"response": "accepted", "response_text": "Yes."}
    )
    page = client_for(None).get("/public/")
    assert rec.get_absolute_url() not in page.text
    assert overdue_world.recommendations.get(number=2).get_absolute_url() in page.text


@pytest.mark.django_db
def test_the_department_sees_only_its_own_overdue_responses(client_for, overdue_world, users):
    page = client_for("dhsc").get("/departments/dhsc/")
    assert "Government responses overdue (0)" in page.text
