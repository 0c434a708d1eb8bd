"""`python manage.py pull_sources [--source ID ...]`: run due (or the named) pulls now, in this process."""

from __future__ import annotations

import time

from celery.schedules import crontab
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max

from sources import services
from sources.models import DataSource


def is_due(source: DataSource, last_queued) -> bool:
    """Due when the schedule has come round since the source's last run (or it has never run)."""
    if last_queued is None:
        return True
    schedule = crontab(**services.parse_cron(source.schedule))
    return schedule.remaining_estimate(last_queued).total_seconds() <= 0


class Command(BaseCommand):
    help = (
        "Pull data sources synchronously: those due on their schedule, or the ones named with --source. "
        "Exits with an error if any pull failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", dest="sources", metavar="ID")

    def handle(self, *args, sources=None, **options):
        qs = DataSource.objects.annotate(last_queued=Max("runs__queued_at")).order_by("pk")
        if sources:
            chosen = list(qs.filter(pk__in=sources))
            missing = set(sources) - {s.pk for s in chosen}
            if missing:
                raise CommandError(f"No data source with id {', '.join(map(str, sorted(missing)))}.")
        else:
            chosen = [s for s in qs.filter(enabled=True) if is_due(s, s.last_queued)]
        if not chosen:
            self.stdout.write("No data source is due.")
            return
        failed = 0
        for source in chosen:
            failed += self.pull(source) == "failed"
        if failed:
            raise CommandError(f"{failed} of {len(chosen)} pulls failed.")

    def pull(self, source: DataSource) -> str:
        started = time.monotonic()
        run = services.source_pull_create(source=source)
        run = services.source_pull_run(run_id=run.pk)
        took = time.monotonic() - started
        line = (
            f"{source.pk} {source.name}: {run.get_outcome_display()} in {took:.2f}s "
            f"({run.created} new, {run.revised} revised, {run.unchanged} unchanged, {run.rejected} rejected)"
        )
        style = self.style.ERROR if run.outcome == "failed" else self.style.SUCCESS
        self.stdout.write(style(line))
        if run.error:
            self.stdout.write(f"    {run.error}")
        return run.outcome
