"""The three tests as pure functions: affordability with earlier approved cases, mission-critical gap share,
ten-year present values (no database)."""

from datetime import date
from decimal import Decimal as D

import pytest

from spending.appraisal.tests_pure import Cost, Gap, Impact, affordability, mission_critical, ten_year


def cost(year, amount, budget="RDEL"):
    return Cost(year, budget, D(amount), D(amount))


def test_affordability_counts_already_approved_cases_against_the_allocation():
    allocations = {(2026, "RDEL"): D(100), (2027, "RDEL"): D(100)}
    committed = {(2026, "RDEL"): D(70)}
    result = affordability(
        [cost(2026, 40), cost(2027, 40)],
        review_years=[2026, 2027],
        allocations=allocations,
        committed=committed,
    )
    assert result.result == "fail"
    first = result.inputs["years"][0]
    assert (first["allocation_m"], first["approved_cases_m"], first["headroom_m"], first["result"]) == (
        100.0,
        70.0,
        30.0,
        "fail",
    )
    assert result.inputs["years"][1]["result"] == "pass"
    fits = affordability([cost(2026, 30)], review_years=[2026], allocations=allocations, committed=committed)
    assert fits.result == "pass"


def test_affordability_is_not_assessable_without_a_review_costs_or_an_allocation():
    assert affordability([], review_years=[2026], allocations={}, committed={}).result == "not_assessable"
    assert (
        affordability([cost(2026, 1)], review_years=None, allocations={}, committed={}).result
        == "not_assessable"
    )
    missing = affordability(
        [cost(2026, 1, "CDEL")], review_years=[2026], allocations={(2026, "RDEL"): D(9)}, committed={}
    )
    assert missing.result == "not_assessable"
    assert missing.inputs["years"][0]["reason"] == "no allocation for this year and control total"


def impact(year, value, *, metric_id=1, probability="1", higher=True, value_m=None, health=False):
    return Impact(metric_id, year, D(str(value)), D(probability), True, higher, value_m, health)


GAP = Gap(
    metric_id=1,
    name="School readiness",
    core=True,
    latest_value=D("68"),
    latest_period="2023/24",
    target_value=D("75"),
    target_due=date(2029, 7, 31),
    higher_is_better=True,
)


def test_mission_critical_reports_the_share_of_the_remaining_gap_closed_by_the_target_date():
    # Start 2026-27 = year 1; the target falls in fiscal year 2029-30 = year 4; expected 1.4 × 0.5 = 0.7.
    impacts = [impact(y, v, probability="0.5") for y, v in [(1, 0.2), (2, 0.6), (3, 1.0), (4, 1.4), (5, 2.0)]]
    result = mission_critical(impacts, {1: GAP}, start_year=2026)
    row = result.inputs["metrics"][0]
    assert result.result == "pass"
    assert row["remaining_gap"] == 7.0
    assert row["horizon_year_at_target_date"] == 4
    assert row["impact_by_target_date"] == pytest.approx(0.7)
    assert row["gap_share"] == pytest.approx(0.1)  # 0.7 of a 7-point gap


def test_mission_critical_direction_and_non_core_metrics():
    lower = Gap(
        metric_id=2,
        name="Waiting list",
        core=True,
        latest_value=D("60"),
        latest_period="2025",
        target_value=D("92"),
        target_due=date(2029, 3, 31),
        higher_is_better=True,
    )
    worse = mission_critical([impact(1, -1, metric_id=2)], {2: lower}, start_year=2026)
    assert worse.result == "fail"
    comp = Gap(
        metric_id=3,
        name="Context",
        core=False,
        latest_value=None,
        latest_period=None,
        target_value=None,
        target_due=None,
        higher_is_better=True,
    )
    assert mission_critical([impact(1, 5, metric_id=3)], {3: comp}, start_year=2026).result == "fail"
    assert mission_critical([], {}, start_year=2026).result == "not_assessable"
    reduce = Gap(
        metric_id=4,
        name="Emissions",
        core=True,
        latest_value=D("100"),
        latest_period="2024",
        target_value=D("50"),
        target_due=date(2030, 12, 31),
        higher_is_better=False,
    )
    cut = mission_critical([impact(1, -10, metric_id=4, higher=False)], {4: reduce}, start_year=2026)
    assert cut.result == "pass" and cut.inputs["metrics"][0]["gap_share"] == pytest.approx(0.2)


def test_ten_year_present_values_npsv_and_bcr():
    costs = [cost(2026, 100), cost(2027, 100)]  # year 0 and year 1
    monetised = [impact(y, 1, value_m=50.0) for y in range(1, 11)]  # £50m a year, years 1..10 → DF 0..9
    result = ten_year(costs, monetised, start_year=2026)
    pvc = 100 + 100 / 1.035
    pvb = sum(50 / 1.035**t for t in range(10))
    assert result.result == "pass"
    assert result.figures["pv_costs_m"] == pytest.approx(pvc, abs=1e-3)
    assert result.figures["pv_benefits_m"] == pytest.approx(pvb, abs=1e-3)
    assert result.figures["npsv_m"] == pytest.approx(pvb - pvc, abs=2e-3)
    assert result.figures["bcr"] == pytest.approx(pvb / pvc, abs=1e-3)
    assert result.figures["cost_per_unit_of_impact_m"]["1"] == pytest.approx(pvc / 10, abs=1e-4)


def test_ten_year_uses_the_health_rate_and_bcr_is_null_when_nothing_is_monetised():
    health = ten_year([cost(2026, 1)], [impact(11, 1, value_m=100.0, health=True)], start_year=2026)
    assert health.figures["pv_benefits_m"] == pytest.approx(100 / 1.015**10, abs=1e-3)
    plain = ten_year([cost(2026, 10)], [impact(y, 1) for y in range(1, 11)], start_year=2026)
    assert plain.figures["bcr"] is None and plain.figures["pv_benefits_m"] == 0
    assert plain.result == "pass"
    short = ten_year([cost(2026, 10)], [impact(y, 1) for y in range(1, 7)], start_year=2026)
    assert short.result == "fail" and "year 6" in short.summary
    assert ten_year([cost(2026, 10)], [], start_year=2026).result == "not_assessable"
