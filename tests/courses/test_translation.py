"""Welsh translations keep dates, times, formats and prices in sync."""

from datetime import timedelta
from decimal import Decimal

import pytest
from wagtail_localize.models import TranslationSource

from courses.models import CoursePage, CourseRun, CourseSession
from home.demo.translation import translate
from tests.factories import courses as course_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_course(
    course, run, course_index, home_page, django_capture_on_commit_callbacks
):
    # One block per page: each publish must commit before its children are added.
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, "cy", {home_page.title: "Hafan prawf"})
    with django_capture_on_commit_callbacks(execute=True):
        translate(course_index, "cy", {course_index.title: "Cyrsiau"})
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            course,
            "cy",
            {
                course.title: "Cyflwyniad i Ysgrifennu Creadigol",
                run.title: "Gweithdai'r gwanwyn",
                "Introductory rate": "Cyfradd gyflwyniadol",
            },
        )
    return CoursePage.objects.get(
        translation_key=course.translation_key, locale__language_code="cy"
    )


def test_runs_sessions_and_prices_are_synchronised(welsh_course, course, run):
    welsh_run = welsh_course.runs.get()
    assert welsh_run.title == "Gweithdai'r gwanwyn"
    assert welsh_run.locale.language_code == "cy"
    english = list(
        run.sessions.order_by("start").values_list("start", "end", "format", "uid")
    )
    welsh = list(
        welsh_run.sessions.order_by("start").values_list(
            "start", "end", "format", "uid"
        )
    )
    assert welsh == english
    assert sorted(t.amount for t in welsh_course.price_tiers.all()) == [
        Decimal("50"),
        Decimal("125"),
    ]
    labels = {t.label for t in welsh_course.price_tiers.all()}
    assert "Cyfradd gyflwyniadol" in labels


def test_changing_a_date_reaches_the_translation_on_sync(
    welsh_course, course, run, django_capture_on_commit_callbacks
):
    session = run.sessions.order_by("start").first()
    new_start = session.start + timedelta(days=1)
    session.start, session.end = new_start, new_start + timedelta(hours=3)
    session.save()
    source = TranslationSource.objects.get(object_id=course.translation_key)
    source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        for translation in source.translations.all():
            translation.save_target(publish=True)
    welsh_starts = sorted(
        CourseSession.objects.filter(run__course=welsh_course).values_list(
            "start", flat=True
        )
    )
    assert new_start in welsh_starts
    assert CourseRun.objects.filter(course=welsh_course).get().title == (
        "Gweithdai'r gwanwyn"
    )


def test_welsh_course_page_renders(client, welsh_course):
    response = client.get(welsh_course.url)
    html = response.content.decode()
    assert response.status_code == 200, html[:2000]
    assert welsh_course.url.startswith("/cy/")
    assert "Gweithdai&#x27;r gwanwyn" in html
    assert "£125" in html


def test_testimonial_consent_is_synchronised(
    course, django_capture_on_commit_callbacks
):
    testimonial = course_factories.TestimonialFactory(course=course)
    with django_capture_on_commit_callbacks(execute=True):
        welsh = translate(testimonial, "cy", {testimonial.quote: "Dyfyniad."})
    assert welsh.quote == "Dyfyniad."
    assert welsh.consent_id == testimonial.consent_id
    assert welsh.course_id == course.pk
