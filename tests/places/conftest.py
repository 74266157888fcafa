"""Places fixtures: an "apply" cohort of three places, a drop-in series, helpers."""

import re
import time
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from courses.models import CourseFacilitator
from courses.rules import LONDON
from facilitators.models import FacilitatorIndexPage
from forms_app.models import ApplicationFormPage
from forms_app.spam import issue_form_token
from staff.roles import FACILITATORS
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
from tests.forms_app.conftest import post_form, privacy_page  # noqa: F401
from tests.support.roles import client_for, staff_user


def make_run(course, title: str, days: int, capacity: int | None = 3):
    run = CourseRunFactory(course=course, title=title, capacity=capacity)
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=2))
    return run


def make_course(index, title: str, lead, participation: str = "apply"):
    course = CoursePageFactory(parent=index, title=title, participation=participation)
    profile = FacilitatorPageFactory(
        parent=FacilitatorIndexPage.objects.get(), title=f"Lead of {title}", user=lead
    )
    CourseFacilitator.objects.create(course=course, facilitator=profile)
    form = ApplicationFormPageFactory(parent=course, slug="apply", title="Apply")
    ApplicationFormFieldFactory(page=form, label="Current role", required=True)
    form.save_revision().publish()
    course.form_page = form
    course.save_revision().publish()
    course.refresh_from_db()
    return course, ApplicationFormPage.objects.get(pk=form.pk)


@pytest.fixture
def cohort(home_page, privacy_page):  # noqa: F811
    """A leadership cohort of 3 places led by lead-a; a writing course led by lead-b."""
    index = CourseIndexPageFactory(parent=home_page)
    FacilitatorIndexPageFactory(parent=home_page)
    lead_a = staff_user(FACILITATORS, "lead-a")
    lead_b = staff_user(FACILITATORS, "lead-b")
    course, form = make_course(index, "Compassionate Leadership", lead_a)
    other, _other_form = make_course(index, "Creative Writing", lead_b)
    return {
        "course": course,
        "form": form,
        "run": make_run(course, "Spring cohort", 20),
        "next_run": make_run(course, "Autumn cohort", 120),
        "lead": lead_a,
        "other_lead": lead_b,
        "other_course": other,
        "other_run": make_run(other, "March workshop", 30),
    }


def application(run, n: int) -> dict:
    return {
        "contact_name": f"Applicant {n}",
        "contact_email": f"applicant{n}@example.org",
        "current_role": "Ward manager",
        "website": "",
        "form_token": issue_form_token(time.time() - 60),
        "run": str(run.pk),
    }


def places_left_on_course_page(client, course, run) -> int:
    html = client.get(course.url).content.decode()
    section = html.split(f'id="run-{run.pk}"', 1)[1].split("</section>", 1)[0]
    return int(re.search(r"(\d+) places? left", section).group(1))


def places_left_in_form(client, form, run) -> int:
    """The places left the form shows beside the run's choice (0: its waiting list)."""
    html = client.get(form.url).content.decode()
    label = re.search(
        rf'<input[^>]*value="{run.pk}"[^>]*>(.*?)</label>', html, re.S
    ) or re.search(rf'value="{run.pk}".*?</label>', html, re.S)
    text = label.group(0)
    if "waiting list" in text:
        return 0
    return int(re.search(r"(\d+) places? left", text).group(1))


@pytest.fixture
def lead_client(cohort):
    return client_for(cohort["lead"])


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
