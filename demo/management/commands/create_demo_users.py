"""`python manage.py create_demo_users`: (re)create only the demo users, one per role; resets passwords."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.common import Tally
from demo.management.commands.load_demo import refuse_in_production, write_user_table
from demo.users import DEMO_USERS, load_users
from missions.models import Organisation


class Command(BaseCommand):
    help = "Create or reset the demo users (one per role). Needs the organisations from load_demo."

    def handle(self, *args, **options):
        refuse_in_production()
        needed = {org for _, _, org, _ in DEMO_USERS}
        missing = needed - set(Organisation.objects.filter(slug__in=needed).values_list("slug", flat=True))
        if missing:
            raise CommandError(f"Organisations missing ({', '.join(sorted(missing))}): run load_demo first.")
        with transaction.atomic():
            users = load_users(Tally())
        write_user_table(self.stdout, users)
