"""A fetch never outlasts the pull task: every attempt, redirect and backoff fits in PULL_FETCH_BUDGET, which
fits in the task's soft time limit (issue 9)."""

import pytest
import requests

from sources import fetch as fetch_module
from sources.checks import fetch_budget_fits_the_task
from sources.fetch import FetchError, fetch, fetch_budget
from sources.tasks import IMPORT_ALLOWANCE, PULL_SOFT_TIME_LIMIT, source_pull


def test_the_default_budget_fits_in_the_task_time_limit():
    assert fetch_budget() + IMPORT_ALLOWANCE <= PULL_SOFT_TIME_LIMIT
    assert source_pull.soft_time_limit == PULL_SOFT_TIME_LIMIT < source_pull.time_limit
    assert fetch_budget_fits_the_task() == []


def test_a_budget_too_large_for_the_task_is_a_system_check_error(settings):
    settings.PULL_FETCH_BUDGET = PULL_SOFT_TIME_LIMIT
    [error] = fetch_budget_fits_the_task()
    assert error.id == "sources.E001"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(fetch_module.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(fetch_module.time, "sleep", clock.sleep)
    return clock


def test_retries_stop_when_the_budget_is_spent(settings, clock, monkeypatch):
    """Generous retry settings (10 attempts, 60 s backoff, 40 s timeouts) still stop inside the budget."""
    settings.PULL_ATTEMPTS = 10
    settings.PULL_BACKOFF = 60
    settings.PULL_CONNECT_TIMEOUT = settings.PULL_READ_TIMEOUT = 40
    settings.PULL_FETCH_BUDGET = 240
    timeouts = []

    def slow_get(self, url, *, timeout, **kwargs):
        timeouts.append(timeout)
        clock.now += timeout[0] + timeout[1]  # the worst a hung server can cost
        raise requests.Timeout()

    monkeypatch.setattr(fetch_module, "check_url", lambda url: None)
    monkeypatch.setattr(requests.Session, "get", slow_get)
    start = clock.now
    with pytest.raises(FetchError, match="Tried") as raised:
        fetch("https://example.org/release.csv")
    assert clock.now - start <= fetch_budget()
    # What fetch() must do with these settings: each attempt's connect and read timeouts are 40 s, or half
    # the time left; after attempt n it waits 60 * 2**(n-1) s, unless that wait reaches the deadline.
    expected, spent, attempt = [], 0.0, 1
    while True:
        half_left = (fetch_budget() - spent) / 2
        expected.append((min(40.0, half_left), min(40.0, half_left)))
        spent += sum(expected[-1])
        backoff = 60 * 2 ** (attempt - 1)
        if attempt == 10 or spent + backoff >= fetch_budget():
            break
        spent, attempt = spent + backoff, attempt + 1
    assert timeouts == expected
    assert clock.now - start == spent
    assert str(raised.value).endswith(f"Tried {len(expected)} times.")
    # in numbers: 40 + 40, wait 60, 40 + 40 (220 s), and the next 120 s wait would pass the 240 s budget
    assert timeouts == [(40.0, 40.0), (40.0, 40.0)] and spent == 220
