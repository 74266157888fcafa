"""What the home page shows of courses: the next dates and the pinned courses.

Both are read in a fixed number of queries whatever the number of courses, runs
and sessions, so the home page costs the same on a large site as on a small one.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page

from courses.models.pages import CoursePage
from courses.models.runs import (
    CourseRun,
    CourseSession,
    in_booking_window,
    places_taken,
)
from courses.participation import Participation

MAX_FEATURED = 6


@dataclass
class DateRow:
    """One upcoming date on the home page, with how to take it."""

    course: CoursePage
    run: CourseRun
    session: CourseSession
    # None when the run has no capacity limit.
    places_left: int | None
    action_url: str = ""
    waiting_list_url: str = ""

    @property
    def is_full(self) -> bool:
        return self.places_left == 0


@dataclass
class FeaturedCourse:
    """A pinned course in the visitor's language and its next bookable date."""

    course: CoursePage
    next_session: CourseSession | None = None


def _held_on_date() -> Coalesce:
    """Places held on this one date, counted on its source session (date_places_left)."""
    held = (
        CourseSession.objects.filter(
            Q(uid=OuterRef("uid")) | Q(start=OuterRef("start")),
            run__translation_key=OuterRef("run__translation_key"),
            places__holds_seat=True,
        )
        .values("run__translation_key")
        .annotate(n=Count("places"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(held), Value(0))


def bookable_sessions(now: datetime) -> QuerySet:
    """Dates to come on runs taking bookings, full or not, of live courses.

    Open runs and full ones together are every run taking bookings, and a date to
    come is the meeting to come that `taking_bookings` asks of its run: so this is
    the run's booking window, on the joined run, with no subquery.
    """
    return CourseSession.objects.upcoming(now).filter(
        in_booking_window(timezone.localdate(now), run="run__"),
        run__course__live=True,
    )


def localized_forms(courses: list[CoursePage], locale_id: int) -> dict[int, Page]:
    """Each course form page in the given locale, by form page id: no query when
    they are all in it already, else one."""
    forms = {c.form_page.pk: c.form_page for c in courses if c.form_page_id}
    keys = {f.translation_key for f in forms.values() if f.locale_id != locale_id}
    if not keys:
        return forms
    translated = {
        page.translation_key: page
        for page in Page.objects.filter(translation_key__in=keys, locale_id=locale_id)
    }
    return {
        pk: translated.get(form.translation_key, form) for pk, form in forms.items()
    }


def upcoming_dates(root: Page, now: datetime, limit: int) -> list[DateRow]:
    """The next `limit` dates across root's live courses, soonest first.

    A run booked as a whole counts once, at its next date; a drop-in's dates each
    count, with the places left on that date. A full run with a waiting list
    links to it instead of the booking form.
    """
    if limit <= 0:
        return []
    next_of_run = (
        CourseSession.objects.upcoming(now)
        .filter(run=OuterRef("run"))
        .order_by("start", "pk")
        .values("pk")[:1]
    )
    sessions = list(
        bookable_sessions(now)
        .filter(
            Q(run__course__participation=Participation.JOIN)
            | Q(pk=Subquery(next_of_run)),
            run__course__path__startswith=root.path,
            run__course__locale_id=root.locale_id,
        )
        .select_related("run", "run__course", "run__course__form_page")
        .annotate(
            run_taken=places_taken("run__translation_key"), date_taken=_held_on_date()
        )
        .order_by("start", "pk")[:limit]
    )
    courses = [session.run.course for session in sessions]
    forms = localized_forms(courses, root.locale_id)
    rows = []
    for session in sessions:
        run, course = session.run, session.run.course
        run.taken = session.run_taken
        drop_in = course.participation == Participation.JOIN
        if run.capacity is None:
            left = None
        elif drop_in:
            left = max(run.capacity - session.run_taken - session.date_taken, 0)
        else:
            left = run.places_left
        url = course.form_url_for(run, forms.get(course.form_page_id))
        row = DateRow(course=course, run=run, session=session, places_left=left)
        if left != 0:
            row.action_url = url
        elif not drop_in:
            # Drop-ins keep no waiting list: a full date is simply not offered.
            row.waiting_list_url = url
        rows.append(row)
    return rows


def featured_courses(home, now: datetime) -> list[FeaturedCourse]:
    """The courses pinned to the home page, in order, each in the home page's language.

    A pin shows the course's live translation in that language, else the pinned
    course if live; pins of pages that are not live courses are skipped. Three
    queries: the pins, the courses with their next date, then those dates.
    """
    pinned_ids = [pin.course_id for pin in home.featured_courses.all()][:MAX_FEATURED]
    if not pinned_ids:
        return []
    keys = Page.objects.filter(pk__in=pinned_ids).values("translation_key")
    next_date = (
        bookable_sessions(now)
        .filter(run__course=OuterRef("pk"))
        .order_by("start", "pk")
        .values("pk")[:1]
    )
    candidates = list(
        CoursePage.objects.filter(
            Q(pk__in=pinned_ids)
            | Q(translation_key__in=Subquery(keys), locale_id=home.locale_id)
        ).annotate(next_session_id=Subquery(next_date))
    )
    by_pk = {c.pk: c for c in candidates}
    pinned = [by_pk[pk] for pk in pinned_ids if pk in by_pk]
    active = {c.translation_key: c for c in candidates if c.locale_id == home.locale_id}
    shown_courses = []
    for course in pinned:
        translated = active.get(course.translation_key)
        shown = translated if translated is not None and translated.live else course
        if shown.live:
            shown_courses.append(shown)
    sessions = CourseSession.objects.select_related("run").in_bulk(
        [c.next_session_id for c in shown_courses if c.next_session_id]
    )
    return [
        FeaturedCourse(course=c, next_session=sessions.get(c.next_session_id))
        for c in shown_courses
    ]
