"""What the admin dashboard says about email delivery."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from forms_app.models import Delivery, Submission

# A worker polls every second; a due email waiting this long means none is running.
WORKER_LATE_SECONDS = 300


def failed_or_stuck_deliveries(submissions):
    """Failed deliveries, and those queued or sending for longer than the stuck limit."""
    cutoff = timezone.now() - timedelta(seconds=settings.EMAIL_STUCK_SECONDS)
    return (
        Delivery.objects.filter(submission__in=submissions)
        .filter(
            Q(
                status__in=[
                    Delivery.Status.FAILED,
                    Delivery.Status.BOUNCED,
                    Delivery.Status.REJECTED,
                ]
            )
            | Q(
                status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING],
                created_at__lt=cutoff,
            )
        )
        .select_related("submission")
        .order_by("-updated_at")
    )


def oldest_waiting_delivery(submissions) -> Delivery | None:
    """The longest-waiting delivery that is due to be sent now, if any."""
    now = timezone.now()
    return (
        Delivery.objects.filter(
            submission__in=submissions, status=Delivery.Status.QUEUED
        )
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at", "pk")
        .first()
    )


def worker_seems_absent(oldest: Delivery | None) -> bool:
    """Whether a due email has waited longer than a running worker would let it."""
    if oldest is None:
        return False
    waited_since = max(oldest.created_at, oldest.next_attempt_at or oldest.created_at)
    return timezone.now() - waited_since > timedelta(seconds=WORKER_LATE_SECONDS)


def never_notified_count(submissions) -> int:
    """Stored submissions whose staff notification has not gone out (quarantine excluded)."""
    return submissions.filter(
        status__in=[Submission.Status.RECEIVED, Submission.Status.FAILED]
    ).count()
