"""metric_statuses with targets of every form, read from the database in a fixed number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics import progress
from metrics.models import ComparatorValue, SeriesBreak, Target
from metrics.status import metric_statuses
from tests.factories import MetricFactory, ObservationFactory, TargetFactory, geography

pytestmark = pytest.mark.django_db

REGIONS = ["E12000001", "E12000007", "E12000008"]


def _series(metric, values, start=2000, geo="K02000001", month=1):
    for offset, value in enumerate(values):
        ObservationFactory(
            metric=metric,
            geography=geography(geo),
            period_start=dt.date(start + offset, month, 1),
            value=Decimal(value),
        )


def test_a_baseline_after_the_latest_observation_is_not_enough_data():
    # Before the fix the status silently measured from the earliest observation ("at risk, from 2000").
    metric = MetricFactory()
    _series(metric, ["50", "52", "54", "56"])
    TargetFactory(
        metric=metric, value=Decimal("70"), due_date=dt.date(2030, 1, 1), baseline_date=dt.date(2026, 1, 1)
    )

    s = metric_statuses([metric])[metric.pk]

    assert s.status == progress.NOT_ENOUGH_DATA
    assert "the target's baseline, 2026, is after the latest value (2003)" in s.assessment.explanation


def test_relative_target_derives_its_level_from_the_observation_at_the_baseline():
    metric = MetricFactory(direction="lower")
    _series(metric, ["10", "9.5", "9"])
    TargetFactory(
        metric=metric,
        form=Target.Form.RELATIVE,
        value=None,
        factor=Decimal("0.5"),
        baseline_date=dt.date(2000, 1, 1),
        due_date=dt.date(2010, 1, 1),
    )

    s = metric_statuses([metric])[metric.pk]

    assert s.assessment.inputs["target_value"] == 5.0
    assert s.assessment.inputs["target_value_derived"] is True
    assert "derived from the baseline: half of the 2000 value" in s.assessment.explanation


def test_gap_between_regions_is_judged_on_the_gap_series():
    metric = MetricFactory(frequency="annual")
    _series(metric, ["62", "62"], start=2011, geo="E92000001")
    for code, values in zip(REGIONS, (["58", "57"], ["64", "64"], ["65", "65"]), strict=True):
        _series(metric, values, start=2011, geo=code)
    target = TargetFactory(
        metric=metric,
        geography=geography(metric.default_geography.code),
        form=Target.Form.GAP,
        value=None,
        factor=Decimal("0.5"),
        baseline_date=dt.date(2011, 1, 1),
        due_date=dt.date(2031, 1, 1),
    )
    target.gap_geographies.set([geography(code) for code in REGIONS])

    s = metric_statuses([metric])[metric.pk]

    # Gap 7 (65 − 58) widening to 8 (65 − 57): the target halves 7 → 3.5, so deteriorating.
    assert s.status == progress.DETERIORATING
    assert s.assessment.inputs["gap_series"] == [
        {"date": "2011-01-01", "value": 7.0},
        {"date": "2012-01-01", "value": 8.0},
    ]
    assert "(South East minus North East)" in s.assessment.explanation


def test_comparator_target_ranks_among_its_comparator_values():
    metric = MetricFactory()
    _series(metric, ["1.0", "3.0", "2.5"], start=2023)
    target = TargetFactory(
        metric=metric,
        form=Target.Form.COMPARATOR,
        value=None,
        rank=1,
        comparator_label="the G7",
        baseline_date=dt.date(2024, 1, 1),
        due_date=dt.date(2028, 1, 1),
    )
    for name, values in {"Germany": ("0.5", "1.0"), "United States": ("2.5", "2.0")}.items():
        for year, value in zip((2024, 2025), values, strict=True):
            ComparatorValue.objects.create(
                target=target,
                name=name,
                period_start=dt.date(year, 1, 1),
                value=Decimal(value),
                source="test",
            )

    s = metric_statuses([metric])[metric.pk]

    assert (s.status, s.assessment.inputs["rank"]) == (progress.ON_TRACK, 1)


def test_budget_target_adds_up_the_periods_in_its_window():
    metric = MetricFactory(frequency="financial_year", direction="higher")
    for year, value in ((2023, "221070"), (2024, "280000"), (2025, "300000")):
        ObservationFactory(
            metric=metric, geography=geography(), period_start=dt.date(year, 4, 1), value=Decimal(value)
        )
    TargetFactory(
        metric=metric,
        form=Target.Form.BUDGET,
        value=Decimal("1500000"),
        budget_start=dt.date(2024, 4, 1),
        due_date=dt.date(2028, 4, 1),
    )

    s = metric_statuses([metric])[metric.pk]

    assert s.status == progress.ON_TRACK  # 290,000 a year against an even 300,000: R = 0.967
    assert s.assessment.inputs["cumulative_so_far"] == 580000.0


def test_forms_need_their_figures():
    metric = MetricFactory()
    with pytest.raises(ValidationError, match="needs: factor"):
        Target(metric=metric, geography=geography(), kind="milestone", form=Target.Form.RELATIVE).clean()
    with pytest.raises(ValidationError, match="needs: value, budget_start"):
        Target(metric=metric, geography=geography(), kind="milestone", form=Target.Form.BUDGET).clean()


def test_queries_do_not_grow_with_the_number_of_metrics_whatever_the_forms():
    def count(n):
        metrics = []
        for i in range(n):
            m = MetricFactory()
            _series(m, ["1", "2", "3"])
            form = [Target.Form.LEVEL, Target.Form.RELATIVE, Target.Form.BUDGET, Target.Form.COMPARATOR][
                i % 4
            ]
            TargetFactory(
                metric=m,
                form=form,
                factor=Decimal("0.5") if form == Target.Form.RELATIVE else None,
                rank=1 if form == Target.Form.COMPARATOR else None,
                budget_start=dt.date(2000, 1, 1) if form == Target.Form.BUDGET else None,
            )
            metrics.append(m)
        with CaptureQueriesContext(connection) as queries:
            metric_statuses(metrics, recent=5)
        return len(queries)

    assert count(4) == count(20)


def test_series_break_ends_after_it_starts():
    metric = MetricFactory()
    brk = SeriesBreak(
        metric=metric, kind=SeriesBreak.Kind.SPAN, starts=dt.date(2023, 5, 1), ends=dt.date(2019, 5, 1)
    )
    with pytest.raises(ValidationError):
        brk.full_clean()


def test_charts_and_summaries_never_show_a_budget_total_or_a_derived_level_as_a_level():
    from metrics.views.context import target_marks, target_words

    metric = MetricFactory()
    budget = Target(
        metric=metric, form="budget", value=Decimal(1_500_000), due_label="end of this Parliament"
    )
    relative = Target(metric=metric, form="relative", factor=Decimal("0.19"), due_label="2035")

    assert target_marks(budget) == ([], None)
    assert target_marks(relative) == ([], None)
    assert target_words(metric, budget) == "total of 1500000 by end of this Parliament"
    assert target_words(metric, relative) == "19% of the baseline (level derived) by 2035"
