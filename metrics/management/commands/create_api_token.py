"""Print an API token for a user (creating it if they have none): `manage.py create_api_token <username>`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.services import token_issue


class Command(BaseCommand):
    help = "Print the API token of a user, creating one if needed (--new replaces an existing one)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--new", action="store_true", help="Revoke the existing token and make a new one."
        )

    def handle(self, *args, username, new, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user called '{username}'.")
        token = token_issue(user=user, replace=new)
        self.stdout.write(token.key)
