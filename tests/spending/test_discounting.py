"""Green Book discount factors against hand-computed values (no database)."""

import math

import pytest

from spending.discounting import GREEN_BOOK_2026, discount_factor, present_value, rate_for_year, schedule

# Hand-computed: DF_t = prod 1/(1+r_i); 3.5% for years 1-30, 3.0% for 31-75, 2.5% for 76-125.
DF_30 = 1 / 1.035**30


@pytest.mark.parametrize(
    "year,expected",
    [
        (0, 1.0),
        (1, 1 / 1.035),
        (10, 0.7089188),  # the Green Book's own example: 1/1.035^10 ≈ 0.7089
        (30, 0.3562784),
        (31, DF_30 / 1.03),  # 0.3459014: the rate steps down, compounding continues from year 30
        (75, DF_30 / 1.03**45),  # 0.0942138
        (76, DF_30 / 1.03**45 / 1.025),
    ],
)
def test_standard_schedule_matches_hand_computed_factors(year, expected):
    assert discount_factor(year) == pytest.approx(expected, rel=1e-6)


def test_hand_values_written_out():
    assert round(discount_factor(10), 4) == 0.7089
    assert round(discount_factor(30), 4) == 0.3563
    assert round(discount_factor(31), 4) == 0.3459
    assert round(discount_factor(75), 4) == 0.0942


@pytest.mark.parametrize(
    "year,expected",
    [
        (10, 1 / 1.015**10),  # 0.8617
        (30, 1 / 1.015**30),  # 0.6398
        (31, 1 / 1.015**30 / 1.0129),
        (75, 1 / 1.015**30 / 1.0129**45),
        (76, 1 / 1.015**30 / 1.0129**45 / 1.0107),
    ],
)
def test_health_schedule_matches_hand_computed_factors(year, expected):
    assert discount_factor(year, health=True) == pytest.approx(expected, rel=1e-9)


def test_health_rates_are_the_green_book_ones():
    rates = [float(band.rate) for band in GREEN_BOOK_2026.health]
    assert rates == [0.015, 0.0129, 0.0107, 0.0086, 0.0064, 0.0043]
    assert [float(b.rate) for b in GREEN_BOOK_2026.standard] == [0.035, 0.03, 0.025, 0.02, 0.015, 0.01]
    assert float(rate_for_year(301, GREEN_BOOK_2026.standard)) == 0.01
    assert float(rate_for_year(200, GREEN_BOOK_2026.health)) == 0.0086


def test_present_value_sums_discounted_flows():
    assert present_value([(0, 100.0), (10, 100.0)]) == pytest.approx(100 + 70.89188, rel=1e-6)
    assert math.isclose(present_value([]), 0.0)


def test_unknown_schedule_and_negative_year_are_refused():
    with pytest.raises(ValueError, match="No discount schedule"):
        schedule("green-book-1066")
    with pytest.raises(ValueError):
        discount_factor(-1)
