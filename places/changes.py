"""Move a place from one status to another, recording who did it and when."""

from django.db import transaction
from django.utils import timezone

from places.models import Place, PlaceChange, Status

# Where each status may go next; declined, lapsed, withdrawn and cancelled are final
# except that a lapsed offer may still be accepted while a place is free.
NEXT = {
    Status.RECEIVED: {
        Status.OFFERED,
        Status.ACCEPTED,
        Status.WAITLISTED,
        Status.DECLINED,
        Status.WITHDRAWN,
        Status.CANCELLED,
    },
    Status.OFFERED: {
        Status.ACCEPTED,
        Status.DECLINED,
        Status.LAPSED,
        Status.WITHDRAWN,
        Status.CANCELLED,
    },
    Status.WAITLISTED: {
        Status.OFFERED,
        Status.ACCEPTED,
        Status.DECLINED,
        Status.WITHDRAWN,
        Status.CANCELLED,
    },
    Status.ACCEPTED: {Status.WITHDRAWN, Status.CANCELLED},
    Status.LAPSED: {Status.ACCEPTED, Status.WAITLISTED},
    Status.DECLINED: set(),
    Status.WITHDRAWN: set(),
    Status.CANCELLED: set(),
}


class NotAllowed(Exception):
    """The place is not in a status that can make this change."""


def can_change(place: Place, to: str) -> bool:
    return to in NEXT[Status(place.status)]


def change_status(
    place: Place,
    to: str,
    *,
    actor: str,
    by=None,
    note: str = "",
    offer_expires_at=None,
) -> Place:
    """Change the place's status under a row lock and record the change.

    Raises NotAllowed when the stored status cannot move to `to` (for example an
    offer already answered in another tab); the caller says so to the person.
    """
    with transaction.atomic():
        locked = Place.objects.select_for_update().get(pk=place.pk)
        if not can_change(locked, to):
            raise NotAllowed(f"{locked.status} -> {to}")
        before = locked.status
        locked.status = to
        locked.offer_expires_at = offer_expires_at if to == Status.OFFERED else None
        if to == Status.WAITLISTED:
            locked.waitlisted_at = timezone.now()
        locked.save(update_fields=["status", "offer_expires_at", "waitlisted_at"])
        PlaceChange.objects.create(
            place=locked,
            status_from=before,
            status_to=to,
            actor=actor,
            by=by if getattr(by, "is_authenticated", False) else None,
            note=note[:200],
        )
    return locked


def record_new(place: Place, *, actor: str, by=None, note: str = "") -> Place:
    """Save a new place and its first change in one step."""
    with transaction.atomic():
        if place.status == Status.WAITLISTED and place.waitlisted_at is None:
            place.waitlisted_at = timezone.now()
        place.save()
        PlaceChange.objects.create(
            place=place,
            status_to=place.status,
            actor=actor,
            by=by if getattr(by, "is_authenticated", False) else None,
            note=note[:200],
        )
    return place
