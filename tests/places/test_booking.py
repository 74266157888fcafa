"""Booking through the form takes a place at once; every language counts the same seats."""

import re

import pytest
from django.core import mail

from courses.models import CoursePage, CourseRun
from forms_app.models import ApplicationFormPage, Submission
from home.demo.translation import translate
from places.models import Place, PlaceChange, Status, Way
from tests.factories.courses import CourseIndexPageFactory
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorLoginFactory,
)
from tests.forms_app.test_applications import answers, make_course, make_run
from tests.support.places import take_places

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(home_page, privacy_page):
    index = CourseIndexPageFactory(parent=home_page)
    FacilitatorIndexPageFactory(parent=home_page)
    course, form = make_course(index, "Creative Writing", FacilitatorLoginFactory())
    course.participation = "book"
    course.save_revision().publish()
    run = make_run(course, "March workshop", 30, capacity=2)
    return CoursePage.objects.get(pk=course.pk), form, run


def places_left_on_page(client, course) -> str:
    html = client.get(course.url).content.decode()
    found = re.search(r"(\d+) (?:places? left|lle ar ôl)", html)
    return found.group(1) if found else "none shown"


def test_booking_takes_a_place_at_once_and_the_run_closes_when_full(
    client,
    booking,
    post_form,
):
    course, form, run = booking
    assert places_left_on_page(client, course) == "2"

    assert (
        post_form(form, answers(run, contact_email="a@example.org")).status_code == 302
    )
    place = Place.objects.get()
    assert (place.status, place.way, place.run_id) == (
        Status.ACCEPTED,
        Way.BOOKED,
        run.pk,
    )
    assert place.submission == Submission.objects.get()
    change = place.changes.get()
    assert (change.status_to, change.actor) == (
        Status.ACCEPTED,
        PlaceChange.Actor.VISITOR,
    )
    confirmed = [
        m for m in mail.outbox if m.to == ["a@example.org"] and "confirmed" in m.subject
    ]
    assert len(confirmed) == 1
    assert places_left_on_page(client, course) == "1"
    assert f'value="{run.pk}"' in client.get(form.url).content.decode()

    assert (
        post_form(form, answers(run, contact_email="b@example.org")).status_code == 302
    )
    assert Place.objects.holding().count() == 2
    assert CourseRun.objects.get(pk=run.pk).places_left == 0
    # Full: the form offers its waiting list instead, and a booking joins it.
    form_html = client.get(form.url).content.decode()
    assert "Join the waiting list for March workshop" in form_html
    post_form(form, answers(run, contact_email="c@example.org"))
    waiting = Place.objects.get(email="c@example.org")
    assert (waiting.status, waiting.holds_seat) == (Status.WAITLISTED, False)
    assert Place.objects.holding().count() == 2
    assert any(
        m.to == ["c@example.org"] and "waiting list" in m.subject for m in mail.outbox
    )


def test_welsh_bookings_count_against_the_english_run(
    client,
    booking,
    post_form,
    django_capture_on_commit_callbacks,
):
    course, form, run = booking
    with django_capture_on_commit_callbacks(execute=True):
        welsh_course = translate(course, "cy", {course.title: "Ysgrifennu Creadigol"})
    with django_capture_on_commit_callbacks(execute=True):
        welsh_form = translate(form, "cy", {form.title: "Archebu"})
    welsh_form = ApplicationFormPage.objects.get(pk=welsh_form.pk)
    welsh_run = run.get_translation(welsh_form.locale)
    take_places(run, 1)

    assert (
        places_left_on_page(client, CoursePage.objects.get(pk=welsh_course.pk)) == "1"
    )
    response = post_form(welsh_form, answers(welsh_run, contact_email="cy@example.org"))

    assert response.status_code == 302
    place = Place.objects.get(email="cy@example.org")
    assert place.run_id == run.pk
    assert place.language == "cy"
    assert CourseRun.objects.get(pk=welsh_run.pk).places_left == 0
    assert CourseRun.objects.get(pk=run.pk).places_left == 0
    # The confirmation names the course as the Welsh page does.
    messages = [m for m in mail.outbox if m.to == ["cy@example.org"]]
    assert any("Ysgrifennu Creadigol" in m.subject for m in messages)


def test_an_application_waits_for_a_decision_and_takes_no_seat(
    client,
    booking,
    post_form,
):
    course, form, run = booking
    course.participation = "apply"
    course.save_revision().publish()

    post_form(form, answers(run))

    place = Place.objects.get()
    assert (place.status, place.way, place.holds_seat) == (
        Status.RECEIVED,
        Way.APPLIED,
        False,
    )
    assert CourseRun.objects.get(pk=run.pk).places_left == 2
