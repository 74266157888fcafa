"""A bookable course with private joining details, and helpers to book it over HTTP."""

import time
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from courses.rules import LONDON
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

LINK = "https://meet.example.net/j/81234567?pwd=SecretRoomToken"
PASSCODE = "Heron-4417"
DIRECTIONS = "Side door by the bike racks"


def next_day_in(month: int, at_least_days: int = 10) -> date:
    """The 15th of `month` next time round, at least some days from today."""
    today = timezone.localdate()
    day = date(today.year, month, 15)
    while day < today + timedelta(days=at_least_days):
        day = date(day.year + 1, month, 15)
    return day


def london_at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def booking_answers(run, **overrides) -> dict:
    data = {
        "contact_name": "Rhiannon Evans",
        "contact_email": "rhiannon@example.org",
        "website": "",
        "form_token": issue_form_token(time.time() - 60),
        "run": str(run.pk),
    }
    data.update(overrides)
    return data


@pytest.fixture
def workshop(home_page, privacy_page):  # noqa: F811
    """A paid workshop taken by booking: one run, an online and an in-person session."""
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(
        parent=index, title="Creative Writing for Empathy", participation="book"
    )
    form = ApplicationFormPageFactory(parent=course, slug="book", title="Book")
    form.save_revision().publish()
    course.form_page = form
    course.save_revision().publish()
    run = CourseRunFactory(course=course, title="Summer and winter", capacity=10)
    summer, winter = next_day_in(7), next_day_in(1)
    CourseSessionFactory(
        run=run,
        start=london_at(summer, 10),
        end=london_at(summer, 12),
        joining_link=LINK,
        joining_passcode=PASSCODE,
    )
    CourseSessionFactory(
        run=run,
        start=london_at(winter, 10),
        end=london_at(winter, 12),
        format="in_person",
        platform="",
        room="GDC 1.38",
        building="George Davies Centre",
        joining_directions=DIRECTIONS,
    )
    return {
        "course": course,
        "form": ApplicationFormPage.objects.get(pk=form.pk),
        "run": run,
        "summer": summer,
        "winter": winter,
    }
