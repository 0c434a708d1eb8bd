"""Tests for metrics.progress: hand-computed Open SDG ratios, edge rules, trajectories, roll-up, staleness.

Every expected number is worked out by hand in a comment. CAGR = (end / start) ** (1 / years) - 1 and
R = direction * observed / abs(required), with direction +1 (higher is better) or -1 (lower is better).
"""

from datetime import date
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
    STATUS_LABELS,
    STATUSES,
    WORST_FIRST,
    Point,
    assess,
    status_for_ratio,
)

Y2019, Y2020, Y2021, Y2022, Y2023, Y2024, Y2030 = (
    date(y, 1, 1) for y in (2019, 2020, 2021, 2022, 2023, 2024, 2030)
)

# Required CAGR from 100 in 2020 to 200 in 2030: 2 ** (1/10) - 1 = 1.071773 - 1 = 0.071773 (7.2% a year).
REQUIRED_100_TO_200 = 2**0.1 - 1


def two_points(latest_value, base_value=100):
    return [Point(Y2020, base_value), Point(Y2022, latest_value)]


def higher_to_200(points, **kwargs):
    return assess(points, direction="higher", target_value=200, target_date=Y2030, **kwargs)


# --- statuses and labels ----------------------------------------------------------------------------------


def test_status_constants_and_labels():
    assert STATUSES == (ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, DETERIORATING, NO_TARGET, NOT_ENOUGH_DATA)
    assert [STATUS_LABELS[s] for s in STATUSES] == [
        "Achieved",
        "On track",
        "At risk",
        "Off track",
        "Deteriorating",
        "No target",
        "Not enough data",
    ]
    assert WORST_FIRST == (
        "deteriorating",
        "off_track",
        "at_risk",
        "on_track",
        "achieved",
        "not_enough_data",
        "no_target",
    )


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (1.5, ON_TRACK),
        (0.95, ON_TRACK),
        (0.9499, AT_RISK),
        (0.6, AT_RISK),
        (0.5999, OFF_TRACK),
        (0.0, OFF_TRACK),
    ]
    + [(-0.0001, DETERIORATING)],
)
def test_thresholds(ratio, status):
    assert status_for_ratio(ratio) == status


# --- compound annual growth (Open SDG) --------------------------------------------------------------------


def test_on_track():
    # 100 (2020) -> 121 (2022): observed = (121/100) ** (1/2) - 1 = 1.1 - 1 = 0.10
    # required = 0.071773; R = 0.10 / 0.071773 = 1.393 >= 0.95 -> on track
    result = higher_to_200(two_points(121))
    assert result.status == ON_TRACK
    assert result.label == "On track"
    assert result.observed_rate == pytest.approx(0.10)
    assert result.required_rate == pytest.approx(REQUIRED_100_TO_200)
    assert result.ratio == pytest.approx(1.3933, abs=1e-4)
    assert result.method == "compound annual growth (Open SDG)"
    assert result.explanation == (
        "Needs growth of 7.2% a year from 2020 (100.0) to reach 200.0 by 2030; "
        "achieving growth of 10.0% a year to 2022 (121.0): on track (ratio 1.39)."
    )


def test_at_risk():
    # 100 -> 110.25 over 2 years: observed = sqrt(1.1025) - 1 = 0.05; R = 0.05 / 0.071773 = 0.697 -> at risk
    result = higher_to_200(two_points(Decimal("110.25")))
    assert result.status == AT_RISK
    assert result.ratio == pytest.approx(0.6966, abs=1e-4)


def test_off_track():
    # 100 -> 102.01 over 2 years: observed = sqrt(1.0201) - 1 = 0.01; R = 0.01 / 0.071773 = 0.139 -> off track
    result = higher_to_200(two_points(Decimal("102.01")))
    assert result.status == OFF_TRACK
    assert result.ratio == pytest.approx(0.1393, abs=1e-4)
    assert "off track (ratio 0.14)" in result.explanation


def test_deteriorating():
    # 100 -> 81 over 2 years: observed = sqrt(0.81) - 1 = -0.10
    # R = -0.10 / 0.071773 = -1.393 -> deteriorating
    result = higher_to_200(two_points(81))
    assert result.status == DETERIORATING
    assert result.ratio == pytest.approx(-1.3933, abs=1e-4)
    assert "achieving a fall of 10.0% a year" in result.explanation


