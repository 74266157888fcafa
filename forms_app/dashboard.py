"""What the admin dashboard says about email delivery."""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from forms_app.models import Delivery, Submission

# A worker polls every second; a due email waiting this long means none is running.
WORKER_LATE_SECONDS = 300


def visible_deliveries(submissions: QuerySet, messages_too: bool) -> QuerySet:
    """Deliveries about these submissions, and messages about no submission if asked."""
    shown = Q(submission__in=submissions)
    if messages_too:
        shown |= Q(submission__isnull=True)
    return Delivery.objects.filter(shown)


def failed_or_stuck_deliveries(
    submissions: QuerySet, messages_too: bool = False
) -> QuerySet:
    """Deliveries that finished badly, and those stuck (see DeliveryQuerySet.stuck)."""
    deliveries = visible_deliveries(submissions, messages_too)
    return (
        (deliveries.finished_bad() | deliveries.stuck())
        .select_related("submission")
        .order_by("-updated_at")
    )


def oldest_waiting_delivery(
    submissions: QuerySet, messages_too: bool = False
) -> Delivery | None:
    """The longest-waiting delivery that is due to be sent now, if any."""
    return (
        visible_deliveries(submissions, messages_too)
        .due()
        .order_by("created_at", "pk")
        .first()
    )


def worker_seems_absent(oldest: Delivery | None) -> bool:
    """Whether a due email has waited longer than a running worker would let it."""
    if oldest is None:
        return False
    waited_since = max(oldest.created_at, oldest.next_attempt_at or oldest.created_at)
    return timezone.now() - waited_since > timedelta(seconds=WORKER_LATE_SECONDS)


def never_notified_count(submissions: QuerySet) -> int:
    """Stored submissions whose staff notification has not gone out (quarantine excluded)."""
    return submissions.filter(
        status__in=[Submission.Status.RECEIVED, Submission.Status.FAILED]
    ).count()
