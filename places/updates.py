"""Tell people holding a place when a session of theirs changes, once it is published.

Only publishing counts (Wagtail's `page_published`: the editor's Publish, an
approved workflow, a scheduled go-live, a revert that is published), never a
draft or an autosave. Each place remembers the SEQUENCE of every session it was
last sent (`SessionAnnouncement`); a session whose SEQUENCE has risen since, that
is new on the run, or that was removed from it (sent as cancelled), goes into one
update email with a calendar file.
"""

import hashlib
from datetime import datetime

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone, translation
from wagtail.signals import page_published

from courses.models import CoursePage, CourseSession, SessionStatus
from places.calendar import calendar_attachment
from places.emails import email_person, language_of
from places.joining import covered_sessions, remember_sent, session_view
from places.models import Place, Status


@receiver(page_published, sender=CoursePage)
def course_published(sender, instance: CoursePage, **kwargs) -> None:
    announce_changes(instance)


def announce_changes(course: CoursePage) -> int:
    """Email everyone with an accepted place on the course whose sessions changed."""
    keys = course.runs.values_list("translation_key", flat=True)
    places = Place.objects.filter(status=Status.ACCEPTED, run__translation_key__in=keys)
    now = timezone.now()
    return sum(announce_to(place, now) for place in places.order_by("pk"))


def changed_sessions(place: Place, now: datetime) -> list[CourseSession]:
    """Sessions not yet over that differ from what the person was last sent.

    That includes a session they were sent which has since been cancelled (no
    longer a core session) and a core session added after they were told.
    """
    known = dict(place.announcements.values_list("session_uid", "sequence"))
    covered = {session.pk for session in covered_sessions(place)}
    sessions = place.run.sessions.filter(end__gt=now).order_by("start", "pk")
    return [
        session
        for session in sessions
        if (session.uid in known and session.sequence > known[session.uid])
        or (session.uid not in known and session.pk in covered)
    ]


def removed_sessions(place: Place, now: datetime) -> list[CourseSession]:
    """Sessions the person was sent that are no longer on the run, as cancellations.

    Unsaved stand-ins built from what was sent, one SEQUENCE higher, so the
    calendar file cancels the event the person has.
    """
    present = set(place.run.sessions.values_list("uid", flat=True))
    gone = place.announcements.exclude(session_uid__in=present).filter(end__gt=now)
    return [
        CourseSession(
            run=place.run,
            uid=sent.session_uid,
            sequence=sent.sequence + 1,
            start=sent.start,
            end=sent.end,
            platform="",
            status=SessionStatus.CANCELLED,
        )
        for sent in gone.order_by("start")
    ]


def update_key(place: Place, sessions: list[CourseSession]) -> str:
    """Names this update: the same versions of the same sessions are sent once."""
    versions = "|".join(f"{s.uid}:{s.sequence}" for s in sessions)
    return f"update:{place.pk}:{hashlib.sha256(versions.encode()).hexdigest()[:32]}"


def announce_to(place: Place, now: datetime) -> int:
    """Queue one update to the place's person if a session changed; 1 if queued."""
    with transaction.atomic():
        # One publish at a time per place compares and records what was sent.
        place = Place.objects.select_for_update().get(pk=place.pk)
        if place.status != Status.ACCEPTED:
            return 0
        removed = removed_sessions(place, now)
        changed = sorted(changed_sessions(place, now) + removed, key=lambda s: s.start)
        if not changed:
            return 0
        with translation.override(language_of(place)):
            views = [session_view(session) for session in changed]
        sent = email_person(
            place,
            "session_changed",
            {
                "sessions": views,
                "all_cancelled": all(view.cancelled for view in views),
            },
            key=update_key(place, changed),
            attachments=[calendar_attachment(place, changed)],
        )
        remember_sent(place, [s for s in changed if s not in removed])
        # A removed session, once cancelled, is not announced again.
        place.announcements.filter(session_uid__in=[s.uid for s in removed]).delete()
    return 0 if sent is None else 1
