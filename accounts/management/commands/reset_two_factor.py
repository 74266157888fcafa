"""Delete a user's second-factor devices, so they enrol a new app at their next login."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import reset_devices


class Command(BaseCommand):
    help = (
        "Delete a user's authenticator app and backup codes; they enrol again at "
        "their next login. Use when someone has lost their phone and their codes."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist as error:
            raise CommandError("No user has that username.") from error
        removed = reset_devices(user)
        self.stdout.write(
            f"Removed {removed} device(s); the user enrols again at their next login."
        )
