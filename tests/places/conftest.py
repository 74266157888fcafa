"""Fixtures for places tests: a drop-in course with a sign-up form, in English."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from forms_app.models import ApplicationFormPage
from forms_app.spam import issue_form_token
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.forms_app import ApplicationFormPageFactory
from tests.forms_app.conftest import post_form, privacy_page  # noqa: F401


@pytest.fixture
def course_index(home_page):
    return CourseIndexPageFactory(parent=home_page)


def drop_in_dates(run, weeks: list[int]) -> list:
    """One-hour sessions of the run, the given numbers of weeks from now."""
    start = timezone.now().replace(microsecond=0) + timedelta(days=3)
    return [
        CourseSessionFactory(
            run=run,
            start=start + timedelta(weeks=n),
            end=start + timedelta(weeks=n, hours=1),
        )
        for n in weeks
    ]


@pytest.fixture
def drop_in(course_index, privacy_page):  # noqa: F811
    """A free drop-in series of three dates to come, with its published sign-up form."""
    course = CoursePageFactory(
        parent=course_index, title="Creative Empathy Hour", participation="join"
    )
    run = CourseRunFactory(course=course, title="Spring drop-ins", capacity=None)
    sessions = drop_in_dates(run, [0, 4, 8])
    form = ApplicationFormPageFactory(parent=course, slug="join", title="Join")
    form.save_revision().publish()
    course.form_page = form
    course.save_revision().publish()
    return {
        "course": course,
        "run": run,
        "sessions": sessions,
        "form": ApplicationFormPage.objects.get(pk=form.pk),
    }


def sign_up(choice: str, **overrides) -> dict:
    """The sign-up as a browser posts it: name, email and the date chosen."""
    data = {
        "contact_name": "Rhiannon Evans",
        "contact_email": "rhiannon@example.org",
        "website": "",
        "form_token": issue_form_token(time.time() - 60),
        "run": choice,
    }
    data.update(overrides)
    return data
