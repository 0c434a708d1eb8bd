"""DataSource and PullRun now belong to the `sources` app (issue 9). State only: their tables keep their
names (`db_table` on the new models) and every row stays where it is; sources.0001_move_from_metrics adds
them to the new app's state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("metrics", "0005_dashboard_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="pullrun",
                    name="source",
                ),
                migrations.RemoveField(
                    model_name="pullrun",
                    name="triggered_by",
                ),
                migrations.RemoveField(
                    model_name="pullrun",
                    name="upload",
                ),
                migrations.DeleteModel(
                    name="DataSource",
                ),
                migrations.DeleteModel(
                    name="PullRun",
                ),
            ],
        ),
    ]
