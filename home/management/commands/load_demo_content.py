"""Build (or bring up to date) the demo site; running it twice changes nothing."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.module_loading import import_string

from home.demo import build_site
from home.demo.site import ADMIN_PASSWORD, ADMIN_USERNAME

# Each app adds its builder here, lower layers first (courses lists facilitators);
# each takes the DemoSite and returns nothing, or a line to print at the end.
APP_BUILDERS: list[str] = [
    "home.demo.statements.build",
    "facilitators.demo.build",
    "courses.demo.build",
    "forms_app.demo.build",
    "forms_app.application_demo.build",
    "places.demo.build",
    "certificates.demo.build",
    "staff.demo.build",
]


def checked_base_url(value: str) -> str:
    """The address without a trailing slash, if it is an http(s) URL with a host."""
    parts = urlsplit(value)
    try:
        valid_port = parts.port is None or parts.port > 0
    except ValueError:  # a port that is not a number
        valid_port = False
    if parts.scheme not in {"http", "https"} or not parts.hostname or not valid_port:
        raise CommandError(
            f"{value!r} is not an address such as http://127.0.0.1:8000."
        )
    return value.rstrip("/")


class Command(BaseCommand):
    help = "Create the demo pages, settings and logins. Safe to run repeatedly."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help=(
                "Where the site is served, e.g. http://127.0.0.1:9201 (default: "
                "WAGTAILADMIN_BASE_URL). The default Site and the printed logins "
                "use it."
            ),
        )

    def handle(self, *args, base_url: str = "", **options) -> None:
        base_url = checked_base_url(base_url or settings.WAGTAILADMIN_BASE_URL)
        demo_site = build_site(base_url)
        notes = [import_string(path)(demo_site) for path in APP_BUILDERS]
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        self.stdout.write(
            f"Admin login: {base_url}{reverse('wagtailadmin_home')}  "
            f"username {ADMIN_USERNAME}  password {ADMIN_PASSWORD}"
        )
        for note in notes:
            if note:
                self.stdout.write(note)
        exempt = getattr(settings, "TWO_FACTOR_EXEMPT_USERNAMES", [])
        if exempt and settings.DEBUG:
            self.stdout.write(
                f"In development, {', '.join(exempt)} skip the second factor; "
                "everywhere else every admin login sets up an authenticator app."
            )
