"""Build (or bring up to date) the demo site; running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from home.demo import build_site
from home.demo.site import ADMIN_PASSWORD, ADMIN_USERNAME

# Each app adds its builder here, lower layers first (courses lists facilitators);
# each takes the DemoSite and returns nothing, or a line to print at the end.
APP_BUILDERS: list[str] = [
    "facilitators.demo.build",
    "courses.demo.build",
    "forms_app.demo.build",
    "forms_app.application_demo.build",
]


class Command(BaseCommand):
    help = "Create the demo pages, settings and logins. Safe to run repeatedly."

    def handle(self, *args, **options) -> None:
        demo_site = build_site()
        notes = [import_string(path)(demo_site) for path in APP_BUILDERS]
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        self.stdout.write(
            f"Admin login: http://127.0.0.1:8000/admin/  "
            f"username {ADMIN_USERNAME}  password {ADMIN_PASSWORD}"
        )
        for note in notes:
            if note:
                self.stdout.write(note)
