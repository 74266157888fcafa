"""The emails a place's own changes send: confirmed, waiting, and the like."""

from places.emails import email_person
from places.models import Place, Status


def place_confirmed(place: Place) -> None:
    """Tell the person their place is confirmed (once per place)."""
    email_person(place, "confirmed", key=f"place:{place.pk}:confirmed")


def place_waitlisted(place: Place) -> None:
    """Tell the person the run is full and they are on its waiting list."""
    email_person(place, "waitlisted", key=f"place:{place.pk}:waitlisted")


def after_intake(place: Place) -> None:
    """What a new place from the website says to its person, by its status."""
    if place.status == Status.ACCEPTED:
        place_confirmed(place)
    elif place.status == Status.WAITLISTED:
        place_waitlisted(place)
