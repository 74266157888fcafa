"""The .ics files: parsed with icalendar, they give the right instants and changes."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from courses.demo.relative_dates import next_clock_change
from courses.rules import LONDON
from tests.factories.courses import CourseRunFactory, CourseSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def autumn_change() -> date:
    """The next change from BST to GMT (late October) at least a week away."""
    change = next_clock_change(timezone.localdate() + timedelta(weeks=1))
    return change if change.month == 10 else next_clock_change(change)


@pytest.fixture
def autumn_run(course, autumn_change):
    """A run with a Monday session either side of the BST to GMT change."""
    run = CourseRunFactory(course=course, title="Autumn series")
    for day in (autumn_change - timedelta(days=6), autumn_change + timedelta(days=1)):
        CourseSessionFactory(
            run=run,
            start=datetime.combine(day, time(15), tzinfo=LONDON),
            end=datetime.combine(day, time(17), tzinfo=LONDON),
        )
    return run


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["VERSION"] == "2.0"
    return list(calendar.walk("VEVENT"))


def test_run_calendar_has_utc_instants_either_side_of_clock_change(
    client, course, autumn_run, autumn_change
):
    found = events(client.get(f"{course.url}runs/{autumn_run.pk}/calendar/"))
    starts = sorted(event.decoded("DTSTART") for event in found)
    days = (autumn_change - timedelta(days=6), autumn_change + timedelta(days=1))
    offsets = [datetime.combine(d, time(12), tzinfo=LONDON).utcoffset() for d in days]
    # BST is an hour ahead of UTC before the change, GMT is UTC after it.
    assert offsets == [timedelta(hours=1), timedelta(0)]
    assert starts == [
        datetime.combine(day, time(15), tzinfo=UTC) - offset
        for day, offset in zip(days, offsets, strict=True)
    ]
    assert all(event["DTSTART"].to_ical().endswith(b"Z") for event in found)


def test_session_calendar_has_a_stable_uid(client, course, autumn_run):
    session = autumn_run.sessions.first()
    url = f"{course.url}sessions/{session.uid}/calendar/"
    first = events(client.get(url))
    session.room = "GDC 1.38"
    session.save()
    second = events(client.get(url))
    assert len(first) == len(second) == 1
    assert first[0]["UID"] == second[0]["UID"] == f"{session.uid}@cpd-courses"


def test_sequence_rises_when_time_changes_and_cancellation_is_published(
    client, course, autumn_run
):
    session = autumn_run.sessions.first()
    url = f"{course.url}sessions/{session.uid}/calendar/"
    assert events(client.get(url))[0]["SEQUENCE"] == 0
    session.start += timedelta(hours=1)
    session.end += timedelta(hours=1)
    session.save()
    assert events(client.get(url))[0]["SEQUENCE"] == 1
    session.status = "cancelled"
    session.save()
    event = events(client.get(url))[0]
    assert event["SEQUENCE"] == 2
    assert event["STATUS"] == "CANCELLED"
    session.save()
    assert events(client.get(url))[0]["SEQUENCE"] == 2


def test_unknown_session_is_not_found(client, course, autumn_run):
    response = client.get(
        f"{course.url}sessions/00000000-0000-0000-0000-000000000000/calendar/"
    )
    assert response.status_code == 404


def test_feed_lists_upcoming_sessions_of_every_course(
    client, course_index, course, autumn_run, run
):
    started = timezone.now() - timedelta(days=60)
    past = CourseSessionFactory(
        run=run, start=started, end=started + timedelta(hours=1)
    )
    found = events(client.get(f"{course_index.url}calendar/"))
    uids = {str(event["UID"]) for event in found}
    assert len(found) == 4
    assert f"{past.uid}@cpd-courses" not in uids


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "testserver"])
def test_calendar_links_use_the_address_the_visitor_used(
    client, course, course_index, run, host
):
    session = run.sessions.first()
    expected = f"http://{host}{course.url}"
    for url in (
        f"{course.url}runs/{run.pk}/calendar/",
        f"{course.url}sessions/{session.uid}/calendar/",
        f"{course_index.url}calendar/",
    ):
        for event in events(client.get(url, HTTP_HOST=host)):
            assert str(event["URL"]) == expected
            assert str(event["DESCRIPTION"]).endswith(f"\n\n{expected}")
