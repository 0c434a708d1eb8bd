"""Import a CSV or XLSX file of observations through the one import path (the same as the API)."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from metrics.ingest.files import UnsupportedFile, open_table
from metrics.services import observation_import


class Command(BaseCommand):
    help = "Import observations from a CSV or XLSX file (header metric,period,geography,value[,status,note])."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", help="Import as this user (their organisation's rights apply).")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")

    def handle(self, *args, file: Path, user, dry_run, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"There is no user called '{user}'.")
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        with file.open("rb") as handle:
            try:
                table = open_table(handle, filename=file.name)
            except UnsupportedFile as exc:
                raise CommandError(str(exc))
            summary = observation_import(
                rows=table,
                user=account,
                system=account is None,  # an operator at the console acts for the system
                format=table.format,
                filename=file.name,
                size_bytes=file.stat().st_size,
                dry_run=dry_run,
            )
        self.stdout.write(json.dumps(summary.as_dict(), indent=2))
        if summary.error_count:
            raise CommandError(f"{summary.error_count} error(s): nothing was written.")
