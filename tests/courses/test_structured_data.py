"""JSON-LD on course pages: a Course with instances and an Event per session."""

import json
import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from courses.rules import LONDON
from courses.structured_data import json_ld_script
from home.models import SiteSettings
from tests.factories.courses import CourseRunFactory, CourseSessionFactory

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_course_json_ld(client, course, run, home_page):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.organisation_name = "Demo Centre"
    settings.save()
    moved = run.sessions.order_by("start").last()
    moved.status = "moved_online"
    moved.save()
    data = json_ld(client.get(course.url).content.decode())
    assert data["@type"] == "Course"
    assert data["provider"]["name"] == "Demo Centre"
    [instance] = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    first, second = instance["subEvent"]
    assert first["@type"] == "Event"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert (
        first["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    )
    assert first["location"]["@type"] == "VirtualLocation"
    assert first["organizer"]["name"] == "Demo Centre"
    assert {offer["price"] for offer in first["offers"]} == {"125.00", "50.00"}
    assert second["eventStatus"] == "https://schema.org/EventMovedOnline"


def test_in_person_session_has_a_place(client, course):
    run = CourseRunFactory(course=course)
    start = datetime.combine(
        timezone.localdate() + timedelta(days=30), time(12, 30), tzinfo=LONDON
    )
    CourseSessionFactory(
        run=run,
        start=start,
        end=start + timedelta(hours=1),
        format="in_person",
        room="GDC 1.38",
        building="George Davies Centre",
    )
    data = json_ld(client.get(course.url).content.decode())
    event = data["hasCourseInstance"][0]["subEvent"][0]
    assert event["location"] == {
        "@type": "Place",
        "name": "GDC 1.38",
        "address": "George Davies Centre",
    }
    # An ISO 8601 time with an explicit offset, naming the same instant.
    given = datetime.fromisoformat(event["startDate"])
    assert given.utcoffset() is not None and given == start


def test_script_cannot_be_closed_by_content():
    html = json_ld_script({"name": "</script><script>alert(1)</script>"})
    assert html.count("</script>") == 1
    assert json.loads(html[35:-9])["name"].startswith("</script>")
