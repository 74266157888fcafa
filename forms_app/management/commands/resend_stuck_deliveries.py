"""Re-queue email deliveries left queued or sending too long (e.g. a killed worker)."""

from django.core.management.base import BaseCommand

from forms_app.delivery import requeue_stuck
from forms_app.tasks import enqueue_delivery, schedule_periodic_sweep


class Command(BaseCommand):
    help = (
        "Re-queue stuck email deliveries; --periodic also starts the repeating sweep."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--periodic",
            action="store_true",
            help="Also enqueue the sweep task that re-runs itself on the queue.",
        )

    def handle(self, *args, periodic: bool = False, **options) -> None:
        count = requeue_stuck(enqueue_delivery)
        self.stdout.write(f"Re-queued {count} stuck deliveries.")
        if periodic:
            started = schedule_periodic_sweep()
            self.stdout.write(
                "Periodic sweep scheduled."
                if started
                else "Periodic sweep already scheduled."
            )
