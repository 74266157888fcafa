"""Send one delivery exactly once: claim it, send it, record the attempt, retry or fail.

Nothing here queues a task: each step says what should be sent next (a `SendOutcome`,
an alert, ids to re-queue) and `forms_app.tasks` enqueues it.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from anymail.exceptions import AnymailAPIError, AnymailError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.utils import timezone
from wagtail.models import Site

from forms_app.addresses import InvalidRecipientError
from forms_app.emails import build_message
from forms_app.models import Delivery, Submission
from forms_app.models.submissions import status_from_deliveries
from forms_app.redaction import describe_error
from forms_app.sending import send_message
from home.models import SiteSettings

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 6 * 3600


@dataclass(frozen=True)
class SendOutcome:
    """What one attempt did, and what the task layer should queue because of it."""

    result: str  # "sent", "retry", "failed" or "skipped"
    retry_at: datetime | None = None
    alert: Delivery | None = None


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


def retry_waiting_at(delivery_id: int) -> datetime | None:
    """When a queued delivery that is not yet due should be tried; None if it is not waiting.

    A task that ran early (e.g. queued by a resend before the retry's time) hands
    the retry on rather than dropping it.
    """
    return (
        Delivery.objects.filter(
            pk=delivery_id,
            status=Delivery.Status.QUEUED,
            next_attempt_at__gt=timezone.now(),
        )
        .values_list("next_attempt_at", flat=True)
        .first()
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


def send_one(delivery_id: int) -> SendOutcome:
    """Send a delivery if it can be claimed and record the outcome; returns that outcome."""
    delivery = claim_delivery(delivery_id)
    if delivery is None:
        return SendOutcome("skipped", retry_at=retry_waiting_at(delivery_id))
    try:
        message = build_message(delivery)
        send_message(message)
    except Exception as error:  # every failure is recorded, none is lost
        return record_failure(delivery, error)
    record_success(delivery, message)
    return SendOutcome("sent")


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


def record_failure(delivery: Delivery, error: BaseException) -> SendOutcome:
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
        return SendOutcome("failed", alert=alert_operations(delivery))
    next_at = now + retry_delay(delivery.attempts)
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.QUEUED,
        last_error=text,
        updated_at=now,
        next_attempt_at=next_at,
        attempt_log=_log_entry(delivery, "retry", text),
    )
    return SendOutcome("retry", retry_at=next_at)


def refresh_submission_status(submission_id: int | None) -> None:
    """Set a submission to failed, notified or received from its deliveries."""
    if submission_id is None:
        return
    Submission.objects.filter(pk=submission_id).with_wrong_status().update(
        status=status_from_deliveries()
    )


def repair_submission_statuses() -> int:
    """Recompute every submission whose stored status disagrees with its deliveries."""
    wrong = list(Submission.objects.with_wrong_status().values_list("pk", flat=True))
    for submission_id in wrong:
        refresh_submission_status(submission_id)
    if wrong:
        logger.warning("Repaired the status of %s submissions", len(wrong))
    return len(wrong)


def operations_address(submission: Submission | None) -> str:
    """The operations email in the site settings of the submission's site."""
    if submission is None:
        site = Site.objects.filter(is_default_site=True).first()
    else:
        site = submission.page.get_site() if submission.page_id else None
    if site is None:
        return ""
    return SiteSettings.for_site(site).operations_email


def alert_operations(delivery: Delivery) -> Delivery | None:
    """Create one alert per submission to the operations address; the new alert, if any.

    Never to the failed address itself; the caller queues the alert it gets back.
    """
    if delivery.kind == Delivery.Kind.FAILURE_ALERT:
        return None
    address = operations_address(delivery.submission)
    if not address:
        logger.error(
            "Email delivery %s failed and no operations address is set", delivery.pk
        )
        return None
    if delivery.submission_id is None:
        # A message on its own: one alert for it, named by the message it is about.
        alert, created = Delivery.objects.get_or_create(
            key=f"alert:{delivery.pk}",
            defaults={
                "kind": Delivery.Kind.FAILURE_ALERT,
                "recipient": address,
                "audience": Delivery.Audience.OPERATIONS,
                "rule": "operations",
            },
        )
        return alert if created else None
    alert, created = Delivery.objects.get_or_create(
        submission=delivery.submission,
        kind=Delivery.Kind.FAILURE_ALERT,
        recipient=address,
        defaults={"audience": Delivery.Audience.OPERATIONS, "rule": "operations"},
    )
    return alert if created else None


def resend(delivery: Delivery) -> bool:
    """Mark a finished or failed delivery queued again at a staff member's request."""
    updated = (
        Delivery.objects.filter(pk=delivery.pk)
        .exclude(status__in=Delivery.PENDING)
        .update(
            status=Delivery.Status.QUEUED,
            next_attempt_at=None,
            updated_at=timezone.now(),
        )
    )
    return bool(updated)


def requeue_stuck() -> list[int]:
    """Put deliveries a killed worker left sending back in the queue; all stuck ids.

    A `sending` row counts as stuck only once its claim is older than
    EMAIL_STUCK_SECONDS, which a system check keeps above the send time limit.
    """
    ids = []
    for delivery in Delivery.objects.stuck().only("pk", "status", "claimed_at"):
        if delivery.status == Delivery.Status.SENDING:
            moved = Delivery.objects.filter(
                pk=delivery.pk,
                status=Delivery.Status.SENDING,
                claimed_at=delivery.claimed_at,
            ).update(status=Delivery.Status.QUEUED, updated_at=timezone.now())
            if not moved:
                continue
        ids.append(delivery.pk)
    return ids
