"""The emails a place's own changes send: confirmed, waiting, and the like."""

from django.db import transaction
from django.utils import translation

from places.calendar import calendar_attachment
from places.emails import email_person, language_of
from places.joining import covered_sessions, remember_sent, session_view
from places.models import Place, Status


def place_confirmed(place: Place) -> None:
    """Tell the person their place is confirmed (once per place), with the joining
    details of every session and a calendar file of them."""
    sessions = covered_sessions(place)
    with translation.override(language_of(place)):
        views = [session_view(session) for session in sessions]
    attachments = [calendar_attachment(place, sessions)] if sessions else []
    with transaction.atomic():
        sent = email_person(
            place,
            "confirmed",
            {"sessions": views},
            key=f"place:{place.pk}:confirmed",
            attachments=attachments,
        )
        if sent is not None:
            remember_sent(place, sessions)


def place_waitlisted(place: Place) -> None:
    """Tell the person the run is full and they are on its waiting list."""
    email_person(place, "waitlisted", key=f"place:{place.pk}:waitlisted")


def after_intake(place: Place) -> None:
    """What a new place from the website says to its person, by its status."""
    if place.status == Status.ACCEPTED:
        place_confirmed(place)
    elif place.status == Status.WAITLISTED:
        place_waitlisted(place)
