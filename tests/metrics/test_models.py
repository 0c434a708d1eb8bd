import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from metrics.models import Observation
from tests.factories import MetricFactory, ObservationFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_a_second_current_observation_for_the_same_key_is_refused():
    first = ObservationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ObservationFactory(metric=first.metric, period_start=first.period_start, revision=2)


def test_the_same_revision_twice_is_refused():
    first = ObservationFactory()
    first.superseded_at = timezone.now()
    first.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        ObservationFactory(metric=first.metric, period_start=first.period_start, revision=1)


def test_a_revision_is_kept_beside_the_vintage_it_replaces():
    first = ObservationFactory(value=Decimal("10"))
    Observation.objects.filter(pk=first.pk).update(superseded_at=timezone.now())
    ObservationFactory(metric=first.metric, period_start=first.period_start, revision=2, value=Decimal("11"))
    values = list(
        Observation.objects.filter(metric=first.metric).order_by("revision").values_list("value", flat=True)
    )
    assert values == [Decimal("10"), Decimal("11")]


def test_a_value_is_required_unless_suppressed():
    metric = MetricFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ObservationFactory(metric=metric, value=None)
    suppressed = ObservationFactory(
        metric=metric, value=None, status="suppressed", period_start=dt.date(2021, 1, 1)
    )
    assert suppressed.pk


def test_superseded_before_recorded_is_refused():
    obs = ObservationFactory()
    obs.superseded_at = obs.recorded_at - dt.timedelta(seconds=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        obs.save()


def test_metric_bounds_must_be_ordered():
    with pytest.raises(IntegrityError), transaction.atomic():
        MetricFactory(min_value=Decimal("100"), max_value=Decimal("0"))


def test_target_baseline_must_precede_due_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetFactory(baseline_date=dt.date(2030, 1, 1), due_date=dt.date(2029, 1, 1))


def test_geography_codes_are_gss_codes():
    from metrics.models import Geography

    assert Geography.objects.filter(code="K02000001", name="United Kingdom").exists()
    assert Geography.objects.filter(level="region").count() == 9
    with pytest.raises(IntegrityError), transaction.atomic():
        Geography.objects.create(code="UK", name="Bad", level="uk")


def test_metric_labels_periods_by_its_frequency():
    metric = MetricFactory(frequency="financial_year")
    assert metric.period_label(dt.date(2023, 4, 1)) == "2023/24"
