"""metrics.target_forms without a database: each target form's status, worked out by hand.

CAGR = (end / start) ** (1 / years) - 1; R = direction * observed / abs(required) (see test_progress).
"""

from datetime import date
from decimal import Decimal

import pytest

from metrics.progress import (
    ACHIEVED,
    AT_RISK,
    DEPARTURE_DATE,
    DEPARTURE_ZERO,
    DEPARTURES,
    NOT_ENOUGH_DATA,
    OFF_TRACK,
    ON_TRACK,
    Point,
    assess,
)
from metrics.target_forms import (
    BUDGET,
    COMPARATOR,
    GAP,
    LEVEL,
    RELATIVE,
    Series,
    TargetSpec,
    assess_target,
    budget_periods,
    gap_series,
)

ANNUAL_UP = Series(direction="higher", unit="%", decimal_places=1, frequency="annual")
ANNUAL_DOWN = Series(direction="lower", unit="%", decimal_places=1, frequency="annual")


def years(*pairs):
    return [Point(date(y, 1, 1), Decimal(str(v))) for y, v in pairs]


# --- the status-method bug: a baseline after the latest observation ---------------------------------------


def test_baseline_after_the_latest_observation_is_not_enough_data_not_a_status_from_the_first_point():
    # Real shape of the bug: data 1990..2021, baseline moved to 2026. Measuring from 1990 said "at risk".
    points = years((1990, 800), (2000, 700), (2021, 430))

    result = assess(
        points,
        direction="lower",
        target_value=150,
        target_date=date(2035, 1, 1),
        baseline_date=date(2026, 1, 1),
    )

    assert result.status == NOT_ENOUGH_DATA
    assert "baseline, 2026, is after the latest value (2021)" in result.explanation
    assert result.inputs["baseline_date"] == "2026-01-01"


def test_baseline_date_picks_the_first_point_on_or_after_it():
    # From 2020 (100) to 2022 (110): CAGR 4.88%; 2020 → 2030 to 200 needs 7.18%; R = 0.68 → at risk.
    points = years((2010, 50), (2020, 100), (2022, 110))

    result = assess(
        points,
        direction="higher",
        target_value=200,
        target_date=date(2030, 1, 1),
        baseline_date=date(2019, 6, 1),
    )

    assert result.status == AT_RISK
    assert result.inputs["baseline_date"] == "2020-01-01"
    assert result.ratio == pytest.approx((1.1**0.5 - 1) / (2**0.1 - 1))


def test_zero_target_departure_is_said_in_words():
    result = assess(
        years((2020, 5), (2022, 0)), direction="lower", target_value=0, target_date=date(2030, 1, 1)
    )

    assert result.status == ACHIEVED
    assert DEPARTURE_ZERO in result.explanation


def test_target_date_not_after_the_baseline_is_off_track_and_says_open_sdg_has_no_rule():
    result = assess(
        years((2020, 50), (2022, 55)),
        direction="higher",
        target_value=70,
        target_date=date(2020, 1, 1),
    )

    assert result.status == OFF_TRACK
    assert DEPARTURE_DATE in result.explanation
    assert len(DEPARTURES) == 3


# --- level and relative ------------------------------------------------------------------------------------


def test_level_form_is_the_open_sdg_method_unchanged():
    points = years((2020, 100), (2022, 110))
    spec = TargetSpec(form=LEVEL, value=200, due=date(2030, 1, 1))

    assert assess_target(spec, points, ANNUAL_UP) == assess(
        points,
        direction="higher",
        target_value=200,
        target_date=date(2030, 1, 1),
        unit="%",
        frequency="annual",
    )


def test_relative_halving_derives_the_level_from_the_baseline_and_says_so():
    # Halve 10.0 (2020) by 2030 → 5.0. 2020 → 2022: 10 → 9, CAGR 0.9**0.5 - 1 = -5.13%;
    # required 0.5**0.1 - 1 = -6.70%; R = -1 * -0.0513 / 0.0670 = 0.766 → at risk.
    spec = TargetSpec(
        form=RELATIVE, factor=Decimal("0.5"), baseline_date=date(2020, 1, 1), due=date(2030, 1, 1)
    )

    result = assess_target(spec, years((2018, 12), (2020, 10), (2022, 9)), ANNUAL_DOWN)

    assert result.status == AT_RISK
    assert result.ratio == pytest.approx((1 - 0.9**0.5) / (1 - 0.5**0.1))
    assert result.inputs["target_value"] == 5.0
    assert result.inputs["target_value_derived"] is True
    assert result.explanation.startswith(
        "The target is derived from the baseline: half of the 2020 value of 10.0%, that is 5.0%."
    )


