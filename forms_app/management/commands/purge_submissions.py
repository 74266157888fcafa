"""Delete submissions past their form's retention period, and access records past
ACCESS_RECORD_RETENTION_DAYS; logs counts, never content."""

import logging

from django.core.management.base import BaseCommand

from forms_app.access_records import prune_access_records
from forms_app.retention import expired_submissions, form_pages_with_retention

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Delete form submissions older than each form's retention days, and records "
        "of access to them older than ACCESS_RECORD_RETENTION_DAYS."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would go, delete nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        expired = expired_submissions(form_pages_with_retention())
        count = expired.count()
        if dry_run:
            message = f"{count} submissions are past retention (dry run, none deleted)."
        else:
            expired.delete()
            pruned = prune_access_records()
            message = (
                f"Deleted {count} submissions past retention "
                f"and {pruned} access records."
            )
        logger.info(message)
        self.stdout.write(message)
