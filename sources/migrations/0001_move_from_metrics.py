"""The data sources and pull runs the metrics app created, now in their own app (issue 9).

State only: the tables `metrics_datasource` and `metrics_pullrun` keep their names (`db_table`), so no row
moves. The content types are relabelled so that audit rows, admin log entries and permissions that point at
a source or a run still point at it.
"""

from decimal import Decimal

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("datasource", "pullrun")


def _move(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=new, model=model).exists():
            continue  # already there (a database set up after this change): nothing to carry over
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def relabel_content_types(apps, schema_editor):
    _move(apps, "metrics", "sources")


def unlabel_content_types(apps, schema_editor):
    _move(apps, "sources", "metrics")


class Migration(migrations.Migration):
    dependencies = [
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("metrics", "0006_move_sources_to_sources_app"),
        ("missions", "0002_role_groups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="DataSource",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, unique=True)),
                        (
                            "connector",
                            models.CharField(
                                choices=[
                                    ("ons_timeseries", "ONS time series (JSON)"),
                                    ("ons_api", "ONS API observations"),
                                    ("nomis_csv", "Nomis CSV"),
                                    ("sdmx_json", "SDMX-JSON"),
                                    ("sdmx_csv", "SDMX-CSV"),
                                    ("owid_csv", "Our World in Data CSV"),
                                    ("csv", "CSV with a column mapping"),
                                ],
                                max_length=32,
                            ),
                        ),
                        ("url", models.URLField(max_length=1000)),
                        (
                            "options",
                            models.JSONField(
                                blank=True, default=dict, help_text="Connector options (columns, filters)."
                            ),
                        ),
                        (
                            "geography_map",
                            models.JSONField(
                                blank=True,
                                default=dict,
                                help_text="Source geography code or name → GSS code.",
                            ),
                        ),
                        (
                            "scale_factor",
                            models.DecimalField(decimal_places=10, default=Decimal("1"), max_digits=20),
                        ),
                        (
                            "schedule",
                            models.CharField(
                                default="0 9 * * 1-5",
                                help_text="Cron: minute hour day month weekday.",
                                max_length=100,
                            ),
                        ),
                        ("enabled", models.BooleanField(default=True)),
                        (
                            "contact_email",
                            models.EmailField(
                                blank=True, help_text="Told when a pull fails.", max_length=254
                            ),
                        ),
                        ("last_etag", models.CharField(blank=True, max_length=300)),
                        ("last_modified", models.CharField(blank=True, max_length=100)),
                        ("last_checksum", models.CharField(blank=True, max_length=64)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "geography",
                            models.ForeignKey(
                                help_text="Used where a row names no geography.",
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="metrics.geography",
                            ),
                        ),
                        (
                            "metric",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="sources",
                                to="metrics.metric",
                            ),
                        ),
                        (
                            "owner",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="data_sources",
                                to="missions.organisation",
                            ),
                        ),
                        (
                            "periodic_task",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="django_celery_beat.periodictask",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "metrics_datasource",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="PullRun",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("queued_at", models.DateTimeField(auto_now_add=True)),
                        ("started_at", models.DateTimeField(blank=True, null=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "outcome",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("running", "Running"),
                                    ("succeeded", "Succeeded"),
                                    ("unchanged", "Unchanged release"),
                                    ("failed", "Failed"),
                                ],
                                default="queued",
                                max_length=16,
                            ),
                        ),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("created", models.PositiveIntegerField(default=0)),
                        ("revised", models.PositiveIntegerField(default=0)),
                        ("unchanged", models.PositiveIntegerField(default=0)),
                        ("rejected", models.PositiveIntegerField(default=0)),
                        ("bytes", models.BigIntegerField(default=0)),
                        ("etag", models.CharField(blank=True, max_length=300)),
                        ("last_modified", models.CharField(blank=True, max_length=100)),
                        ("checksum", models.CharField(blank=True, max_length=64)),
                        ("error", models.TextField(blank=True)),
                        (
                            "source",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="runs",
                                to="sources.datasource",
                            ),
                        ),
                        (
                            "triggered_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "upload",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="pull_run",
                                to="metrics.upload",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "metrics_pullrun",
                        "ordering": ["-queued_at", "-pk"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="datasource",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("scale_factor__gt", 0)), name="source_scale_positive"
                    ),
                ),
                migrations.AddIndex(
                    model_name="pullrun",
                    index=models.Index(fields=["source", "-queued_at"], name="pullrun_recent"),
                ),
            ],
        ),
        migrations.RunPython(relabel_content_types, unlabel_content_types, elidable=False),
    ]
