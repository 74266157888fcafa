"""Profiles list the courses their facilitator leads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CourseFacilitator
from tests.factories import CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db


def add_courses(course_index, facilitator_page, titles: list[str]) -> list:
    courses = []
    for title in titles:
        course = CoursePageFactory(parent=course_index, title=title)
        course.course_facilitators = [CourseFacilitator(facilitator=facilitator_page)]
        course.save_revision().publish()
        courses.append(course)
    return courses


@pytest.fixture
def course_index(home_page):
    index = CourseIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index


def test_profile_lists_live_courses_it_leads(client, course_index, own_profile):
    first, second = add_courses(course_index, own_profile, ["Writing", "Leading"])
    assert [c.pk for c in own_profile.courses_led()] == [second.pk, first.pk]
    first.unpublish()
    html = client.get(own_profile.url).content.decode()
    assert "Courses they lead" in html
    assert f'<a href="{second.url}">Leading</a>' in html
    assert "Writing" not in html


def test_course_list_costs_the_same_queries_for_one_or_many(
    client, course_index, own_profile
):
    add_courses(course_index, own_profile, ["Course A"])
    client.get(own_profile.url)
    with CaptureQueriesContext(connection) as one:
        client.get(own_profile.url)
    add_courses(course_index, own_profile, ["Course B", "Course C", "Course D"])
    client.get(own_profile.url)
    with CaptureQueriesContext(connection) as four:
        client.get(own_profile.url)
    assert len(own_profile.courses_led()) == 4
    assert len(four) == len(one)
