from django.core.management.base import BaseCommand, CommandError

from sunlit.accounts.models import User
from sunlit.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user: `sunlit tokens create USERNAME --name NAME` (shown once)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--name", required=True)

    def handle(self, *args, action, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no such user: {username}")
        self.stdout.write(api_token_create(user=user, name=name))
