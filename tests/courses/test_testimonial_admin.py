"""The testimonial editor: runs of the chosen course only, and expired consent confirmed."""

import html
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone

from courses import models as course_models
from courses.rules import consent_has_lapsed
from home.demo.translation import translate
from tests.factories import courses as course_factories

pytestmark = pytest.mark.django_db

SNIPPETS = "/admin/snippets/courses/testimonial/"


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def other_course(course_index):
    """A second course with a run of its own."""
    page = course_factories.CoursePageFactory(
        parent=course_index, title="Compassionate Leadership"
    )
    course_factories.CourseRunFactory(course=page, title="Autumn cohort")
    return page


@pytest.fixture
def welsh_course(course, run, home_page, django_capture_on_commit_callbacks):
    """The course in Welsh, whose run is a Welsh copy of the English run."""
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, "cy", {home_page.title: "Hafan prawf"})
    with django_capture_on_commit_callbacks(execute=True):
        translate(course.get_parent(), "cy", {course.get_parent().title: "Cyrsiau"})
    with django_capture_on_commit_callbacks(execute=True):
        translate(course, "cy", {run.title: "Gweithdai'r gwanwyn"})
    return course_models.CoursePage.objects.get(
        translation_key=course.translation_key, locale__language_code="cy"
    )


def run_select(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").select_one(
        "select[name=run]"
    )


def posted(course, **fields) -> dict:
    """The add form as a browser posts it."""
    today = timezone.localdate()
    data = {
        "quote": "It gave me words for what I do.",
        "attribution": "anonymous",
        "name": "",
        "role": "",
        "course": str(course.pk),
        "run": "",
        "consent_given_on": str(today - timedelta(days=7)),
        "consent_wording": "Quote may appear on the website without my name.",
        "consent_attribution": "anonymous",
        "consent_expires_on": "",
    }
    data.update(fields)
    return data


def test_editing_offers_only_the_runs_of_the_testimonials_course(
    editor, course, run, other_course, welsh_course
):
    testimonial = course_factories.TestimonialFactory(course=course)
    select = run_select(editor.get(f"{SNIPPETS}edit/{testimonial.pk}/"))
    values = [option.get("value") for option in select.find_all("option")]
    assert values == ["", str(run.pk)]


def test_adding_groups_runs_by_course_in_the_testimonials_language(
    editor, course, run, other_course, welsh_course
):
    select = run_select(editor.get(f"{SNIPPETS}add/"))
    groups = {
        group["label"]: [option.get_text(strip=True) for option in group("option")]
        for group in select.find_all("optgroup")
    }
    assert groups == {
        other_course.title: ["Autumn cohort"],
        course.title: ["Spring workshops"],
    }
    assert "Gweithdai'r gwanwyn" not in select.get_text()


def test_a_run_of_another_course_is_refused(editor, course, other_course):
    other_run = other_course.runs.get()
    response = editor.post(f"{SNIPPETS}add/", posted(course, run=str(other_run.pk)))
    assert response.status_code == 200
    assert "Choose one of this course's runs" in html.unescape(
        response.content.decode()
    )
    assert not course_models.Testimonial.objects.exists()


def test_an_expiry_date_that_has_passed_needs_confirming(editor, course):
    yesterday = str(timezone.localdate() - timedelta(days=1))
    assert (
        'name="confirm_expired_consent"'
        not in editor.get(f"{SNIPPETS}add/").content.decode()
    )

    response = editor.post(
        f"{SNIPPETS}add/", posted(course, consent_expires_on=yesterday)
    )
    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "will not appear on the site" in text
    assert 'name="confirm_expired_consent"' in text
    assert not course_models.Testimonial.objects.exists()

    response = editor.post(
        f"{SNIPPETS}add/",
        posted(course, consent_expires_on=yesterday, confirm_expired_consent="on"),
    )
    assert response.status_code == 302
    assert (
        course_models.Testimonial.objects.get().consent.expires_on.isoformat()
        == yesterday
    )


def test_a_future_expiry_date_saves_at_once(editor, course):
    tomorrow = str(timezone.localdate() + timedelta(days=1))
    response = editor.post(
        f"{SNIPPETS}add/", posted(course, consent_expires_on=tomorrow)
    )
    assert response.status_code == 302
    assert course_models.Testimonial.objects.count() == 1


def test_editing_an_already_expired_testimonial_asks_nothing_more(editor, course):
    expired_on = timezone.localdate() - timedelta(days=3)
    testimonial = course_factories.TestimonialFactory(
        course=course, consent__expires_on=expired_on
    )
    response = editor.post(
        f"{SNIPPETS}edit/{testimonial.pk}/",
        posted(
            course,
            quote="Corrected wording.",
            attribution="role",
            role="Nurse, memory service",
        ),
    )
    assert response.status_code == 302
    testimonial.refresh_from_db()
    # Saving keeps a draft: the live quote changes only when published.
    assert testimonial.latest_revision.as_object().quote == "Corrected wording."


@pytest.mark.parametrize("days", [-1, 0, 1])
def test_lapsed_rule_agrees_with_the_current_consent_query(course, days):
    today = timezone.localdate()
    testimonial = course_factories.TestimonialFactory(
        course=course, consent__expires_on=today + timedelta(days=days)
    )
    shown = course_models.Testimonial.objects.with_current_consent(today).filter(
        pk=testimonial.pk
    )
    assert consent_has_lapsed(testimonial.consent.expires_on, today) == (
        not shown.exists()
    )
