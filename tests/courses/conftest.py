"""Fixtures for course tests: an index page and a course with a run of sessions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CoursePriceTierFactory,
    CourseRunFactory,
    CourseSessionFactory,
)


@pytest.fixture
def course_index(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def course(course_index):
    """A half-day online course with a standard and an introductory price."""
    page = CoursePageFactory(
        parent=course_index,
        title="Introduction to Creative Writing for Empathy",
        summary="A half-day online workshop on writing and empathy.",
        certificate=True,
    )
    CoursePriceTierFactory(course=page, label="Standard", amount=Decimal("125"))
    CoursePriceTierFactory(
        course=page,
        label="Introductory rate",
        amount=Decimal("50"),
        compared_against=Decimal("125"),
    )
    return page


@pytest.fixture
def run(course):
    run = CourseRunFactory(course=course, title="Spring workshops")
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=3))
    CourseSessionFactory(
        run=run,
        start=start + timedelta(days=28),
        end=start + timedelta(days=28, hours=3),
        format="in_person",
        room="GDC 1.38",
        building="George Davies Centre",
        platform="",
    )
    return run


@pytest.fixture
def admin_client(client):
    """A superuser named as the course editors' tests expect."""
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "pw"
    )
    client.force_login(user)
    return client