def test_achieved_once_target_met():
    # latest 200 >= target 200 (higher is better) -> achieved, whatever the rate
    result = higher_to_200(two_points(200))
    assert result.status == ACHIEVED
    assert result.ratio is None
    assert result.observed_rate == pytest.approx(2**0.5 - 1)  # sqrt(200/100) - 1 = 0.414
    assert result.explanation == "Target of 200.0 by 2030 met: the latest value is 200.0 (2022)."


def test_achieved_with_a_single_point_as_open_sdg():
    # Open SDG checks "target achieved" before anything else, so one observation meeting it is enough.
    result = higher_to_200([Point(Y2022, 250)])
    assert result.status == ACHIEVED
    assert result.observed_rate is None


def test_middle_points_do_not_matter_and_order_is_irrelevant():
    # only baseline (earliest) and latest count: 100 (2020) -> 121 (2022), as test_on_track
    points = [Point(Y2022, 121), Point(Y2020, 100), Point(Y2021, 50)]
    assert higher_to_200(points).ratio == pytest.approx(1.3933, abs=1e-4)


def test_explicit_baseline():
    # baseline 110.25 in 2021 -> latest 121 in 2022 (1 year): observed = 121/110.25 - 1 = 0.097506
    # required from 110.25 (2021) to 200 (2030, 9 years): (200/110.25) ** (1/9) - 1 = 0.068376
    # R = 0.097506 / 0.068376 = 1.426 -> on track
    points = [Point(Y2020, 100), Point(Y2021, Decimal("110.25")), Point(Y2022, 121)]
    result = higher_to_200(points, baseline=Point(Y2021, Decimal("110.25")))
    assert result.observed_rate == pytest.approx(121 / 110.25 - 1)
    assert result.required_rate == pytest.approx((200 / 110.25) ** (1 / 9) - 1)
    assert result.ratio == pytest.approx(1.426, abs=1e-3)
    assert result.inputs["baseline_date"] == "2021-01-01"


def test_quarterly_time_in_fractions_of_a_year():
    # 100 (2020-Q1) -> 105 (2020-Q3) is half a year: observed = 1.05 ** 2 - 1 = 0.1025
    # R = 0.1025 / 0.071773 = 1.428 -> on track
    points = [Point(date(2020, 1, 1), 100), Point(date(2020, 7, 1), 105)]
    result = higher_to_200(points, frequency="quarterly")
    assert result.observed_rate == pytest.approx(0.1025)
    assert result.status == ON_TRACK
    assert "to 2020-Q3 (105.0)" in result.explanation


# --- lower is better --------------------------------------------------------------------------------------


def emissions(latest):
    return assess(
        [Point(Y2020, 400), Point(Y2022, latest)],
        direction="lower",
        target_value=100,
        target_date=Y2030,
        unit="MtCO2e",
        decimal_places=0,
    )


def test_lower_is_better_falling_towards_target():
    # 400 -> 324: observed = sqrt(0.81) - 1 = -0.10
    # required = (100/400) ** 0.1 - 1 = 0.870551 - 1 = -0.129449
    # R = -1 * -0.10 / 0.129449 = 0.7725 -> at risk
    result = emissions(324)
    assert result.status == AT_RISK
    assert result.ratio == pytest.approx(0.7725, abs=1e-4)
    assert result.explanation == (
        "Needs a fall of 12.9% a year from 2020 (400 MtCO2e) to reach 100 MtCO2e by 2030; "
        "achieving a fall of 10.0% a year to 2022 (324 MtCO2e): at risk (ratio 0.77)."
    )


def test_lower_is_better_rising_is_deteriorating():
    # 400 -> 441: observed = sqrt(1.1025) - 1 = +0.05; R = -1 * 0.05 / 0.129449 = -0.386 -> deteriorating
    result = emissions(441)
    assert result.status == DETERIORATING
    assert result.ratio == pytest.approx(-0.3863, abs=1e-4)


def test_lower_is_better_achieved():
    # 90 <= 100 -> achieved
    assert emissions(90).status == ACHIEVED
    assert emissions(100).status == ACHIEVED


# --- not enough data, no target ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "baseline"),
    [
        ([], None),
        ([Point(Y2022, 150)], None),
        ([Point(Y2020, 100), Point(Y2022, 150)], Point(Y2022, 150)),  # latest not after the baseline
        ([Point(Y2020, 100), Point(Y2022, None)], None),  # missing values are dropped
        ([Point(Y2020, 100), Point(Y2022, float("nan"))], None),
    ],
)
def test_not_enough_data(points, baseline):
    result = higher_to_200(points, baseline=baseline)
    assert result.status == NOT_ENOUGH_DATA
    assert result.label == "Not enough data"
    assert result.ratio is result.observed_rate is result.required_rate is None
    assert result.explanation.startswith(
        "Not enough data: progress needs a baseline and at least one later value"
    )


