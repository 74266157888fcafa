"""Build (or bring up to date) the demo site; running it twice changes nothing."""

from django.core.management.base import BaseCommand

from home.demo import build_site
from home.demo.site import ADMIN_PASSWORD, ADMIN_USERNAME


class Command(BaseCommand):
    help = "Create the demo pages, settings and logins. Safe to run repeatedly."

    def handle(self, *args, **options) -> None:
        build_site()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        self.stdout.write(
            f"Admin login: http://127.0.0.1:8000/admin/  "
            f"username {ADMIN_USERNAME}  password {ADMIN_PASSWORD}"
        )
