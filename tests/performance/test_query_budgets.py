"""Each public page type renders within its query budget, however much content grows.

A site with one of each thing and a site with many (courses, runs, sessions,
facilitators, testimonials, Welsh translations) must cost the same warm queries.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from courses.models import CourseFacilitator
from home.demo.translation import translate
from tests.factories import courses as course_factories
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CoursePriceTierFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db

# Warm queries an anonymous visitor's GET may cost, per page type.
BUDGETS = {
    "home": 12,
    "home (Welsh)": 12,
    "content page": 12,
    "course index": 12,
    "course page": 12,
    "course page (Welsh)": 12,
    "facilitator index": 12,
    "facilitator page": 12,
}

# Budgets not met yet: the warm count measured on this branch with one of each.
NOT_YET_MET = {
    "home": 15,
    "home (Welsh)": 17,
    "content page": 13,
    "course index": 17,
    "course page": 22,
    "course page (Welsh)": 27,
    "facilitator index": 15,
    "facilitator page": 18,
}


def add_people(facilitator_index, count: int) -> list:
    image_model = get_image_model()
    return [
        FacilitatorPageFactory(
            parent=facilitator_index,
            photo=image_model.objects.create(
                title=f"Photo {number}", file=get_test_image_file()
            ),
        )
        for number in range(count)
    ]


def add_runs(course, runs: int, sessions: int, testimonials: int) -> None:
    start = timezone.now() + timedelta(days=5)
    for run_number in range(runs):
        run = CourseRunFactory(course=course)
        for week in range(sessions):
            moment = start + timedelta(weeks=week, days=run_number * 30)
            CourseSessionFactory(run=run, start=moment, end=moment + timedelta(hours=2))
    for _ in range(testimonials):
        course_factories.TestimonialFactory(course=course)


def add_courses(course_index, count: int, people: list, first: int) -> list:
    courses = []
    for number in range(first, first + count):
        course = CoursePageFactory(parent=course_index, title=f"Course {number:02}")
        CoursePriceTierFactory(course=course)
        add_runs(course, 1, 1, 1)
        for person in people:
            CourseFacilitator.objects.create(course=course, facilitator=person)
        courses.append(course)
    return courses


def translate_all(pages: list, capture) -> None:
    for page in pages:
        with capture(execute=True):
            translate(page, "cy", {})


@pytest.fixture
def site(home_page, django_capture_on_commit_callbacks) -> dict:
    """One of each thing, in English and Welsh; `grow` adds many more."""
    course_index = CourseIndexPageFactory(parent=home_page)
    facilitator_index = FacilitatorIndexPageFactory(parent=home_page)
    content = ContentPageFactory(parent=home_page)
    people = add_people(facilitator_index, 1)
    courses = add_courses(course_index, 1, people, first=0)
    translate_all(
        [home_page, course_index, facilitator_index, content, *people, *courses],
        django_capture_on_commit_callbacks,
    )
    welsh = Locale.objects.get(language_code="cy")
    urls = {
        "home": home_page.url,
        "home (Welsh)": home_page.get_translation(welsh).url,
        "content page": content.url,
        "course index": course_index.url,
        "course page": courses[0].url,
        "course page (Welsh)": courses[0].get_translation(welsh).url,
        "facilitator index": facilitator_index.url,
        "facilitator page": people[0].url,
    }

    def grow() -> None:
        """8 courses of 3 runs of 4 sessions, 6 facilitators and 6 testimonials each."""
        more_people = add_people(facilitator_index, 5)
        for person in more_people:
            CourseFacilitator.objects.create(course=courses[0], facilitator=person)
        add_runs(courses[0], 2, 4, 5)
        more = add_courses(course_index, 7, [*people, *more_people], first=1)
        for course in more:
            add_runs(course, 2, 4, 5)
        translate_all([*more_people, *more], django_capture_on_commit_callbacks)

    return {"urls": urls, "grow": grow}


def warm_queries(client, url: str) -> int:
    """Queries of the second GET: Wagtail's site lookup is cached per process."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def budget_cases() -> list:
    return [
        pytest.param(
            name,
            marks=pytest.mark.xfail(
                strict=True, reason=f"{NOT_YET_MET[name]} queries on this branch"
            )
            if name in NOT_YET_MET
            else (),
        )
        for name in BUDGETS
    ]


@pytest.mark.parametrize("name", budget_cases())
def test_page_type_within_budget_with_one_of_each(name, client, site):
    assert warm_queries(client, site["urls"][name]) <= BUDGETS[name]


@pytest.mark.parametrize("name", list(BUDGETS))
def test_page_type_queries_constant_as_content_grows(name, client, site):
    one = warm_queries(client, site["urls"][name])
    site["grow"]()
    assert warm_queries(client, site["urls"][name]) == one
