"""Profiles list the courses their facilitator leads, once the courses app links them.

Skipped on a branch without the courses app's `CoursePage.course_facilitators`.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string

from facilitators.relations import course_link, courses_led_by

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(course_link() is None, reason="no courses app link yet"),
]


def add_courses(home_page, facilitator_page, titles: list[str]) -> list:
    course_index_factory = import_string("tests.factories.CourseIndexPageFactory")
    course_factory = import_string("tests.factories.CoursePageFactory")
    _course_model, link_model, field_name = course_link()
    index = course_index_factory(parent=home_page)
    index.save_revision().publish()
    courses = []
    for title in titles:
        course = course_factory(parent=index, title=title)
        course.course_facilitators = [link_model(**{field_name: facilitator_page})]
        course.save_revision().publish()
        courses.append(course)
    return courses


def test_profile_lists_live_courses_it_leads(client, home_page, own_profile):
    first, second = add_courses(home_page, own_profile, ["Writing", "Leading"])
    assert [c.pk for c in courses_led_by(own_profile)] == [second.pk, first.pk]
    first.unpublish()
    html = client.get(own_profile.url).content.decode()
    assert "Courses they lead" in html
    assert f'<a href="{second.url}">Leading</a>' in html
    assert "Writing" not in html


def test_course_list_costs_the_same_queries_for_one_or_many(
    client, home_page, own_profile
):
    add_courses(home_page, own_profile, ["Course A"])
    client.get(own_profile.url)
    with CaptureQueriesContext(connection) as one:
        client.get(own_profile.url)
    _course_model, link_model, field_name = course_link()
    course_index = _course_model.objects.first().get_parent()
    course_factory = import_string("tests.factories.CoursePageFactory")
    for title in ("Course B", "Course C", "Course D"):
        course = course_factory(parent=course_index, title=title)
        course.course_facilitators = [link_model(**{field_name: own_profile})]
        course.save_revision().publish()
    client.get(own_profile.url)
    with CaptureQueriesContext(connection) as four:
        client.get(own_profile.url)
    assert len(courses_led_by(own_profile)) == 4
    assert len(four) == len(one)
