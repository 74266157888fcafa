"""Each public page type renders within its query budget, however much content grows.

A site with one of each thing and a site with many (courses, runs, sessions,
facilitators, testimonials, Welsh translations) must cost the same warm queries.
The site is built once and measured twice, so the check stays quick. Form pages
and search results have their own budgets in test_form_query_budgets.py.
"""

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
from tests.factories.home import (
    AccessibilityStatementPageFactory,
    ContentPageFactory,
    CookiesPageFactory,
)
from tests.support.queries import warm_get

pytestmark = pytest.mark.django_db

# Warm queries an anonymous visitor's GET may cost, per page type (issue 18: 12).
BUDGETS = {
    "home": 12,
    "home (Welsh)": 12,
    "content page": 6,
    "content page (Welsh)": 6,
    "course index": 12,
    "course index (Welsh)": 12,
    "course page": 12,
    "course page (Welsh)": 12,
    "facilitator index": 8,
    "facilitator index (Welsh)": 8,
    "facilitator page": 9,
    "facilitator page (Welsh)": 9,
    "accessibility statement": 6,
    "cookies page": 6,
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
    statement = AccessibilityStatementPageFactory(parent=home_page)
    cookies = CookiesPageFactory(parent=home_page)
    people = add_people(facilitator_index, 1)
    courses = add_courses(course_index, 1, people, first=0)
    translate_all(
        [home_page, course_index, facilitator_index, content, *people, *courses],
        django_capture_on_commit_callbacks,
    )
    welsh = Locale.objects.get(language_code="cy")
    urls = {
        "accessibility statement": statement.url,
        "cookies page": cookies.url,
    }
    for name, page in [
        ("home", home_page),
        ("content page", content),
        ("course index", course_index),
        ("course page", courses[0]),
        ("facilitator index", facilitator_index),
        ("facilitator page", people[0]),
    ]:
        urls[name] = page.url
        urls[f"{name} (Welsh)"] = page.get_translation(welsh).url

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
    response, queries = warm_get(client, url)
    assert response.status_code == 200, url
    return queries


def test_every_page_type_within_budget_and_constant_as_content_grows(client, site):
    urls = site["urls"]
    assert set(urls) == set(BUDGETS)
    small = {name: warm_queries(client, url) for name, url in urls.items()}
    over = {name: n for name, n in small.items() if n > BUDGETS[name]}
    assert not over, f"over budget with one of each: {over} (budgets {BUDGETS})"
    site["grow"]()
    large = {name: warm_queries(client, url) for name, url in urls.items()}
    grew = {name: (small[name], n) for name, n in large.items() if n != small[name]}
    assert not grew, f"queries grew with content (one, many): {grew}"
