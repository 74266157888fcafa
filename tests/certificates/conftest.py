"""Certificates fixtures: a six-session cohort that ended last week, with three places."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.models import Source
from certificates.register import record_attendance
from courses.completion import Completion
from places.models import Status
from tests.factories.courses import CourseSessionFactory
from tests.forms_app.conftest import post_form, privacy_page  # noqa: F401
from tests.places.conftest import cohort, make_course, make_run  # noqa: F401
from tests.support.places import take_places


@pytest.fixture
def ended_cohort(cohort):  # noqa: F811
    """Six weekly sessions ending a week ago; rule: at least 5; 12 CPD hours, 9 participatory.

    People 1, 2 and 3 hold places; lead-a leads the course, lead-b another one.
    """
    course = cohort["course"]
    course.certificate = True
    course.cpd_hours = Decimal("12")
    course.participatory_hours = Decimal("9")
    course.completion = Completion.AT_LEAST
    course.completion_sessions = 5
    course.save_revision().publish()
    run = cohort["run"]
    run.sessions.all().delete()
    last = timezone.now().replace(microsecond=0) - timedelta(days=7)
    sessions = []
    for week in range(5, -1, -1):
        start = last - timedelta(weeks=week)
        sessions.append(
            CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=2))
        )
    places = take_places(run, 3, Status.ACCEPTED)
    return {**cohort, "course": course, "sessions": sessions, "places": places}


def attend(sessions, place, count: int, by=None) -> None:
    """Tick the place as present at the first `count` sessions."""
    for session in sessions[:count]:
        record_attendance(
            session, place=place, attended=True, source=Source.REGISTER, by=by
        )
