"""What the admin dashboard says about email delivery."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from forms_app.models import Delivery, Submission


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


def never_notified_count(submissions) -> int:
    """Stored submissions whose staff notification has not gone out (quarantine excluded)."""
    return submissions.filter(
        status__in=[Submission.Status.RECEIVED, Submission.Status.FAILED]
    ).count()
