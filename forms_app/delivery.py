"""Send one delivery exactly once: claim it, send it, record the attempt, retry or fail.

Whatever queues a send takes `enqueue` (`forms_app.tasks.enqueue_delivery`) as an
argument: tasks.py imports this module, so this module never imports tasks.py.
"""

import logging
import smtplib
from collections.abc import Callable
from datetime import datetime, timedelta

from anymail.exceptions import AnymailAPIError, AnymailError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Count, F, Q
from django.utils import timezone

from forms_app.addresses import InvalidRecipientError
from forms_app.emails import build_message
from forms_app.models import Delivery, Submission
from forms_app.sending import send_message
from home.models import SiteSettings

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 6 * 3600

# Queues a send of the delivery with this id, not before the given time (None: now).
Enqueue = Callable[[int, datetime | None], None]


def claim_delivery(delivery_id: int) -> Delivery | None:
    """Move a due, queued delivery to sending; None when another worker has it or it is done."""
    now = timezone.now()
    claimed = (
        Delivery.objects.filter(pk=delivery_id)
        .due(now)
        .update(
            status=Delivery.Status.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
    )
    return (
        Delivery.objects.select_related("submission").get(pk=delivery_id)
        if claimed
        else None
    )


def is_permanent_failure(error: BaseException) -> bool:
    """Whether retrying cannot help: a refused or invalid recipient, a 4xx from the API."""
    if isinstance(error, AnymailRecipientsRefused | InvalidRecipientError):
        return True
    if isinstance(error, AnymailAPIError):
        status = getattr(error, "status_code", None)
        return status is not None and 400 <= status < 500 and status not in (408, 429)
    if isinstance(error, AnymailError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff from the base delay: doubling each time, capped at six hours."""
    seconds = settings.EMAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, MAX_BACKOFF_SECONDS))


def describe_error(error: BaseException) -> str:
    """The error's class and message, shortened; never raises."""
    try:
        detail = str(error)
    except Exception:  # a broken __str__ must not lose the failure itself
        detail = ""
    return f"{type(error).__name__}: {detail}"[:1000]


def send_one(delivery_id: int, enqueue: Enqueue) -> str:
    """Send a delivery if it can be claimed and record the outcome; returns that outcome."""
    delivery = claim_delivery(delivery_id)
    if delivery is None:
        return "skipped"
    try:
        message = build_message(delivery)
        send_message(message)
    except Exception as error:  # every failure is recorded, none is lost
        return record_failure(delivery, error, enqueue)
    record_success(delivery, message)
    return "sent"


def _log_entry(delivery: Delivery, outcome: str, error: str = "") -> list:
    entry = {
        "at": timezone.now().isoformat(),
        "attempt": delivery.attempts,
        "outcome": outcome,
    }
    if error:
        entry["error"] = error
    return [*delivery.attempt_log, entry]


def record_success(delivery: Delivery, message: EmailMessage) -> None:
    status = getattr(message, "anymail_status", None)
    message_id = (getattr(status, "message_id", None) or "") if status else ""
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.SENT,
        sent_at=now,
        updated_at=now,
        message_id=str(message_id)[:255],
        last_error="",
        next_attempt_at=None,
        attempt_log=_log_entry(delivery, "sent"),
    )
    refresh_submission_status(delivery.submission_id)


def record_failure(delivery: Delivery, error: BaseException, enqueue: Enqueue) -> str:
    """Retry a transient failure later or fail a permanent one, and say which."""
    text = describe_error(error)
    logger.warning(
        "Email delivery %s attempt %s failed with %s",
        delivery.pk,
        delivery.attempts,
        type(error).__name__,
    )
    now = timezone.now()
    final = (
        is_permanent_failure(error) or delivery.attempts >= settings.EMAIL_MAX_ATTEMPTS
    )
    if final:
        Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.FAILED,
            last_error=text,
            updated_at=now,
            next_attempt_at=None,
            attempt_log=_log_entry(delivery, "failed", text),
        )
        refresh_submission_status(delivery.submission_id)
        alert_operations(delivery, enqueue)
        return "failed"
    next_at = now + retry_delay(delivery.attempts)
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.QUEUED,
        last_error=text,
        updated_at=now,
        next_attempt_at=next_at,
        attempt_log=_log_entry(delivery, "retry", text),
    )
    enqueue(delivery.pk, next_at)
    return "retry"


def refresh_submission_status(submission_id: int) -> None:
    """Set a submission to failed, notified or received from its deliveries."""
    # One aggregate instead of a query per question: this runs after every send.
    good, bad = Delivery.FINISHED_GOOD, Delivery.FINISHED_BAD
    notification = Q(kind=Delivery.Kind.NOTIFICATION)
    counts = (
        Delivery.objects.filter(submission_id=submission_id)
        .exclude(kind=Delivery.Kind.FAILURE_ALERT)
        .aggregate(
            bad=Count("pk", filter=Q(status__in=bad)),
            notifications=Count("pk", filter=notification),
            notified=Count("pk", filter=notification & Q(status__in=good)),
        )
    )
    if counts["bad"]:
        status = Submission.Status.FAILED
    elif counts["notifications"] and counts["notified"] == counts["notifications"]:
        status = Submission.Status.NOTIFIED
    else:
        status = Submission.Status.RECEIVED
    Submission.objects.filter(pk=submission_id).exclude(
        status=Submission.Status.QUARANTINED
    ).update(status=status)


def operations_address(submission: Submission) -> str:
    """The operations email in the site settings of the submission's site."""
    site = submission.page.get_site() if submission.page_id else None
    if site is None:
        return ""
    return SiteSettings.for_site(site).operations_email


def alert_operations(delivery: Delivery, enqueue: Enqueue) -> None:
    """Queue one alert per submission to the operations address, never to the failed one."""
    if delivery.kind == Delivery.Kind.FAILURE_ALERT:
        return
    address = operations_address(delivery.submission)
    if not address:
        logger.error(
            "Email delivery %s failed and no operations address is set", delivery.pk
        )
        return
    alert, created = Delivery.objects.get_or_create(
        submission=delivery.submission,
        kind=Delivery.Kind.FAILURE_ALERT,
        recipient=address,
        defaults={"audience": Delivery.Audience.OPERATIONS, "rule": "operations"},
    )
    if created:
        enqueue(alert.pk, None)


def resend(delivery: Delivery, enqueue: Enqueue) -> bool:
    """Queue a finished or failed delivery again at a staff member's request."""
    updated = (
        Delivery.objects.filter(pk=delivery.pk)
        .exclude(status__in=Delivery.PENDING)
        .update(
            status=Delivery.Status.QUEUED,
            next_attempt_at=None,
            updated_at=timezone.now(),
        )
    )
    if updated:
        enqueue(delivery.pk, None)
    return bool(updated)


def requeue_stuck(enqueue: Enqueue) -> int:
    """Put stuck deliveries back in the queue and enqueue a send task for each."""
    count = 0
    for delivery in Delivery.objects.stuck().only("pk", "status", "claimed_at"):
        if delivery.status == Delivery.Status.SENDING:
            moved = Delivery.objects.filter(
                pk=delivery.pk,
                status=Delivery.Status.SENDING,
                claimed_at=delivery.claimed_at,
            ).update(status=Delivery.Status.QUEUED, updated_at=timezone.now())
            if not moved:
                continue
        enqueue(delivery.pk, None)
        count += 1
    logger.info("Re-queued %s stuck email deliveries", count)
    return count
