from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ipweek.accounts.models import User
from ipweek.accounts.services import create_api_token


class Command(BaseCommand):
    help = "Issue a JSON API token for a user and print it once; only its digest is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for, e.g. the script that uses it.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user called {options['username']!r}.")
        if not user.is_active:
            raise CommandError(f"User {user.username!r} is inactive; a token would not work.")
        name = options["name"].strip()
        if not name or len(name) > 64:
            raise CommandError("Give --name of 1 to 64 characters.")
        token, raw = create_api_token(user=user, name=name)
        # The raw token goes alone on stdout so scripts can capture it; the note goes to stderr.
        self.stdout.write(raw)
        self.stderr.write(
            f"Token {token.prefix}… “{token.name}” for {user.username}. Store it now: it cannot be shown again."
        )
