"""'Translate this page' with 'Include subtree' leaves every Welsh page reachable."""

import pytest
from django.test import Client
from wagtail.models import Page, get_page_models

from courses.models import CourseIndexPage, CoursePage
from facilitators.models import FacilitatorIndexPage
from home.models import ContentPage, HomePage
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)
from tests.factories.forms_app import ApplicationFormPageFactory
from tests.factories.home import ContentPageFactory
from tests.support.translation import welsh

pytestmark = pytest.mark.django_db


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def home_with_content_pages(home):
    ContentPageFactory(parent=home, slug="about")
    ContentPageFactory(parent=home, slug="privacy")
    return home


def content_page_with_children(home):
    about = ContentPageFactory(parent=home, slug="about")
    ContentPageFactory(parent=about, slug="team")
    ContentPageFactory(parent=about, slug="history")
    return about


def course_index_with_courses(home):
    index = CourseIndexPageFactory(parent=home)
    for number in range(2):
        course = CoursePageFactory(parent=index, slug=f"course-{number}")
        ApplicationFormPageFactory(parent=course, slug="apply")
    return index


def course_with_application_form(home):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home))
    course.form_page = ApplicationFormPageFactory(parent=course, slug="apply")
    _publish(course)
    return course


def facilitator_index_with_profiles(home):
    index = FacilitatorIndexPageFactory(parent=home)
    FacilitatorPageFactory(parent=index, slug="maren")
    FacilitatorPageFactory(parent=index, slug="sam")
    return index


SUBTREES = {
    HomePage: home_with_content_pages,
    ContentPage: content_page_with_children,
    CourseIndexPage: course_index_with_courses,
    CoursePage: course_with_application_form,
    FacilitatorIndexPage: facilitator_index_with_profiles,
}


def test_every_page_type_with_children_is_covered():
    parents = {
        model
        for model in get_page_models()
        if model is not Page and model.allowed_subpage_models()
    }
    assert parents == set(SUBTREES)


@pytest.mark.parametrize("build", SUBTREES.values(), ids=lambda b: b.__name__)
def test_every_welsh_page_in_a_translated_subtree_is_served(editor, home_page, build):
    subject = build(home_page)
    pages = list(subject.get_descendants(inclusive=True).specific())
    for page in pages:
        _publish(page)
    for ancestor in subject.get_ancestors().filter(depth__gt=1).specific():
        editor.submit(ancestor, "cy", include_subtree=False)
    editor.submit(subject, "cy", include_subtree=True)
    for page in pages:
        editor.publish(welsh(page))

    visitor = Client()
    for page in pages:
        url = welsh(page).url
        assert url.startswith("/cy/"), url
        response = visitor.get(url)
        assert response.status_code == 200, f"{type(page).__name__} {url}"
        assert response.context["page"].pk == welsh(page).pk
