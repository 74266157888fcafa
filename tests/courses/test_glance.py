"""The at-a-glance box a course page opens with: next bookable date, price, action."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.templatetags.course_tags import session_when
from tests.factories.courses import (
    CoursePageFactory,
    CoursePriceTierFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.support.places import take_places

pytestmark = pytest.mark.django_db


def glance_html(client, course) -> str:
    html = client.get(course.url).content.decode()
    assert '<section class="course-glance"' in html, "the page has no glance box"
    box = html.split('<section class="course-glance"')[1].split("</section>")[0]
    # The box comes before the dates and the page body.
    assert html.index("course-glance") < html.index('id="dates-heading"')
    return box


def fact(box: str, term: str) -> str:
    """The <dd> that follows the <dt> naming the term, whitespace collapsed."""
    after = box.split(f"<dt>{term}</dt>")[1]
    return " ".join(after.split("<dd>")[1].split("</dd>")[0].split())


def add_session(run, days: int, **fields):
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return CourseSessionFactory(
        run=run, start=start, end=start + timedelta(hours=2), **fields
    )


def test_box_shows_the_soonest_bookable_session_and_how_to_book(
    client, course, home_page
):
    course.form_page = home_page
    course.save()
    # Sooner, but not taking bookings: a newcomer cannot book it.
    closed = CourseRunFactory(course=course, title="Closed cohort", bookable=False)
    add_session(closed, 3)
    run = CourseRunFactory(course=course, title="Summer cohort", capacity=12)
    take_places(run, 5)
    add_session(run, 6, status="cancelled")
    add_session(run, 9, graduates_only=True)
    first = add_session(run, 12)
    add_session(run, 19, format="in_person", room="GDC 1.38", platform="")

    box = glance_html(client, course)

    assert fact(box, "Next date") == " ".join(str(session_when(first)).split())
    assert fact(box, "Format") == "Online, In person"
    assert fact(box, "CPD") == "3 hours"
    # The course's cheapest tier, with "From" because the tiers differ.
    assert fact(box, "Price") == "From £50"
    assert fact(box, "Places left") == "7"
    assert f'href="{course.form_url_for(run)}"' in box
    assert f"?run={run.pk}" in box
    assert "Book a place" in box


def test_box_says_free_and_omits_places_when_the_run_is_unlimited(client, course_index):
    course = CoursePageFactory(parent=course_index, cpd_hours=None)
    CoursePriceTierFactory(course=course, label="NHS staff", is_free=True, amount=None)
    add_session(CourseRunFactory(course=course), 5)

    box = glance_html(client, course)

    assert fact(box, "Price") == "Free"
    assert "<dt>Places left</dt>" not in box
    assert "<dt>CPD</dt>" not in box


def test_box_without_upcoming_dates_offers_to_register_interest(
    client, course, home_page
):
    course.form_page = home_page
    course.save()
    past = CourseRunFactory(course=course, title="Last year")
    add_session(past, -30)

    box = glance_html(client, course)

    assert "No upcoming dates." in box
    assert "Register your interest" in box
    assert f'href="{course.form_url_for()}"' in box
    assert "<dt>Next date</dt>" not in box
    assert fact(box, "Price") == "From £50"


def test_box_says_when_the_only_dates_are_not_taking_bookings(client, course):
    full = CourseRunFactory(course=course, capacity=8)
    take_places(full, 8)
    add_session(full, 10)

    box = glance_html(client, course)

    assert "Not taking bookings" in box
    assert "<dt>Next date</dt>" not in box
    assert 'class="button"' not in box


def test_price_is_left_out_when_the_course_lists_none(client, course_index):
    course = CoursePageFactory(parent=course_index)
    add_session(CourseRunFactory(course=course), 5)

    box = glance_html(client, course)

    assert "<dt>Price</dt>" not in box
