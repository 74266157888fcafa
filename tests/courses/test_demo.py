"""The demo builder shows all four seed offerings with their facts."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.apps import apps
from django.utils import formats, timezone
from icalendar import Calendar
from wagtail.models import Orderable

from courses.demo.offerings import introductory_offer_ends
from courses.demo.relative_dates import next_clock_change
from courses.models import CoursePage, CourseRun, CourseSession
from courses.rules import LONDON

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
    # The introductory rate is for anyone until a date; the block is for teams.
    ends = formats.date_format(introductory_offer_ends(timezone.localdate()), "j F Y")
    assert f"— introductory offer until {ends}" in writing
    assert "— for teams booking together" in writing
    assert f"From £50 (introductory offer until {ends})" in " ".join(index.split())
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

    leadership_page = CoursePage.objects.get(
        slug="compassionate-leadership", locale__language_code="en-gb"
    )
    upcoming = leadership_page.runs.open_for_booking().get()
    ics = client.get(f"/courses/compassionate-leadership/runs/{upcoming.pk}/calendar/")
    starts = sorted(
        event.decoded("DTSTART")
        for event in Calendar.from_ical(ics.content).walk("VEVENT")
    )
    weekly = starts[:6]
    change = next_clock_change(weekly[0].date())
    assert weekly[0].date() < change < weekly[-1].date(), "the cohort crosses it"
    # 15:00 London in UTC, with the offset in force on each side of the change.
    offsets = [
        datetime.combine(day, time(12), tzinfo=LONDON).utcoffset()
        for day in (change - timedelta(days=1), change + timedelta(days=1))
    ]
    assert offsets[0] != offsets[1]
    assert weekly == [
        datetime.combine(start.date(), time(15), tzinfo=UTC)
        - offsets[start.date() > change]
        for start in weekly
    ]
    assert CourseSession.objects.filter(graduates_only=True).exists()


def test_demo_rows_are_numbered_in_order_as_the_editor_numbers_them(demo_site):
    """An empty sort_order orders nothing: PostgreSQL could then return any order
    (a form's questions, a course's facilitators, the home page's pinned courses)."""
    orderable = [m for m in apps.get_models() if issubclass(m, Orderable)]
    assert len(orderable) >= 9
    for model in orderable:
        assert not model.objects.filter(sort_order__isnull=True).exists(), model
    for run in CourseRun.objects.prefetch_related("sessions"):
        starts = [session.start for session in run.sessions.all()]
        assert starts == sorted(starts), run.title
