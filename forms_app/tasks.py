"""Background tasks on the database queue: send one delivery, and queue what follows."""

import logging
from datetime import datetime

from django.db import transaction
from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from forms_app.delivery import (
    SendOutcome,
    repair_submission_statuses,
    requeue_stuck,
    resend,
    send_one,
)
from forms_app.models import Delivery

logger = logging.getLogger(__name__)


@task(backend="queue")
def send_delivery(delivery_id: int) -> str:
    """Send one delivery if it can be claimed; returns what happened."""
    outcome = send_one(delivery_id)
    queue_what_follows(delivery_id, outcome)
    return outcome.result


def queue_what_follows(delivery_id: int, outcome: SendOutcome) -> None:
    """Queue the retry or the operations alert an attempt asked for."""
    if outcome.retry_at is not None:
        enqueue_delivery(delivery_id, outcome.retry_at)
    if outcome.alert is not None:
        enqueue_delivery(outcome.alert.pk)


def enqueue_delivery(delivery_id: int, run_after: datetime | None = None) -> bool:
    """Enqueue a send unless one already waits; in this transaction on the database queue.

    Returns whether a task was queued. Elsewhere (inline tasks, as in tests) the
    send runs on commit and a later retry is left to the sweep.
    """
    backend = send_delivery.get_backend()
    if not isinstance(backend, DatabaseBackend):
        if run_after is None:
            transaction.on_commit(lambda: send_delivery.enqueue(delivery_id))
        return run_after is None
    with transaction.atomic():
        waiting = (
            Delivery.objects.filter(pk=delivery_id)
            .values_list("send_task_id", flat=True)
            .first()
        )
        if waiting and DBTaskResult.objects.filter(pk=waiting, status="READY").exists():
            return False
        task_to_run = (
            send_delivery.using(run_after=run_after) if run_after else send_delivery
        )
        result = task_to_run.enqueue(delivery_id)
        # The conditional update is the lock: a concurrent enqueue loses and undoes its row.
        recorded = Delivery.objects.filter(
            pk=delivery_id, send_task_id=waiting or ""
        ).update(send_task_id=str(result.id))
        if not recorded:
            DBTaskResult.objects.filter(pk=result.id).delete()
        return bool(recorded)


def queue_resend(delivery: Delivery) -> bool:
    """Queue a finished or failed delivery again at a staff member's request."""
    with transaction.atomic():
        if not resend(delivery):
            return False
        enqueue_delivery(delivery.pk)
    return True


def sweep_deliveries() -> int:
    """Re-queue stuck deliveries and repair submission statuses; how many were queued."""
    queued = 0
    for delivery_id in requeue_stuck():
        queued += enqueue_delivery(delivery_id)
    logger.info("Queued %s stuck email deliveries", queued)
    repair_submission_statuses()
    return queued
