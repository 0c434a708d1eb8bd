"""Moving DataSource and PullRun from `metrics` to `sources` moves no row (issue 9).

The test rewinds the database to the schema before the move (metrics 0005, no `sources` app), writes a
source, a run and an audit row with the models as they were then, migrates forward and finds them all.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import MetricFactory, OrganisationFactory, UserFactory

BEFORE = [("metrics", "0005_dashboard_indexes"), ("sources", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_sources_and_runs_survive_the_move(reference_data):
    owner = OrganisationFactory(slug="ons")
    metric = MetricFactory(slug="gdp-growth", owner=owner)
    user = UserFactory(username="analyst", organisation=owner)
    try:
        old = _migrate(BEFORE).apps
        ContentType = old.get_model("contenttypes", "ContentType")
        # A database from before the move has content types under `metrics` only.
        ContentType.objects.filter(app_label="sources").delete()
        old_ct, _ = ContentType.objects.get_or_create(app_label="metrics", model="datasource")
        OldSource = old.get_model("metrics", "DataSource")
        OldRun = old.get_model("metrics", "PullRun")
        source = OldSource.objects.create(
            name="ONS GDP growth",
            connector="ons_timeseries",
            url="https://api.beta.ons.gov.uk/v1/example",
            metric_id=metric.pk,
            geography_id=metric.default_geography_id,
            owner_id=owner.pk,
        )
        run = OldRun.objects.create(source=source, triggered_by_id=user.pk, outcome="succeeded", created=7)
        old.get_model("missions", "AuditEvent").objects.create(
            actor_id=user.pk, action="source.create", content_type=old_ct, object_id=str(source.pk)
        )
    finally:
        _migrate(None)

    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    from missions.models import AuditEvent
    from sources.models import DataSource, PullRun

    CurrentContentType.objects.clear_cache()
    moved = DataSource.objects.get(pk=source.pk)
    assert moved.name == "ONS GDP growth" and moved.metric == metric and moved.owner == owner
    assert list(PullRun.objects.filter(source=moved).values_list("pk", "created")) == [(run.pk, 7)]
    assert PullRun.objects.get(pk=run.pk).triggered_by == user
    event = AuditEvent.objects.get(action="source.create")
    assert event.content_type == CurrentContentType.objects.get_for_model(DataSource)
    assert event.content_type.get_object_for_this_type(pk=event.object_id) == moved
