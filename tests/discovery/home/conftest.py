"""Fixtures for the home page tests: courses with runs, dates, forms and places."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import CoursePage
from forms_app.models import ApplicationFormPage
from places.models import Place, Status, Way
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.forms_app import ApplicationFormPageFactory


@pytest.fixture
def course_index(home_page):
    return CourseIndexPageFactory(parent=home_page)


def soon(days: float) -> object:
    return timezone.now().replace(microsecond=0) + timedelta(days=days)


def add_course(
    index,
    title: str,
    days: list[float],
    capacity: int | None = None,
    participation: str = "book",
    **fields,
) -> CoursePage:
    """A published course with one run of sessions on the given days and its form."""
    course = CoursePageFactory(
        parent=index, title=title, participation=participation, **fields
    )
    run = CourseRunFactory(course=course, title=f"{title} run", capacity=capacity)
    for day in days:
        CourseSessionFactory(
            run=run, start=soon(day), end=soon(day) + timedelta(hours=2)
        )
    form = ApplicationFormPageFactory(parent=course, title=f"Form for {title}")
    form.save_revision().publish()
    course.form_page = form
    course.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def form_of(course: CoursePage) -> ApplicationFormPage:
    return ApplicationFormPage.objects.get(pk=course.form_page_id)


def hold_places(run, count: int, session=None) -> None:
    for _ in range(count):
        Place.objects.create(
            run=run, session=session, way=Way.STAFF, status=Status.ACCEPTED
        )
