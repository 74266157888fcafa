"""The demo builder shows all four seed offerings with their facts."""

import pytest
from icalendar import Calendar

from courses.models import CoursePage, CourseSession

pytestmark = pytest.mark.django_db


def test_demo_courses(client, settings, demo_site):
    settings.ALLOWED_HOSTS = ["*"]
    index = client.get("/courses/").content.decode()
    for title in (
        "Creative Empathy Hour",
        "Introduction to Creative Writing for Empathy",
        "Compassionate Leadership Training",
        "Bespoke team workshops",
    ):
        assert title in index
    assert "No upcoming dates" in index
    assert '<a href="/courses/"' in client.get("/").content.decode()

    writing = client.get("/courses/creative-writing-for-empathy/").content.decode()
    assert "£50 (60% less than the standard £125 per place)" in " ".join(
        writing.split()
    )
    assert "£400 for 10 places (£40 each)" in " ".join(writing.split())
    assert "past session" in writing

    hour = client.get("/courses/creative-empathy-hour/").content.decode()
    assert "GDC 1.38" in hour
    assert "Free to attend" in hour
    assert "1 hour<" in hour

    leadership = client.get("/courses/compassionate-leadership/").content.decode()
    assert "For graduates of this course" in leadership
    assert ">GMT</abbr>" in leadership and ">BST</abbr>" in leadership
    assert "Expired demo quote" not in leadership + client.get("/").content.decode()
    assert "Expired demo quote" not in writing

    welsh = client.get("/cy/courses/creative-empathy-hour/")
    assert welsh.status_code == 200
    assert "Awr Empathi Greadigol" in welsh.content.decode()

    spring = CoursePage.objects.get(
        slug="compassionate-leadership", locale__language_code="en-gb"
    ).runs.get(title="Spring 2027 cohort")
    ics = client.get(f"/courses/compassionate-leadership/runs/{spring.pk}/calendar/")
    hours = sorted(
        event.decoded("DTSTART").hour
        for event in Calendar.from_ical(ics.content).walk("VEVENT")
        if event.decoded("DTSTART").weekday() == 0
        and event.decoded("DTSTART").month in (3, 4)
    )
    # 15:00 London is 15:00 UTC before 28 March 2027 and 14:00 UTC after.
    assert hours == [14, 14, 14, 14, 15, 15]
    assert CourseSession.objects.filter(graduates_only=True).exists()
