"""A person's own calendar file: the sessions of their place, with the joining details."""

from datetime import UTC

from django.utils import timezone, translation
from django.utils.text import slugify
from icalendar import Calendar

from courses.calendar import PRODID, session_event
from courses.models import CourseRun, CourseSession
from places.emails import language_of, run_in_language
from places.joining import joining_text
from places.models import Place


def personal_uid(place: Place, session: CourseSession) -> str:
    """Stable per person and session, unlike the public feed's UID for the session."""
    return f"{session.uid}-place-{place.pk}@cpd-courses"


def personal_event(place: Place, run: CourseRun, session: CourseSession, stamp):
    """The public event of the session, made this person's: own UID, joining details."""
    course = run.course
    url = course.full_url or ""
    event = session_event(course, run, session, url, stamp)
    for name in ("uid", "description", "location"):
        event.pop(name, None)
    event.add("uid", personal_uid(place, session))
    details = "" if session.is_cancelled else joining_text(session)
    event.add("description", "\n\n".join(part for part in (details, url) if part))
    location = session.joining_link or session.place_label
    if location and not session.is_cancelled:
        event.add("location", location)
    return event


def personal_calendar(place: Place, sessions: list[CourseSession]) -> bytes:
    """A PUBLISH calendar of the sessions; SEQUENCE is each session's own."""
    with translation.override(language_of(place)):
        run = run_in_language(place)
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("method", "PUBLISH")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", run.course.title)
        stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
        for session in sessions:
            calendar.add_component(personal_event(place, run, session, stamp))
    return calendar.to_ical()


def calendar_attachment(place: Place, sessions: list[CourseSession]) -> dict:
    """The calendar as an outbox attachment (stored as text with the message)."""
    name = slugify(place.run.course.title)[:60] or "sessions"
    return {
        "filename": f"{name}.ics",
        "content": personal_calendar(place, sessions).decode(),
        "mimetype": "text/calendar",
    }
