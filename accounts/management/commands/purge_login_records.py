"""Delete django-axes' login attempts and logs older than LOGIN_RECORDS_KEEP_DAYS;
prints and logs counts, never usernames or addresses."""

import logging

from django.core.management.base import BaseCommand

from accounts.unlock import prune_login_records

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Delete failed-login attempts and sign-in logs older than "
        "LOGIN_RECORDS_KEEP_DAYS (default 90)."
    )

    def handle(self, *args, **options) -> None:
        counts = prune_login_records()
        message = (
            "Deleted "
            + ", ".join(f"{count} {label}" for label, count in counts.items())
            + "."
        )
        logger.info(message)
        self.stdout.write(message)
