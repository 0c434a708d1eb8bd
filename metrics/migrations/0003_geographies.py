"""Reference geographies: ONS GSS codes for the UK, its nations and the nine English regions."""

from django.db import migrations

GEOGRAPHIES = [
    # code, name, level, parent
    ("K02000001", "United Kingdom", "uk", None),
    ("K03000001", "Great Britain", "gb", "K02000001"),
    ("K04000001", "England and Wales", "ew", "K03000001"),
    ("E92000001", "England", "country", "K04000001"),
    ("W92000004", "Wales", "country", "K04000001"),
    ("S92000003", "Scotland", "country", "K03000001"),
    ("N92000002", "Northern Ireland", "country", "K02000001"),
    ("E12000001", "North East", "region", "E92000001"),
    ("E12000002", "North West", "region", "E92000001"),
    ("E12000003", "Yorkshire and The Humber", "region", "E92000001"),
    ("E12000004", "East Midlands", "region", "E92000001"),
    ("E12000005", "West Midlands", "region", "E92000001"),
    ("E12000006", "East of England", "region", "E92000001"),
    ("E12000007", "London", "region", "E92000001"),
    ("E12000008", "South East", "region", "E92000001"),
    ("E12000009", "South West", "region", "E92000001"),
]


def create_geographies(apps, schema_editor):
    Geography = apps.get_model("metrics", "Geography")
    by_code = {}
    for code, name, level, parent in GEOGRAPHIES:
        by_code[code], _ = Geography.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "parent": by_code.get(parent)}
        )


class Migration(migrations.Migration):
    dependencies = [("metrics", "0002_initial")]
    operations = [migrations.RunPython(create_geographies, migrations.RunPython.noop)]
