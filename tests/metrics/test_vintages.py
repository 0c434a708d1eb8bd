""" "Current as of" has one definition in two forms (ORM and SQL): both pick the same rows."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from metrics.models import Observation
from metrics.vintages import current_at, current_at_sql
from tests.factories import MetricFactory, ObservationFactory

pytestmark = pytest.mark.django_db


def test_orm_and_sql_forms_agree_at_every_moment(reference_data):
    metric = MetricFactory()
    t0 = timezone.now() - dt.timedelta(days=10)
    at = [t0 + dt.timedelta(days=n) for n in range(4)]
    # 2020: recorded at t0, revised at t2; 2021: recorded at t1, never revised.
    first = ObservationFactory(metric=metric, recorded_at=at[0], superseded_at=at[2])
    second = ObservationFactory(metric=metric, recorded_at=at[2], revision=2, value=2)
    other = ObservationFactory(metric=metric, period_start=dt.date(2021, 1, 1), recorded_at=at[1])
    expected = {
        None: {second.pk, other.pk},
        at[0] - dt.timedelta(seconds=1): set(),
        at[0]: {first.pk},
        at[1]: {first.pk, other.pk},
        at[2]: {second.pk, other.pk},
        at[3]: {second.pk, other.pk},
    }
    for moment, pks in expected.items():
        orm = set(Observation.objects.filter(current_at(moment), metric=metric).values_list("pk", flat=True))
        condition, params = current_at_sql(moment, alias="o")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT o.id FROM metrics_observation o WHERE o.metric_id = %s AND {condition}",  # noqa: S608
                [metric.pk, *params],
            )
            sql = {row[0] for row in cursor.fetchall()}
        assert orm == sql == pks, moment