def test_no_target_still_reports_observed_rate():
    # 100 -> 121 over 2 years: observed = 0.10
    result = assess(two_points(121), direction="higher", unit="%")
    assert result.status == NO_TARGET
    assert result.ratio is None and result.required_rate is None
    assert result.observed_rate == pytest.approx(0.10)
    assert result.explanation == (
        "No target is set. From 2020 (100.0%) to 2022 (121.0%) the value shows growth of 10.0% a year."
    )


def test_no_target_without_enough_data():
    result = assess([Point(Y2022, 5)], direction="lower")
    assert result.status == NO_TARGET
    assert "not yet enough data" in result.explanation


# --- zero and negative values -----------------------------------------------------------------------------


def test_zero_base_uses_linear_rates():
    # 0 (2020) -> 4 (2022): observed = (4 - 0) / 2 = 2 a year
    # required = (10 - 0) / 10 = 1 a year; R = 2 / 1 = 2 -> on track
    result = assess(
        [Point(Y2020, 0), Point(Y2022, 4)],
        direction="higher",
        target_value=10,
        target_date=Y2030,
        unit="sites",
    )
    assert result.status == ON_TRACK
    assert result.method == "linear (values at or below zero)"
    assert (result.observed_rate, result.required_rate, result.ratio) == (2.0, 1.0, 2.0)
    assert "Needs a rise of 1.0 sites a year" in result.explanation
    assert "Linear rates are used because a value is zero or negative." in result.explanation


def test_zero_target_replaced_by_small_number_as_open_sdg():
    # 100 -> 81 over 2 years: observed = -0.10. Target 0 becomes 0.001:
    # required = (0.001/100) ** (1/10) - 1 = (1e-5) ** 0.1 - 1 = 0.316228 - 1 = -0.683772
    # R = -1 * -0.10 / 0.683772 = 0.1462 -> off track
    result = assess(two_points(81), direction="lower", target_value=0, target_date=Y2030)
    assert result.method == "compound annual growth (Open SDG)"
    assert result.inputs["target_value"] == 0
    assert result.inputs["target_value_used"] == 0.001
    assert result.required_rate == pytest.approx(-0.683772, abs=1e-6)
    assert result.ratio == pytest.approx(0.1462, abs=1e-4)
    assert result.status == OFF_TRACK


def test_negative_values_use_linear_rates():
    # public-sector balance, £bn, higher is better: -50 (2020) -> -30 (2022), target 0 by 2030
    # observed = (-30 - -50) / 2 = 10 a year; required = (0 - -50) / 10 = 5 a year; R = 10 / 5 = 2 -> on track
    result = assess(
        [Point(Y2020, -50), Point(Y2022, -30)],
        direction="higher",
        target_value=0,
        target_date=Y2030,
        unit="£bn",
    )
    assert (result.status, result.ratio) == (ON_TRACK, 2.0)
    assert result.method == "linear (values at or below zero)"
    assert "from 2020 (-£50.0bn) to reach £0.0bn by 2030" in result.explanation
    assert "achieving a rise of £10.0bn a year" in result.explanation


def test_values_crossing_zero_in_the_wrong_direction():
    # 10 -> -10 over 2 years: observed = -10 a year; required = (20 - 10) / 10 = 1 a year
    # R = -10 / 1 = -10 -> deteriorating
    result = assess(
        [Point(Y2020, 10), Point(Y2022, -10)],
        direction="higher",
        target_value=20,
        target_date=Y2030,
        unit="%",
    )
    assert (result.status, result.ratio) == (DETERIORATING, -10.0)
    assert "a fall of 10.0 percentage points a year" in result.explanation


def test_target_equal_to_baseline_and_moving_away():
    # required = (100/100) ** 0.1 - 1 = 0: no change needed, but 100 -> 90 moved away -> deteriorating
    result = assess(two_points(90), direction="higher", target_value=100, target_date=Y2030)
    assert result.status == DETERIORATING
    assert result.ratio is None
    assert result.required_rate == 0


def test_target_date_not_after_baseline_is_off_track():
    result = assess(two_points(150), direction="higher", target_value=200, target_date=Y2019)
    assert result.status == OFF_TRACK
    assert result.ratio is None
    assert "is not after the baseline" in result.explanation
