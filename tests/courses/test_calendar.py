"""The .ics files: parsed with icalendar, they give the right instants and changes."""

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from tests.factories.courses import CourseRunFactory, CourseSessionFactory, london

pytestmark = pytest.mark.django_db


@pytest.fixture
def autumn_run(course):
    """A run spanning the BST to GMT change on 31 October 2027."""
    run = CourseRunFactory(course=course, title="Autumn series")
    for day in (25, 31 + 1):
        month, day = (10, day) if day <= 31 else (11, day - 31)
        CourseSessionFactory(
            run=run,
            start=london(2027, month, day, 15),
            end=london(2027, month, day, 17),
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
    client, course, autumn_run
):
    found = events(client.get(f"{course.url}runs/{autumn_run.pk}/calendar/"))
    starts = sorted(event.decoded("DTSTART") for event in found)
    # 15:00 BST on 25 October is 14:00 UTC; 15:00 GMT on 1 November is 15:00 UTC.
    assert starts == [
        datetime(2027, 10, 25, 14, tzinfo=UTC),
        datetime(2027, 11, 1, 15, tzinfo=UTC),
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
    session.start = london(2027, 10, 25, 16)
    session.end = london(2027, 10, 25, 18)
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
    past = CourseSessionFactory(
        run=run, start=london(2025, 1, 7, 12, 30), end=london(2025, 1, 7, 13, 30)
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