def test_relative_with_a_baseline_after_the_data_is_not_enough_data():
    spec = TargetSpec(
        form=RELATIVE, factor=Decimal("0.5"), baseline_date=date(2024, 4, 1), due=date(2034, 1, 1)
    )

    result = assess_target(spec, years((2020, 10), (2022, 9)), ANNUAL_DOWN)

    assert result.status == NOT_ENOUGH_DATA
    assert "is after the latest value (2022)" in result.explanation


def test_relative_without_a_published_date_cannot_require_a_rate():
    spec = TargetSpec(form=RELATIVE, factor=Decimal("0.5"), baseline_date=date(2020, 1, 1))

    result = assess_target(spec, years((2020, 10), (2022, 9)), ANNUAL_DOWN)

    assert result.status == NOT_ENOUGH_DATA
    assert "No date is published" in result.explanation
    assert result.inputs["target_value"] == 5.0


def test_relative_with_a_stored_baseline_uses_it():
    # 19% of 800 = 152; a stored baseline needs no observation at that date.
    spec = TargetSpec(
        form=RELATIVE,
        factor=Decimal("0.19"),
        baseline_date=date(1990, 1, 1),
        baseline_value=800,
        due=date(2035, 1, 1),
    )

    result = assess_target(spec, years((2000, 700), (2021, 430)), ANNUAL_DOWN)

    assert result.inputs["target_value"] == pytest.approx(152)
    assert "19% of the 1990 value of 800.0%" in result.explanation


# --- gap -------------------------------------------------------------------------------------------------


def test_gap_series_is_highest_minus_lowest_where_every_group_has_a_value():
    groups = {
        "North East": years((2011, 59), (2014, 58), (2017, 57)),
        "London": years((2011, 64), (2014, 64), (2017, 65)),
        "South East": years((2011, 65), (2017, 64)),  # no 2014: that period is left out
    }

    gaps = gap_series(groups)

    assert [(p.when.year, float(p.value), high, low) for p, high, low in gaps] == [
        (2011, 6.0, "South East", "North East"),
        (2017, 8.0, "London", "North East"),
    ]


def test_halving_a_gap_is_judged_on_the_gap_series_which_should_fall():
    # Gap 6 (2011) → 8 (2017): widening; halve 6 → 3 by 2031. Compound on the gap: observed +4.9% a year,
    # required -3.4% a year, lower is better → R < 0 → deteriorating.
    groups = {"A": years((2011, 59), (2017, 57)), "B": years((2011, 65), (2017, 65))}
    spec = TargetSpec(
        form=GAP, factor=Decimal("0.5"), baseline_date=date(2011, 1, 1), due=date(2031, 1, 1), groups=groups
    )

    result = assess_target(spec, [], Series(direction="higher", unit="years", frequency="annual"))

    assert result.status == "deteriorating"
    assert result.inputs["form"] == GAP
    assert result.inputs["target_value"] == 3.0
    assert "In 2017 it is 8.0 years (B minus A)" in result.explanation


def test_gap_with_no_common_period_is_not_enough_data():
    spec = TargetSpec(
        form=GAP, value=2, due=date(2030, 1, 1), groups={"A": years((2011, 1)), "B": years((2012, 2))}
    )

    assert assess_target(spec, [], ANNUAL_UP).status == NOT_ENOUGH_DATA


# --- comparator ------------------------------------------------------------------------------------------


G7 = {
    "Germany": years((2024, 0.5), (2025, 1.0)),
    "France": years((2024, 1.0), (2025, 1.2)),
    "United States": years((2024, 2.5), (2025, 2.0)),
}


