"""Existing impacts take their metric's headline geography; fiscal events get slugs; the valuation library
starts with the Green Book's WELLBY and QALY values (version 1 of each)."""

import datetime
from decimal import Decimal

from django.db import migrations
from django.utils.text import slugify

VALUATIONS = [
    {
        "key": "wellby",
        "name": "Wellbeing-adjusted life year (WELLBY)",
        "value_gbp": Decimal("13000"),
        "price_year": 2019,
        "source": "HM Treasury, Green Book supplementary guidance: Wellbeing guidance for appraisal (2021)",
        "source_url": "https://www.gov.uk/government/publications/green-book-supplementary-guidance-wellbeing",
        "health": False,
    },
    {
        "key": "qaly",
        "name": "Quality-adjusted life year (QALY)",
        "value_gbp": Decimal("70000"),
        "price_year": 2024,
        "source": "HM Treasury, The Green Book (2026): value of a QALY for appraisal",
        "source_url": "https://www.gov.uk/government/publications/the-green-book-appraisal-and-evaluation-in-central-government",
        "health": True,
    },
]


def forwards(apps, schema_editor):
    ModelledImpact = apps.get_model("spending", "ModelledImpact")
    FiscalEvent = apps.get_model("spending", "FiscalEvent")
    Valuation = apps.get_model("spending", "Valuation")
    for impact in ModelledImpact.objects.filter(geography__isnull=True).select_related("metric"):
        impact.geography_id = impact.metric.default_geography_id
        impact.save(update_fields=["geography"])
    for event in FiscalEvent.objects.filter(slug__isnull=True):
        event.slug = slugify(event.name)[:70] + f"-{event.pk}"
        event.save(update_fields=["slug"])
    for spec in VALUATIONS:
        Valuation.objects.get_or_create(
            key=spec["key"], version=1, defaults={**spec, "valid_from": datetime.date(2026, 1, 1)}
        )


class Migration(migrations.Migration):
    dependencies = [("spending", "0002_workflow_tests_computed_reviews_fund")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
