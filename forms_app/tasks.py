"""Background tasks on the database queue: send one delivery, sweep stuck ones."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from forms_app.delivery import requeue_stuck, send_one


@task(backend="queue")
def send_delivery(delivery_id: int) -> str:
    """Send one delivery if it can be claimed; returns what happened."""
    return send_one(delivery_id, enqueue_delivery)


@task(backend="queue")
def sweep_deliveries(reschedule: bool = True) -> int:
    """Re-queue stuck deliveries, then schedule the next sweep on a deferring backend."""
    count = requeue_stuck(enqueue_delivery)
    if reschedule and _defers(sweep_deliveries):
        when = timezone.now() + timedelta(seconds=settings.EMAIL_SWEEP_INTERVAL_SECONDS)
        sweep_deliveries.using(run_after=when).enqueue(reschedule=True)
    return count


def _defers(a_task: Task) -> bool:
    return a_task.get_backend().supports_defer


def enqueue_delivery(delivery_id: int, run_after: datetime | None = None) -> None:
    """Enqueue a send: in the current transaction on the database queue, else on commit."""
    backend = send_delivery.get_backend()
    if isinstance(backend, DatabaseBackend):
        # Same database, same transaction: the task row commits with the delivery.
        task_to_run = (
            send_delivery.using(run_after=run_after) if run_after else send_delivery
        )
        task_to_run.enqueue(delivery_id)
    elif run_after is None:
        transaction.on_commit(lambda: send_delivery.enqueue(delivery_id))


def schedule_periodic_sweep() -> bool:
    """Start the self-rescheduling sweep unless one is already waiting on the queue."""
    backend = sweep_deliveries.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=sweep_deliveries.module_path, status="READY"
    ).exists()
    if not waiting:
        sweep_deliveries.enqueue(reschedule=True)
    return not waiting
