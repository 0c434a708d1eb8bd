"""`python manage.py load_demo_sources`: demo data sources that work offline (idempotent).

They point at copies of real releases that the demo serves itself (static/demo-feeds/), with a schedule,
so the worker and beat started by `make demo` pull them: the first pull records the release, later ones
find it unchanged (ETag/Last-Modified or checksum) and write nothing.
"""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand
from django.db import transaction

from metrics.models import Geography, Metric
from sources import services
from sources.models import DataSource

DEMO_SOURCES = [
    {
        "name": "ONS GDP quarter-on-quarter growth (IHYQ, demo copy)",
        "metric": "gdp_qoq_growth",
        "connector": "ons_timeseries",
        "file": "ons_timeseries_ihyq_pn2_data.json",
        "options": {"frequency": "quarters"},
        "geography_map": {},
    },
    {
        "name": "OWID share of electricity from low-carbon sources (demo copy)",
        "metric": "electricity_low_carbon_share",
        "connector": "owid_csv",
        "file": "owid_energy_data_uk_rows_1990_2025.csv",
        "options": {"code": "GBR", "column": "low_carbon_share_elec"},
        "geography_map": {"GBR": "K02000001"},
    },
]


class Command(BaseCommand):
    help = "Create demo data sources reading the copies under static/demo-feeds/ (skips missing metrics)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=os.environ.get("DEMO_FEEDS_BASE_URL", "http://127.0.0.1:8000"),
            help="Where the demo web server runs (default http://127.0.0.1:8000).",
        )
        parser.add_argument(
            "--schedule", default="*/10 * * * *", help="Cron schedule (default every 10 minutes)."
        )

    @transaction.atomic
    def handle(self, *args, base_url, schedule, **options):
        uk = Geography.objects.filter(code="K02000001").first()
        for spec in DEMO_SOURCES:
            metric = Metric.objects.filter(slug=spec["metric"]).first()
            if metric is None or uk is None:
                self.stdout.write(f"Skipped '{spec['name']}': the metric {spec['metric']} is not loaded yet.")
                continue
            fields = {
                "connector": spec["connector"],
                "url": f"{base_url.rstrip('/')}/static/demo-feeds/{spec['file']}",
                "metric": metric,
                "geography": uk,
                "options": spec["options"],
                "geography_map": spec["geography_map"],
                "schedule": schedule,
                "enabled": True,
            }
            existing = DataSource.objects.filter(name=spec["name"]).first()
            if existing is None:
                source = services.source_create(user=None, name=spec["name"], **fields)
                verb = "Created"
            else:
                source = services.source_update(source=existing, user=None, **fields)
                verb = "Kept"
            self.stdout.write(f"{verb} source {source.pk}: {source.name} → {source.url} ({source.schedule})")
