"""Re-queue email deliveries left queued or sending too long, by hand.

Task workers (`manage.py run_worker`) already do this every
EMAIL_SWEEP_INTERVAL_SECONDS; this runs the same sweep once, now.
"""

from django.core.management.base import BaseCommand

from forms_app.tasks import sweep_deliveries


class Command(BaseCommand):
    help = "Re-queue stuck email deliveries and repair submission statuses, once."

    def handle(self, *args, **options) -> None:
        count = sweep_deliveries()
        self.stdout.write(f"Re-queued {count} stuck deliveries.")
