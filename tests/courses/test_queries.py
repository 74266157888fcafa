"""The course index and a course page run a constant number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from courses.models import CourseFacilitator
from home.demo.translation import translate
from tests.factories import courses as course_factories
from tests.factories.courses import (
    CoursePageFactory,
    CoursePriceTierFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 30


def add_courses(index, count: int, people: list, first: int = 0) -> list:
    courses = []
    start = timezone.now() + timedelta(days=5)
    for number in range(first, first + count):
        course = CoursePageFactory(parent=index, title=f"Course {number:02}")
        CoursePriceTierFactory(course=course)
        for run_number in range(2):
            run = CourseRunFactory(course=course)
            for week in range(3):
                moment = start + timedelta(weeks=week, days=run_number * 30)
                CourseSessionFactory(
                    run=run, start=moment, end=moment + timedelta(hours=2)
                )
        for person in people:
            CourseFacilitator.objects.create(course=course, facilitator=person)
        course_factories.TestimonialFactory(course=course)
        courses.append(course)
    return courses


@pytest.fixture
def people(home_page):
    index = FacilitatorIndexPageFactory(parent=home_page)
    image_model = get_image_model()
    result = []
    for number in range(2):
        photo = image_model.objects.create(
            title=f"Photo {number}", file=get_test_image_file()
        )
        result.append(FacilitatorPageFactory(parent=index, photo=photo))
    return result


def count_queries(client, url: str, assert_max, limit: int) -> tuple[int, str]:
    """Queries for a warm request (site root paths already cached)."""
    client.get(url)
    with assert_max(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_index_queries_do_not_grow_from_3_to_60_courses(
    client, course_index, people, django_assert_max_num_queries
):
    add_courses(course_index, 3, people)
    url = course_index.url + "?price=paid"
    few, html = count_queries(client, url, django_assert_max_num_queries, MAX_QUERIES)
    assert html.count('class="card course-card"') == 3
    add_courses(course_index, 57, people, first=3)
    many, html = count_queries(client, url, django_assert_max_num_queries, few)
    assert html.count('class="card course-card"') == 60
    assert many == few <= MAX_QUERIES


def test_course_page_queries_do_not_grow_with_runs_and_sessions(
    client, course_index, people, django_assert_max_num_queries
):
    course = add_courses(course_index, 3, people)[0]
    few, html = count_queries(
        client, course.url, django_assert_max_num_queries, MAX_QUERIES
    )
    assert html.count('class="facilitator-card"') == 2
    assert 'width="160"' in html and 'height="160"' in html
    assert "It changed how I listen" in html
    add_courses(course_index, 57, people, first=3)
    extra = CourseRunFactory(course=course)
    for week in range(60):
        moment = timezone.now() + timedelta(weeks=week + 1)
        CourseSessionFactory(run=extra, start=moment, end=moment + timedelta(hours=1))
    course_factories.TestimonialFactory(course=course)
    many, html = count_queries(client, course.url, django_assert_max_num_queries, few)
    assert html.count('class="session"') >= 66
    assert many == few <= MAX_QUERIES


def test_welsh_course_page_queries_do_not_grow_with_welsh_profiles(
    client,
    home_page,
    course_index,
    people,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    course = add_courses(course_index, 1, people)[0]
    facilitator_index = people[0].get_parent()
    for page in (home_page, course_index, facilitator_index, course, people[0]):
        with django_capture_on_commit_callbacks(execute=True):
            translate(page, "cy", {})
    url = course.get_translation(Locale.objects.get(language_code="cy")).url
    few, html = count_queries(client, url, django_assert_max_num_queries, MAX_QUERIES)
    assert html.count('href="/cy/facilitators/') == 1
    assert 'width="160"' in html
    with django_capture_on_commit_callbacks(execute=True):
        translate(people[1], "cy", {})
    many, html = count_queries(client, url, django_assert_max_num_queries, few)
    assert html.count('href="/cy/facilitators/') == 2
    assert html.count('width="160"') == 2
    assert many == few <= MAX_QUERIES
