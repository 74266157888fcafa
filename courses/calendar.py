"""iCalendar (RFC 5545) files for sessions, runs and the upcoming-sessions feed."""

from datetime import UTC, datetime

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from icalendar import Calendar, Event

from courses.models.runs import CourseRun, CourseSession, SessionFormat, SessionStatus
from courses.presentation import course_prefetches

PRODID = "-//CPD courses//Course calendar//EN"
FEED_MAX_AGE = 900

# RFC 5545 has no "postponed": the original slot will not happen as planned.
ICS_STATUS = {
    SessionStatus.SCHEDULED: "CONFIRMED",
    SessionStatus.MOVED_ONLINE: "CONFIRMED",
    SessionStatus.POSTPONED: "TENTATIVE",
    SessionStatus.CANCELLED: "CANCELLED",
}


def session_uid(session) -> str:
    """A UID that stays the same whatever changes about the session."""
    return f"{session.uid}@cpd-courses"


def session_event(
    course, run: CourseRun, session: CourseSession, url: str, stamp: datetime
) -> Event:
    """One VEVENT with UTC times, so every calendar app agrees on the instant."""
    event = Event()
    status_word = (
        ""
        if session.status == SessionStatus.SCHEDULED
        else (f"{SessionStatus(session.status).label}: ")
    )
    event.add("uid", session_uid(session))
    event.add("dtstamp", stamp)
    event.add("dtstart", session.start.astimezone(UTC))
    event.add("dtend", session.end.astimezone(UTC))
    event.add("summary", f"{status_word}{course.title} ({run.title})")
    event.add("sequence", session.sequence)
    event.add("status", ICS_STATUS[session.status])
    event.add("url", url)
    event.add("description", f"{course.summary}\n\n{url}")
    if session.place_label:
        event.add("location", session.place_label)
    if session.format == SessionFormat.ONLINE:
        event.add("categories", [str(SessionFormat.ONLINE.label)])
    return event


def course_address(course, request: HttpRequest) -> str:
    """The course page's full URL on the host the visitor used, not the Site record's."""
    return request.build_absolute_uri(course.get_url(request))


def build_calendar(sessions: list[tuple], request: HttpRequest, name: str) -> bytes:
    """A PUBLISH calendar of (course, run, session) triples."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for course, run, session in sessions:
        url = course_address(course, request)
        calendar.add_component(session_event(course, run, session, url, stamp))
    return calendar.to_ical()


def _response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


def calendar_response(
    course, sessions: list[tuple], request: HttpRequest, filename: str
) -> HttpResponse:
    """An .ics for some of one course's (run, session) pairs."""
    triples = [(course, run, session) for run, session in sessions]
    return _response(build_calendar(triples, request, course.title), filename)


def feed_response(title: str, courses: QuerySet, request: HttpRequest) -> HttpResponse:
    """Every session not yet over (cancelled ones too) of the given courses."""
    now = timezone.now()
    courses = courses.prefetch_related(*course_prefetches()[:1])
    triples = sorted(
        (
            (course, run, session)
            for course in courses
            for run in course.runs.all()
            for session in run.sessions.all()
            if not session.has_ended(now)
        ),
        key=lambda triple: triple[2].start,
    )
    return _response(build_calendar(triples, request, title), "courses.ics")
