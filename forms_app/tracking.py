"""Provider tracking webhooks move each delivery to delivered, bounced, complained or rejected."""

import logging
from functools import wraps

from anymail import urls as anymail_urls
from anymail.signals import AnymailTrackingEvent, EventType, tracking
from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponseForbidden
from django.urls import URLPattern
from django.utils import timezone

from forms_app.delivery import alert_operations, refresh_submission_status
from forms_app.models import Delivery
from forms_app.redaction import describe_tracking_event
from forms_app.tasks import enqueue_delivery

logger = logging.getLogger(__name__)

STATUS_FOR_EVENT = {
    EventType.DELIVERED: Delivery.Status.DELIVERED,
    EventType.BOUNCED: Delivery.Status.BOUNCED,
    EventType.COMPLAINED: Delivery.Status.COMPLAINED,
    EventType.REJECTED: Delivery.Status.REJECTED,
    EventType.FAILED: Delivery.Status.FAILED,
}
# A later event never lowers a delivery: replays and out-of-order events are harmless.
RANK = {
    Delivery.Status.SENT: 1,
    Delivery.Status.DELIVERED: 2,
    **dict.fromkeys(Delivery.FINISHED_BAD, 3),
    Delivery.Status.COMPLAINED: 4,
}


def delivery_for_event(event: AnymailTrackingEvent) -> Delivery | None:
    """The delivery named in the event's metadata, confirmed by its message id."""
    delivery_id = str((event.metadata or {}).get("delivery_id", ""))
    if not delivery_id.isdigit() or not event.message_id:
        return None
    return (
        Delivery.objects.filter(pk=int(delivery_id), message_id=str(event.message_id))
        .select_related("submission")
        .first()
    )


def apply_tracking_event(event: AnymailTrackingEvent) -> Delivery | None:
    """Record one tracking event on its delivery; an operations alert to queue, if any.

    The submission's status is recomputed even when the event changes nothing,
    so a provider's retry of an event repairs whatever an earlier failure left.
    """
    status = STATUS_FOR_EVENT.get(event.event_type)
    delivery = delivery_for_event(event) if status else None
    if delivery is None:
        return None
    if RANK.get(status, 0) <= RANK.get(delivery.status, 0):
        refresh_submission_status(delivery.submission_id)
        return None
    changed = Delivery.objects.filter(pk=delivery.pk, status=delivery.status).update(
        status=status,
        last_error=describe_tracking_event(
            event.event_type, event.reject_reason, event.mta_response
        )
        if status != Delivery.Status.DELIVERED
        else "",
        updated_at=timezone.now(),
    )
    refresh_submission_status(delivery.submission_id)
    # A facilitator who never gets an application cannot act on it: tell operations.
    if (
        changed
        and status != Delivery.Status.DELIVERED
        and delivery.audience == Delivery.Audience.FACILITATOR
    ):
        delivery.status = status
        return alert_operations(delivery)
    return None


@receiver(tracking)
def record_tracking_event(sender, event, esp_name, **kwargs) -> None:
    # One transaction per event: a failure part-way leaves nothing for the retry to trip on.
    with transaction.atomic():
        alert = apply_tracking_event(event)
        if alert is not None:
            enqueue_delivery(alert.pk)


def _require_secret(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        # anymail only warns without a secret; we refuse instead.
        if not settings.ANYMAIL.get("WEBHOOK_SECRET"):
            return HttpResponseForbidden("Webhooks are not configured.")
        return view(request, *args, **kwargs)

    return guarded


urlpatterns = [
    URLPattern(p.pattern, _require_secret(p.callback), p.default_args, p.name)
    for p in anymail_urls.urlpatterns
]
app_name = "anymail"
