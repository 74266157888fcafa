"""Reminders a week and a day before each session, to everyone holding a place.

Run by the task workers as a periodic job (see `places.apps`). Each reminder is
queued with an outbox key naming its kind, place and session, which the database
keeps unique: however many workers run this at once, or however often, each
person gets each reminder once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max, Q
from django.utils import timezone, translation

from courses.models import CourseSession, SessionStatus
from places.emails import email_person, language_of
from places.joining import covered_sessions, session_view
from places.models import Place, PlaceQuerySet, Status

# How often the workers look for reminders that have fallen due.
REMINDER_INTERVAL_SECONDS = 600


@dataclass(frozen=True)
class Kind:
    """A reminder `days` before a session, sent until the next kind is due."""

    days: int

    @property
    def before(self) -> timedelta:
        return timedelta(days=self.days)


WEEK = Kind(7)
DAY = Kind(1)
KINDS = (WEEK, DAY)


def kind_due(session: CourseSession, now: datetime) -> Kind | None:
    """The reminder due for the session now: a week's until a day's is due."""
    if session.start <= now:
        return None
    due = [kind for kind in KINDS if session.start - kind.before <= now]
    return min(due, key=lambda kind: kind.days) if due else None


def reminder_key(kind: Kind, place: Place, session: CourseSession) -> str:
    return f"reminder:{kind.days}:{place.pk}:{session.uid}"


def places_to_remind(now: datetime) -> PlaceQuerySet:
    """Accepted places on runs with a core session in the coming week."""
    runs = (
        CourseSession.objects.upcoming(now)
        .filter(start__lte=now + WEEK.before)
        .values("run_id")
    )
    return (
        Place.objects.filter(status=Status.ACCEPTED, run_id__in=runs)
        .annotate(
            accepted_at=Max("changes__at", filter=Q(changes__status_to=Status.ACCEPTED))
        )
        .select_related("run__course", "submission")
        .order_by("pk")
    )


def send_due_reminders(now: datetime) -> int:
    """Queue every reminder due at `now` and not queued before; how many were queued.

    A place accepted after a reminder fell due gets no such reminder: its
    confirmation has just told the person everything.
    """
    queued = 0
    for place in places_to_remind(now):
        for session in covered_sessions(place):
            if session.status == SessionStatus.POSTPONED:
                continue  # its update told the person; a new date gets reminders
            kind = kind_due(session, now)
            accepted_at = place.accepted_at or place.created_at
            if kind is None or accepted_at > session.start - kind.before:
                continue
            queued += remind(place, session, kind)
    return queued


def remind(place: Place, session: CourseSession, kind: Kind) -> int:
    """Queue one reminder; 0 if it was queued before."""
    with translation.override(language_of(place)):
        context = {"session": session_view(session), "days": kind.days}
    sent = email_person(
        place, "reminder", context, key=reminder_key(kind, place, session)
    )
    return 0 if sent is None else 1


def send_reminders_now() -> int:
    """The periodic job: reminders due at this moment."""
    return send_due_reminders(timezone.now())
