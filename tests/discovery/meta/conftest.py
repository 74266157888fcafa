"""Fixtures for the metadata, sitemap and feed tests: a small site in English and Welsh."""

from datetime import timedelta

import factory
import pytest
import wagtail_factories
from django.utils import timezone

from home.demo.translation import translate
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)


class SharingImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Sharing picture {n}")
    description = "Participants writing at a table"
    file = factory.django.ImageField(width=1600, height=1000, color="teal")


@pytest.fixture
def course_index(home_page):
    return CourseIndexPageFactory(parent=home_page, title="Courses", slug="courses")


@pytest.fixture
def course(course_index):
    """A course published as editors publish, so it has a first-published time."""
    page = CoursePageFactory(
        parent=course_index,
        title="Writing for Empathy",
        slug="writing-for-empathy",
        summary="A half-day online workshop on writing and empathy.",
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def run(course):
    """A run with two dates to come, the second cancelled."""
    run = CourseRunFactory(course=course, title="Spring workshops", capacity=12)
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=3))
    later = start + timedelta(days=7)
    CourseSessionFactory(
        run=run, start=later, end=later + timedelta(hours=3), status="cancelled"
    )
    return run


@pytest.fixture
def welsh_course(
    home_page, course_index, course, run, django_capture_on_commit_callbacks
):
    """The course and its parents translated and published through wagtail-localize."""
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, "cy", {"Test home": "Hafan prawf"})
        translate(course_index, "cy", {"Courses": "Cyrsiau"})
        return translate(
            course,
            "cy",
            {
                "Writing for Empathy": "Ysgrifennu er Empathi",
                "Spring workshops": "Gweithdai'r gwanwyn",
            },
        )
