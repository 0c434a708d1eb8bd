"""Tests for metrics.progress, part 2: trajectories, formatting, arguments, roll-up and staleness (dates and
helpers in test_progress)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from metrics.progress import (
    ACHIEVED,
    AT_RISK,
    DETERIORATING,
    NO_TARGET,
    NOT_ENOUGH_DATA,
    OFF_TRACK,
    ON_TRACK,
    WORST_FIRST,
    Point,
    allowed_age_days,
    assess,
    is_stale,
    rollup,
)
from tests.metrics.test_progress import (
    Y2019,
    Y2021,
    Y2022,
    Y2023,
    Y2024,
    Y2030,
    higher_to_200,
    two_points,
)

# --- trajectory -------------------------------------------------------------------------------------------

# Lower is better: baseline 100 in 2019; planned 90 in 2022 and 80 in 2024.
PLAN = [Point(Y2022, 90), Point(Y2024, 80)]


def along_plan(latest, **kwargs):
    return assess([Point(Y2019, 100), Point(Y2023, latest)], direction="lower", trajectory=PLAN, **kwargs)


def test_trajectory_interpolates_between_points():
    # 2023-01-01 is 365 of the 730 days from 2022-01-01 to 2024-01-01: planned = 90 + 0.5 * (80 - 90) = 85
    # planned change = 85 - 100 = -15; actual = 90 - 100 = -10; R = -1 * -10 / 15 = 0.667 -> at risk
    result = along_plan(90)
    assert result.status == AT_RISK
    assert result.method == "trajectory"
    assert result.inputs["trajectory_value"] == 85.0
    assert result.ratio == pytest.approx(2 / 3)
    assert result.required_rate == pytest.approx(-15 / 4)  # per year, over the 4 years 2019 -> 2023
    assert result.observed_rate == pytest.approx(-10 / 4)
    assert result.explanation == (
        "The trajectory plans 85.0 by 2023 (interpolated linearly between 2022 (90.0) and 2024 (80.0)); "
        "the latest value is 90.0, 67% of the planned change from the baseline (100.0 in 2019): "
        "at risk (ratio 0.67)."
    )


def test_trajectory_within_tolerance_is_on_track():
    # actual = 85.5 - 100 = -14.5 of planned -15: R = 0.967 >= 0.95 -> on track
    assert along_plan(85.5).status == ON_TRACK
    # actual = -14 of -15: R = 0.933 -> at risk
    assert along_plan(86).status == AT_RISK


def test_trajectory_ahead_of_plan_and_worse_than_baseline():
    # 80 is better than the planned 85: R = 20 / 15 = 1.33 -> on track
    assert along_plan(80).status == ON_TRACK
    # 105 is worse than the baseline: R = -1 * 5 / 15 = -0.33 -> deteriorating
    assert along_plan(105).status == DETERIORATING


def test_trajectory_before_first_point_starts_from_baseline():
    # higher is better: baseline 100 (2019), plan 150 by 2024. 2021-01-01 is 731 of 1826 days (0.400329):
    # planned = 100 + 0.400329 * 50 = 120.016; R = (110 - 100) / 20.016 = 0.4996 -> off track
    result = assess(
        [Point(Y2019, 100), Point(Y2021, 110)], direction="higher", trajectory=[Point(Y2024, 150)]
    )
    assert result.inputs["trajectory_value"] == pytest.approx(120.0164, abs=1e-4)
    assert result.status == OFF_TRACK
    assert "interpolated linearly between 2019 (100.0) and 2024 (150.0)" in result.explanation


def test_trajectory_after_last_point_holds_last_value():
    # latest 2030 after the last planned point (80 in 2024): planned stays 80; 82 - 100 = -18 of -20: R = 0.9
    result = assess([Point(Y2019, 100), Point(Y2030, 82)], direction="lower", trajectory=PLAN)
    assert result.inputs["trajectory_value"] == 80.0
    assert result.ratio == pytest.approx(0.9)
    assert result.status == AT_RISK
    assert "its last planned value, for 2024" in result.explanation


def test_trajectory_exact_point_and_target_achieved():
    result = assess([Point(Y2019, 100), Point(Y2022, 90)], direction="lower", trajectory=PLAN)
    assert (result.status, result.ratio) == (ON_TRACK, 1.0)  # exactly the planned 90
    assert "(the trajectory's value)" in result.explanation
    achieved = along_plan(70, target_value=75, target_date=Y2030)
    assert achieved.status == ACHIEVED


# --- formatting and arguments -----------------------------------------------------------------------------


def test_units_decimal_places_and_period_labels():
    # financial years: 50 (2020/21) -> 60.5 (2022/23): observed = sqrt(1.21) - 1 = 0.10
    # required = (100/50) ** (1/10) - 1 = 0.071773 -> R = 1.39 -> on track
    result = assess(
        [Point(date(2020, 4, 1), Decimal("50")), Point(date(2022, 4, 1), Decimal("60.5"))],
        direction="higher",
        target_value=Decimal("100"),
        target_date=date(2030, 4, 1),
        unit="£m",
        decimal_places=2,
        frequency="financial_year",
    )
    assert result.status == ON_TRACK
    assert result.explanation.startswith(
        "Needs growth of 7.2% a year from 2020/21 (£50.00m) to reach £100.00m by 2030/31; "
        "achieving growth of 10.0% a year to 2022/23 (£60.50m)"
    )


def test_inputs_are_shown_and_json_ready():
    result = higher_to_200(two_points(121))
    assert result.inputs == {
        "baseline_date": "2020-01-01",
        "baseline_value": 100.0,
        "latest_date": "2022-01-01",
        "latest_value": 121.0,
        "target_date": "2030-01-01",
        "target_value": 200.0,
        "target_value_used": 200.0,
        "direction": "higher",
        "observations": 2,
        "thresholds": {"on_track": 0.95, "at_risk": 0.6, "off_track": 0.0},
        "method": "compound annual growth (Open SDG)",
    }


def test_invalid_arguments():
    with pytest.raises(ValueError, match="Direction must be 'higher' or 'lower'"):
        assess(two_points(121), direction="up")
    with pytest.raises(ValueError, match="A target needs both a value and a date"):
        assess(two_points(121), direction="higher", target_value=200)
    with pytest.raises(ValueError, match="two values for 2022-01-01"):
        assess([Point(Y2022, 1), Point(Y2022, 2)], direction="higher")


# --- roll-up ----------------------------------------------------------------------------------------------


def test_rollup_counts_every_status_and_the_worst():
    counts, worst = rollup([ON_TRACK, AT_RISK, ON_TRACK, ACHIEVED, NO_TARGET])
    assert counts == {
        "deteriorating": 0,
        "off_track": 0,
        "at_risk": 1,
        "on_track": 2,
        "achieved": 1,
        "not_enough_data": 0,
        "no_target": 1,
    }
    assert list(counts) == list(WORST_FIRST)
    assert worst == AT_RISK


@pytest.mark.parametrize(
    ("statuses", "worst"),
    [
        ([ACHIEVED, DETERIORATING, OFF_TRACK], DETERIORATING),
        ([ACHIEVED, ON_TRACK], ON_TRACK),
        ([ACHIEVED, NOT_ENOUGH_DATA, NO_TARGET], ACHIEVED),
        ([NO_TARGET, NOT_ENOUGH_DATA], NOT_ENOUGH_DATA),
        ([NO_TARGET], NO_TARGET),
        ([], NOT_ENOUGH_DATA),
    ],
)
def test_rollup_worst(statuses, worst):
    counts, result = rollup(iter(statuses))
    assert result == worst
    assert sum(counts.values()) == len(statuses)


def test_rollup_rejects_unknown_status():
    with pytest.raises(ValueError, match="'on track' is not a progress status"):
        rollup(["on track"])


# --- staleness --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "span", "allowed"),
    [
        ("annual", None, 365 + 180),
        ("financial_year", None, 365 + 180),
        ("academic_year", None, 365 + 180),
        ("quarterly", None, 92 + 92),
        ("monthly", None, 31 + 62),
        ("daily", None, 183 + 183),
        ("multi_year", None, 3 * 365 + 365),
        ("multi_year", 2, 2 * 365 + 365),
    ],
)
def test_stale_rule_per_frequency(frequency, span, allowed):
    end = date(2023, 12, 31)
    assert allowed_age_days(frequency, span=span) == allowed
    assert not is_stale(end, frequency, end + timedelta(days=allowed), span=span)
    assert is_stale(end, frequency, end + timedelta(days=allowed + 1), span=span)


def test_stale_examples_and_grace_override():
    # 2023 annual data (ends 2023-12-31) is fresh until 545 days later: 2025-06-28
    assert not is_stale(date(2023, 12, 31), "annual", date(2025, 6, 28))
    assert is_stale(date(2023, 12, 31), "annual", date(2025, 6, 29))
    # grace 0: only the 365-day cadence
    assert is_stale(date(2023, 12, 31), "annual", date(2025, 1, 1), grace_days=0)
    assert not is_stale(date(2023, 12, 31), "annual", date(2024, 12, 30), grace_days=0)
    # a quarter ending 2024-03-31 is stale 185 days later
    assert is_stale(date(2024, 3, 31), "quarterly", date(2024, 3, 31) + timedelta(days=185))
    with pytest.raises(ValueError, match="not a known frequency"):
        is_stale(date(2024, 3, 31), "weekly", date(2025, 1, 1))


def test_a_ratio_just_under_a_threshold_never_reads_as_the_threshold():
    from metrics.progress import shown_ratio

    assert shown_ratio(0.948) == "0.948"  # at risk: "0.95" would read as on track
    assert shown_ratio(0.5996) == "0.599"  # off track, not "0.60"
    assert shown_ratio(0.139) == "0.14"  # well inside its band: two decimals as usual
    assert shown_ratio(-0.004) == "-0.004"  # deteriorating, not "-0.00" or "0.00"