@pytest.mark.parametrize(
    "ours,due,expected,rank",
    [
        ([(2024, 3.0), (2025, 2.5)], date(2028, 1, 1), ON_TRACK, 1),  # average 2.75 beats the US's 2.25
        (
            [(2024, 3.0), (2025, 2.5)],
            date(2025, 1, 1),
            ACHIEVED,
            1,
        ),  # the last compared period is the due one
        ([(2024, 1.0), (2025, 1.5)], date(2028, 1, 1), OFF_TRACK, 2),  # average 1.25 ranks second
    ],
)
def test_comparator_ranks_the_average_since_the_baseline(ours, due, expected, rank):
    spec = TargetSpec(
        form=COMPARATOR,
        rank=1,
        baseline_date=date(2024, 1, 1),
        due=due,
        comparators=G7,
        comparator_label="the G7",
    )

    result = assess_target(spec, years((2020, 9.0), *ours), ANNUAL_UP)  # 2020 is before the baseline: ignored

    assert result.status == expected
    assert result.inputs["rank"] == rank
    assert result.inputs["periods"] == ["2024-01-01", "2025-01-01"]
    assert f"ours ranks {rank} of 4" in result.explanation


def test_comparator_without_comparator_series_says_so():
    spec = TargetSpec(form=COMPARATOR, rank=1, comparator_label="the G7", due=date(2028, 1, 1))

    result = assess_target(spec, years((2024, 1.0)), ANNUAL_UP)

    assert result.status == NOT_ENOUGH_DATA
    assert "no comparator series is loaded" in result.explanation
    assert "the highest in the G7" in result.explanation


def test_comparator_lower_is_better_ranks_the_lowest_first():
    spec = TargetSpec(form=COMPARATOR, rank=1, due=date(2030, 1, 1), comparators={"X": years((2024, 5))})

    result = assess_target(spec, years((2024, 4)), ANNUAL_DOWN)

    assert (result.status, result.inputs["rank"]) == (ON_TRACK, 1)


# --- budget ----------------------------------------------------------------------------------------------

FY = Series(direction="higher", unit="dwellings", decimal_places=0, frequency="financial_year")
CARBON = Series(direction="lower", unit="MtCO2e", decimal_places=0, frequency="annual")


def fy(*pairs):
    return [Point(date(y, 4, 1), Decimal(v)) for y, v in pairs]


def test_budget_periods_cover_the_window_inclusive():
    assert budget_periods(date(2024, 4, 1), date(2028, 4, 1), "financial_year") == [
        date(y, 4, 1) for y in range(2024, 2029)
    ]


@pytest.mark.parametrize(
    "points,expected,ratio",
    [
        ([], NOT_ENOUGH_DATA, None),
        # even pace 1,500,000 / 5 = 300,000; two years averaging 290,000 → R = 0.967 → on track
        ([(2024, 280_000), (2025, 300_000)], ON_TRACK, 290_000 / 300_000),
        # 200,000 a year → R = 0.667 → at risk
        ([(2024, 200_000), (2025, 200_000)], AT_RISK, 200_000 / 300_000),
        # all five years in and 1,400,000 < 1,500,000 → missed: off track
        ([(y, 280_000) for y in range(2024, 2029)], OFF_TRACK, None),
        # the floor reached early → achieved
        ([(2024, 800_000), (2025, 700_000)], ACHIEVED, None),
    ],
)
def test_a_floor_of_1_5_million_homes(points, expected, ratio):
    spec = TargetSpec(form=BUDGET, value=1_500_000, budget_start=date(2024, 4, 1), due=date(2028, 4, 1))

    result = assess_target(spec, fy((2023, 221_070), *points), FY)  # 2023/24 is before the window

    assert result.status == expected
    assert result.ratio == (pytest.approx(ratio) if ratio is not None else None)
    assert result.inputs["budget_periods"] == 5


@pytest.mark.parametrize(
    "points,expected",
    [
        # cap 1,950 over 2023..2027 → even 390 a year; 400 a year → R = 390/400 = 0.975 → on track
        ([(2023, 400), (2024, 400)], ON_TRACK),
        # 2,000 in two years: the cap is already exceeded → off track
        ([(2023, 1000), (2024, 1000)], OFF_TRACK),
        # all five years reported within the cap → achieved
        ([(y, 380) for y in range(2023, 2028)], ACHIEVED),
    ],
)
def test_a_carbon_budget_style_cap(points, expected):
    spec = TargetSpec(form=BUDGET, value=1950, budget_start=date(2023, 1, 1), due=date(2027, 1, 1))

    result = assess_target(spec, years(*points), CARBON)

    assert result.status == expected
    assert "A cap of 1,950 MtCO2e over 2023 to 2027" in result.explanation


def test_an_unknown_form_is_an_error():
    with pytest.raises(ValueError, match="not a target form"):
        assess_target(TargetSpec(form="wish"), [], ANNUAL_UP)
