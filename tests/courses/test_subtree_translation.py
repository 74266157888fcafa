"""A course translated with its application form beneath it takes Welsh applications."""

import re

import pytest
from django.test import Client

from courses.models import CourseFacilitator
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)
from tests.factories.forms_app import (
    ApplicationFormFieldFactory,
    ApplicationFormPageFactory,
)
from tests.support.translation import welsh

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home_page):
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Listening well")
    run = CourseRunFactory(course=course, title="Spring cohort")
    CourseSessionFactory(run=run)
    form = ApplicationFormPageFactory(parent=course, slug="apply", title="Apply")
    ApplicationFormFieldFactory(page=form, label="Current role", required=True)
    form.save_revision().publish()
    course.form_page = form
    course.save_revision().publish()
    return course


def apply_links(html: str) -> list[str]:
    return re.findall(r'<a class="button" href="([^"]+)"', html)


def test_welsh_course_apply_link_serves_the_welsh_form(editor, course, home_page):
    editor.submit(home_page, "cy", include_subtree=False)
    editor.submit(course.get_parent(), "cy", include_subtree=False)
    editor.submit(course, "cy", include_subtree=True)
    welsh_course = welsh(course)
    welsh_form = welsh(course.form_page)
    editor.publish(welsh_course)
    editor.publish(welsh_form)

    visitor = Client()
    response = visitor.get(welsh_course.url)
    assert response.status_code == 200
    links = apply_links(response.content.decode())
    assert links and all(link.startswith(welsh_form.url) for link in links), links
    form_response = visitor.get(links[0])
    assert form_response.status_code == 200
    assert form_response.context["page"].pk == welsh_form.pk


def test_welsh_course_links_to_the_welsh_facilitator_profile(editor, course, home_page):
    index = FacilitatorIndexPageFactory(parent=home_page)
    translated = FacilitatorPageFactory(parent=index, slug="maren", role="Nurse")
    untranslated = FacilitatorPageFactory(parent=index, slug="sam", role="Therapist")
    for person in (translated, untranslated):
        CourseFacilitator.objects.create(course=course, facilitator=person)
    course.save_revision().publish()
    editor.submit(home_page, "cy", include_subtree=False)
    editor.submit(index, "cy", include_subtree=False)
    editor.submit(translated, "cy", include_subtree=False)
    editor.translate(welsh(translated), {"Nurse": "Nyrs"})
    editor.publish(welsh(translated))
    editor.submit(course.get_parent(), "cy", include_subtree=False)
    editor.submit(course, "cy", include_subtree=True)

    html = Client().get(welsh(course).url).content.decode()
    assert f'href="{welsh(translated).url}"' in html
    assert welsh(translated).url.startswith("/cy/")
    assert "<p>Nyrs</p>" in html
    assert f'href="{untranslated.url}"' in html
    assert "<p>Therapist</p>" in html
