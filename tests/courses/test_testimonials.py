"""Testimonials appear only while consent stands: course page, home page, anywhere."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model

from courses import models as course_models
from tests.factories import courses as course_factories

pytestmark = pytest.mark.django_db

TODAY = date.today()


@pytest.fixture
def testimonials(course):
    make = course_factories.TestimonialFactory
    return {
        "current": make(course=course, quote="A safe space with no judgement."),
        "named": make(
            course=course,
            quote="Restorative and thought-provoking.",
            attribution="named",
            name="Alex Example",
            role="Ward manager",
        ),
        "anonymous": make(
            course=course, quote="Truly inspiring.", attribution="anonymous"
        ),
        "expired": make(
            course=course,
            quote="Expired consent quote.",
            consent__expires_on=TODAY,
        ),
        "withdrawn": make(
            course=course,
            quote="Withdrawn consent quote.",
            consent__withdrawn_on=TODAY - timedelta(days=1),
        ),
        "future": make(
            course=course,
            quote="Consent not yet given quote.",
            consent__given_on=TODAY + timedelta(days=1),
        ),
    }


def test_only_current_consent_is_selected(testimonials):
    current = set(course_models.Testimonial.objects.with_current_consent(TODAY))
    assert current == {
        testimonials["current"],
        testimonials["named"],
        testimonials["anonymous"],
    }
    tomorrow = TODAY + timedelta(days=1)
    assert testimonials[
        "future"
    ] in course_models.Testimonial.objects.with_current_consent(tomorrow)


def test_course_page_shows_current_testimonials_only(client, course, testimonials):
    html = client.get(course.url).content.decode()
    assert "A safe space with no judgement." in html
    assert "Alex Example, Ward manager" in html
    assert "Anonymous participant" in html
    assert "Nurse, memory service" in html
    for key in ("expired", "withdrawn", "future"):
        assert testimonials[key].quote not in html


def test_home_page_shows_a_selection_with_current_consent(
    client, home_page, course, testimonials
):
    html = client.get(home_page.url).content.decode()
    assert "What participants say" in html
    assert html.count('<figure class="testimonial">') == 3
    for key in ("expired", "withdrawn", "future"):
        assert testimonials[key].quote not in html


def test_withdrawing_removes_it_at_once_without_publishing(
    client, course, testimonials
):
    assert "A safe space" in client.get(course.url).content.decode()
    testimonials["current"].consent.withdraw("Asked by email.")
    assert "A safe space" not in client.get(course.url).content.decode()


def test_pages_may_only_be_cached_briefly(client, course, testimonials):
    response = client.get(course.url)
    assert "max-age=300" in response["Cache-Control"]


def test_editors_manage_testimonials_as_snippets(client, testimonials):
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(user)
    response = client.get("/admin/snippets/courses/testimonial/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Expired consent quote." in html
