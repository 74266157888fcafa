"""The Atom feed (RFC 4287) of upcoming course dates and newly published courses."""

from datetime import datetime, timedelta
from uuid import NAMESPACE_URL, uuid5

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.calendar import FEED_MAX_AGE, course_address
from courses.models.runs import CourseRun, SessionFormat
from courses.presentation import course_prefetches
from home.models import SiteSettings

NEW_COURSE_DAYS = 90
# Entry ids must never change (RFC 4287 4.2.6): built from translation keys, not URLs.
ID_NAMESPACE = uuid5(NAMESPACE_URL, "https://cpd-courses/atom")


def entry_id(kind: str, translation_key, language_code: str) -> str:
    return (
        f"urn:uuid:{uuid5(ID_NAMESPACE, f'{kind}/{translation_key}/{language_code}')}"
    )


def places_text(run: CourseRun) -> str:
    left = run.places_left
    if left is None:
        return ""
    if left == 0:
        return _("Fully booked: join the waiting list.")
    return ngettext("%(n)s place left.", "%(n)s places left.", left) % {"n": left}


def run_summary(run: CourseRun, now: datetime) -> str:
    """The dates to come with GMT/BST and format, then the places left, as HTML.

    Django's Atom feed marks summaries type="html", so lines are escaped and broken.
    """
    lines = []
    sessions = sorted(run.sessions.all(), key=lambda s: s.start)
    for session in sessions:
        if session.is_cancelled or session.has_ended(now):
            continue
        format_label = (
            SessionFormat.ONLINE.label
            if session.is_online_only
            else SessionFormat(session.format).label
        )
        lines.append(f"{session.when_text()} ({format_label})")
    places = places_text(run)
    return "<br>".join(escape(line) for line in lines + ([places] if places else []))


def _changed(course) -> datetime:
    return course.last_published_at or course.first_published_at or timezone.now()


def build_feed(index, courses: QuerySet, request: HttpRequest) -> Atom1Feed:
    """Runs with a date still to come, soonest first, then courses new in 90 days."""
    now = timezone.now()
    language = translation.get_language()
    site_settings = SiteSettings.for_request(request)
    address = request.build_absolute_uri(request.path)
    feed = Atom1Feed(
        title=_("%(courses)s: dates and new courses") % {"courses": index.title},
        link=course_address(index, request),
        description=_("Upcoming course dates, and courses new in the last 90 days."),
        language=language,
        feed_url=address,
        feed_guid=address,
        author_name=site_settings.organisation_name,
    )
    courses = list(courses.prefetch_related(*course_prefetches()[:1]))
    runs = []
    for course in courses:
        for run in course.runs.all():
            upcoming = [s.start for s in run.sessions.all() if s.is_upcoming(now)]
            if upcoming:
                runs.append((min(upcoming), course, run))
    for _start, course, run in sorted(runs, key=lambda item: item[0]):
        feed.add_item(
            title=_("%(course)s: %(run)s") % {"course": course.title, "run": run.label},
            link=course_address(course, request),
            description=run_summary(run, now),
            unique_id=entry_id("run", run.translation_key, language),
            unique_id_is_permalink=False,
            updateddate=_changed(course),
            pubdate=course.first_published_at,
        )
    since = now - timedelta(days=NEW_COURSE_DAYS)
    new = [c for c in courses if c.first_published_at and c.first_published_at >= since]
    for course in sorted(new, key=lambda c: c.first_published_at, reverse=True):
        feed.add_item(
            title=_("New course: %(course)s") % {"course": course.title},
            link=course_address(course, request),
            description=escape(course.summary or course.title),
            unique_id=entry_id("course", course.translation_key, language),
            unique_id_is_permalink=False,
            updateddate=_changed(course),
            pubdate=course.first_published_at,
        )
    return feed


def atom_response(index, courses: QuerySet, request: HttpRequest) -> HttpResponse:
    feed = build_feed(index, courses, request)
    response = HttpResponse(feed.writeString("utf-8"), content_type=feed.content_type)
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response
