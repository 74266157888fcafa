"""Store a submission, its deliveries and their send tasks in one transaction."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from forms_app.models import BaseFormPage, Delivery, Submission
from forms_app.references import new_reference
from forms_app.routing import recipients_for
from forms_app.signals import submission_stored
from forms_app.tasks import enqueue_delivery

REFERENCE_ATTEMPTS = 10


class DuplicateSubmission(Exception):
    """The same rendered form was already submitted; carries the stored submission."""

    def __init__(self, submission: Submission) -> None:
        super().__init__(submission.reference)
        self.submission = submission


def record_submission(
    page: BaseFormPage,
    answers: dict,
    contact_name: str,
    contact_email: str,
    *,
    key: str | None,
    spam: str = "",
    links: dict | None = None,
) -> Submission:
    """Save the submission and, unless it is quarantined, queue its emails; all or nothing."""
    if key and (existing := Submission.objects.filter(idempotency_key=key).first()):
        raise DuplicateSubmission(existing)
    submission = Submission(
        page=page.source_page(),
        form_data=answers,
        contact_name=contact_name,
        contact_email=contact_email,
        idempotency_key=key,
        locale=page.locale,
        status=Submission.Status.QUARANTINED if spam else Submission.Status.RECEIVED,
        spam_reason=spam,
        **(links or {}),
    )
    try:
        with transaction.atomic():
            save_with_unique_reference(submission, page.reference_prefix)
            if not spam:
                queue_deliveries(page, submission)
                submission_stored.send(BaseFormPage, page=page, submission=submission)
    except IntegrityError:
        existing = (
            Submission.objects.filter(idempotency_key=key).first() if key else None
        )
        if existing is None:
            raise
        raise DuplicateSubmission(existing) from None
    return submission


def save_with_unique_reference(submission: Submission, prefix: str) -> None:
    """Save with a fresh reference, drawing again when one is already taken."""
    for _attempt in range(REFERENCE_ATTEMPTS):
        submission.reference = new_reference(prefix)
        if Submission.objects.filter(reference=submission.reference).exists():
            continue
        with transaction.atomic():
            submission.save()
        return
    raise IntegrityError("No free submission reference after several attempts.")


def acknowledgement_limit_reached(address: str, now: datetime | None = None) -> bool:
    """Whether this address already had its day's share of acknowledgements."""
    since = (now or timezone.now()) - timedelta(hours=24)
    earlier = (
        Delivery.objects.filter(
            kind=Delivery.Kind.ACKNOWLEDGEMENT,
            recipient__iexact=address.strip(),
            created_at__gte=since,
        )
        .exclude(status=Delivery.Status.SUPPRESSED)
        .count()
    )
    return earlier >= settings.FORMS_ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY


def acknowledgement(submission: Submission) -> Delivery:
    """The acknowledgement to the sender, suppressed once the daily limit is reached."""
    delivery = Delivery(
        submission=submission,
        kind=Delivery.Kind.ACKNOWLEDGEMENT,
        recipient=submission.contact_email,
        audience=Delivery.Audience.APPLICANT,
        rule="sender",
    )
    if acknowledgement_limit_reached(submission.contact_email):
        delivery.status = Delivery.Status.SUPPRESSED
        delivery.last_error = (
            f"Not sent: this address had "
            f"{settings.FORMS_ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY} acknowledgements "
            f"in 24 hours."
        )
    return delivery


def queue_deliveries(page: BaseFormPage, submission: Submission) -> list[Delivery]:
    """One notification per routed recipient and one acknowledgement, each enqueued.

    An acknowledgement over the per-address daily limit is stored as suppressed,
    so staff see why it was not sent, and is not enqueued.
    """
    deliveries = [
        Delivery(
            submission=submission,
            kind=Delivery.Kind.NOTIFICATION,
            recipient=recipient.address,
            audience=recipient.audience,
            rule=recipient.rule,
        )
        for recipient in recipients_for(page, submission)
    ]
    deliveries.append(acknowledgement(submission))
    for delivery in deliveries:
        delivery.save()
        if delivery.status == Delivery.Status.QUEUED:
            enqueue_delivery(delivery.pk)
    return deliveries


def release_submission(submission: Submission) -> int:
    """Take a quarantined submission out of quarantine and queue its emails."""
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status != Submission.Status.QUARANTINED:
            return 0
        page = locked.page.specific
        if not isinstance(page, BaseFormPage):
            return 0
        locked.status = Submission.Status.RECEIVED
        locked.save(update_fields=["status"])
        queued = queue_deliveries(page, locked)
        submission_stored.send(BaseFormPage, page=page, submission=locked)
        return sum(d.status == Delivery.Status.QUEUED for d in queued)


def queue_message(
    recipient: str,
    subject: str,
    body: str,
    *,
    rule: str,
    key: str | None = None,
    submission: Submission | None = None,
    attachments: list[dict] | None = None,
) -> Delivery | None:
    """Store one written message to a person and enqueue it; None if `key` was queued.

    For layers above that write their own emails (offers, reminders): the outbox
    keeps, retries and reports it like every other delivery. Call it inside the
    transaction that makes the change the message is about.
    """
    if key and Delivery.objects.filter(key=key).exists():
        return None
    delivery = Delivery(
        submission=submission,
        kind=Delivery.Kind.MESSAGE,
        recipient=recipient,
        audience=Delivery.Audience.APPLICANT,
        rule=rule[:255],
        subject=subject[:200],
        body=body,
        attachments=attachments or [],
        key=key,
    )
    try:
        with transaction.atomic():
            delivery.save()
    except IntegrityError:
        if key and Delivery.objects.filter(key=key).exists():
            return None
        raise
    enqueue_delivery(delivery.pk)
    return delivery
