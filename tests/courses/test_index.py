"""The course index: summaries, GET filters, search and register-interest links."""

from calendar import TUESDAY
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.demo.relative_dates import month_start, nth_weekday
from courses.listing import summarise
from courses.rules import LONDON
from home.models import SiteSettings
from tests.factories.courses import (
    CoursePageFactory,
    CoursePriceTierFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.forms_app import EnquiryFormPageFactory

pytestmark = pytest.mark.django_db


def february_drop_in_day() -> date:
    """The third Tuesday of the first February that begins over 60 days from today."""
    # Always GMT, and in no month of the `run` fixture's sessions (10 and 38 days on).
    month = month_start(timezone.localdate() + timedelta(days=60), 1)
    while month.month != 2:
        month = month_start(month, 1)
    return nth_weekday(month, TUESDAY, 3)


DROP_IN_DAY = february_drop_in_day()


@pytest.fixture
def catalogue(course_index, course, run, home_page):
    """A paid online course, a free in-person drop-in and a past-only course."""
    drop_in = CoursePageFactory(
        parent=course_index, title="Creative Empathy Hour", summary="A free drop-in."
    )
    CoursePriceTierFactory(course=drop_in, label="Free", is_free=True, amount=None)
    drop_in_run = CourseRunFactory(course=drop_in, title="February")
    CourseSessionFactory(
        run=drop_in_run,
        start=datetime.combine(DROP_IN_DAY, time(12, 30), tzinfo=LONDON),
        end=datetime.combine(DROP_IN_DAY, time(13, 30), tzinfo=LONDON),
        format="in_person",
        room="GDC 1.38",
        platform="",
    )
    old = CoursePageFactory(
        parent=course_index, title="Retired workshop", summary="No longer running."
    )
    past = timezone.now() - timedelta(days=60)
    CourseSessionFactory(
        run=CourseRunFactory(course=old), start=past, end=past + timedelta(hours=1)
    )
    settings = SiteSettings.for_site(home_page.get_site())
    settings.contact_email = "hello@example.org"
    settings.save()
    return {"paid": course, "free": drop_in, "old": old}


def titles(response) -> list[str]:
    html = response.content.decode()
    return [
        title
        for title in ("Creative Writing", "Creative Empathy Hour", "Retired workshop")
        if title in html
    ]


def test_index_lists_every_course_with_its_facts(client, course_index, catalogue):
    html = client.get(course_index.url).content.decode()
    assert "3 courses" in html
    assert "From £50" in html
    assert "Free" in html
    assert (
        f"Tuesday {DROP_IN_DAY.day} February {DROP_IN_DAY.year}, 12:30\u201313:30"
        in html
    )
    assert ">GMT</abbr>" in html
    assert "No upcoming dates" in html
    assert 'href="mailto:hello@example.org"' in html
    assert "3 hours" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?format=in_person", ["Creative Writing", "Creative Empathy Hour"]),
        ("?format=online", ["Creative Writing"]),
        ("?price=free", ["Creative Empathy Hour"]),
        ("?price=paid", ["Creative Writing"]),
        (f"?month={DROP_IN_DAY:%Y-%m}", ["Creative Empathy Hour"]),
        ("?q=empathy+hour", ["Creative Empathy Hour"]),
    ],
)
def test_filters_work_through_the_url(client, course_index, catalogue, query, expected):
    response = client.get(course_index.url + query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_filter_form_keeps_its_state(client, course_index, catalogue):
    html = client.get(
        course_index.url + "?format=in_person&price=free"
    ).content.decode()
    assert '<option value="in_person" selected>' in html
    assert '<option value="free" selected>' in html
    assert '<label for="id_format">' in html


def test_past_only_course_links_to_its_form_when_it_has_one(
    client, course_index, catalogue, home_page
):
    old = catalogue["old"]
    old.form_page = home_page
    old.save()
    html = client.get(course_index.url).content.decode()
    assert f'href="{home_page.url}">Register interest in Retired workshop' in html


@pytest.fixture
def site_enquiry_form(home_page):
    """A live enquiry form chosen as the site's default enquiry page."""
    enquiry = EnquiryFormPageFactory(parent=home_page, slug="ask", title="Ask us")
    settings = SiteSettings.for_site(home_page.get_site())
    settings.enquiry_page = enquiry
    settings.save()
    return enquiry


def test_course_without_a_form_registers_interest_through_the_enquiry_form(
    client, course_index, catalogue, site_enquiry_form
):
    old = catalogue["old"]
    index = client.get(course_index.url).content.decode()
    assert f'href="{site_enquiry_form.url}">Register interest in {old.title}' in index
    assert f'href="mailto:hello@example.org">Register interest in {old.title}' not in (
        index
    )
    page = client.get(old.url).content.decode()
    assert f'<a href="{site_enquiry_form.url}">Register your interest</a>' in page


def test_without_a_live_enquiry_page_interest_goes_to_the_contact_email(
    client, course_index, catalogue, site_enquiry_form
):
    site_enquiry_form.unpublish()
    old = catalogue["old"]
    index = client.get(course_index.url).content.decode()
    assert f'href="mailto:hello@example.org">Register interest in {old.title}' in index
    page = client.get(old.url).content.decode()
    assert '<a href="mailto:hello@example.org">Register your interest</a>' in page


def test_lowest_price_is_the_cheapest_tier(course_index, course):
    summary = summarise(course, timezone.now(), "")
    assert summary.lowest_price == Decimal("50")
