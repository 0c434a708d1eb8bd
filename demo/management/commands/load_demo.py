"""`python manage.py load_demo`: load the demo data set (idempotent; safe to run again)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import load_demo
from demo.users import demo_password, user_table


class Command(BaseCommand):
    help = (
        "Load the five missions, their metrics, targets and real observations (demo/data), "
        "illustrative councils, spending, accountability structures and one demo user per role. "
        "Idempotent: running it again creates nothing new. Password from DEMO_PASSWORD."
    )

    def handle(self, *args, **options):
        refuse_in_production()
        result = load_demo()
        tally, summary = result.tally, result.observations
        self.stdout.write(self.style.MIGRATE_HEADING("Rows created / already present (updated in place):"))
        for label in sorted(set(tally.created) | set(tally.updated)):
            self.stdout.write(
                f"  {label:<40} {tally.created[label]:>5} created {tally.updated[label]:>5} updated"
            )
        for label, batch in (("Observations", summary), ("Additions", result.additions)):
            self.stdout.write(
                f"{label} (import service{', dry run: nothing to write' if not batch.written else ''}): "
                f"{batch.created} created, {batch.revised} revised, {batch.unchanged} unchanged, "
                f"{batch.rejected} rejected" + (f" (upload {batch.upload_id})" if batch.upload_id else "")
            )
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {tally.created_total} new rows."))
        write_user_table(self.stdout, result.users)


def write_user_table(out, users) -> None:
    rows = [("username", "role", "organisation")] + user_table(users)
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    out.write("")
    for row in rows:
        out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    out.write(f"Password for every demo user: {demo_password()}  (set DEMO_PASSWORD to change it)")


def refuse_in_production() -> None:
    """The demo users share a published password: never create or reset them on a real deployment."""
    if not getattr(settings, "DEMO_DATA_ALLOWED", True):
        raise CommandError(
            "Refusing to load demo data or demo users under production settings (DEMO_DATA_ALLOWED is off): "
            "it would reset accounts to the published demo password."
        )
