"""Drop-ins people just join: one date or the whole series, a place at once."""

import pytest
from django.core import mail

from forms_app.models import ApplicationFormPage, Submission
from home.demo.translation import translate
from places.models import Place, PlaceChange, Status, Way
from tests.places.conftest import sign_up
from tests.support.places import take_places

pytestmark = pytest.mark.django_db


def confirmations() -> list:
    return [m for m in mail.outbox if "is confirmed" in m.subject]


def test_signing_up_for_one_date_gives_a_confirmed_place_on_that_date(
    drop_in, post_form, client
):
    run, (first, second, _third) = drop_in["run"], drop_in["sessions"]
    # The course page's "Just join" button leads to the sign-up.
    course_page = client.get(drop_in["course"].url).content.decode()
    assert f'href="{drop_in["form"].url}?run={run.pk}"' in course_page
    assert "Just join" in course_page
    page = client.get(f"{drop_in['form'].url}?run={run.pk}").content.decode()
    assert f'value="{run.pk}-{second.pk}"' in page
    assert f'value="{run.pk}"' in page  # the whole series
    assert 'name="run"' in page

    response = post_form(drop_in["form"], sign_up(f"{run.pk}-{second.pk}"))

    assert response.status_code == 302
    place = Place.objects.get()
    assert (place.run, place.session, place.status, place.way) == (
        run,
        second,
        Status.ACCEPTED,
        Way.JOINED,
    )
    # No decision step: the only change is the visitor's own sign-up.
    assert list(place.changes.values_list("status_to", "actor")) == [
        (Status.ACCEPTED, PlaceChange.Actor.VISITOR)
    ]
    assert Submission.objects.get().session == second
    (confirmation,) = confirmations()
    assert confirmation.to == ["rhiannon@example.org"]
    assert f"{second.start.astimezone(first.start.tzinfo):%-d}" in confirmation.body
    assert "/place/" in confirmation.body  # the link to give the place up


def test_signing_up_for_the_series_covers_every_session(drop_in, post_form):
    run = drop_in["run"]
    response = post_form(drop_in["form"], sign_up(str(run.pk)))
    assert response.status_code == 302
    place = Place.objects.get()
    assert (place.session, place.status) == (None, Status.ACCEPTED)
    assert len(confirmations()) == 1


def test_a_full_date_is_neither_offered_nor_taken(drop_in, post_form, client):
    run, (first, second, _third) = drop_in["run"], drop_in["sessions"]
    run.capacity = 1
    run.save()
    post_form(drop_in["form"], sign_up(f"{run.pk}-{first.pk}"))
    page = client.get(drop_in["form"].url).content.decode()
    assert f'value="{run.pk}-{first.pk}"' not in page
    assert f'value="{run.pk}-{second.pk}"' in page
    assert f'value="{run.pk}"' not in page  # the series needs a place on every date
    assert "1 place left" in page
    # Someone else's place on the second date, taken after that page was shown.
    Place.objects.create(run=run, session=second, way=Way.STAFF, status=Status.ACCEPTED)
    response = post_form(
        drop_in["form"],
        sign_up(f"{run.pk}-{second.pk}", contact_email="sam@example.org"),
    )
    assert response.status_code == 200
    assert "no longer open" in response.content.decode()
    assert Place.objects.filter(email="sam@example.org").count() == 0


def test_places_on_single_dates_leave_the_series_run_open(drop_in, client):
    run, sessions = drop_in["run"], drop_in["sessions"]
    run.capacity = 1
    run.save()
    for session in sessions[:2]:
        Place.objects.create(
            run=run, session=session, way=Way.STAFF, status=Status.ACCEPTED
        )
    course_page = client.get(drop_in["course"].url).content.decode()
    assert f"{drop_in['form'].url}?run={run.pk}" in course_page
    # Places are counted per date, as the sign-up counts them.
    assert course_page.count("</abbr>: 0 places left") == 2
    assert course_page.count("</abbr>: 1 place left") == 1
    assert ">1 place left<" not in course_page
    take_places(run, 1)
    assert "?run=" not in client.get(drop_in["course"].url).content.decode()


@pytest.fixture
def welsh_form(drop_in, django_capture_on_commit_callbacks):
    course, form = drop_in["course"], drop_in["form"]
    with django_capture_on_commit_callbacks(execute=True):
        translate(course, "cy", {course.title: "Awr Empathi Greadigol"})
        page = translate(form, "cy", {form.title: "Ymuno"})
    return ApplicationFormPage.objects.get(pk=page.pk)


def test_welsh_sign_up_takes_a_place_on_the_english_date(
    drop_in, welsh_form, post_form, client
):
    english_run, second = drop_in["run"], drop_in["sessions"][1]
    welsh_run = english_run.get_translation(welsh_form.locale)
    welsh_second = welsh_run.sessions.get(start=second.start)
    assert welsh_second.pk != second.pk
    page = client.get(welsh_form.url).content.decode()
    assert f'value="{welsh_run.pk}-{welsh_second.pk}"' in page

    response = post_form(welsh_form, sign_up(f"{welsh_run.pk}-{welsh_second.pk}"))

    assert response.status_code == 302
    place = Place.objects.get()
    assert (place.run, place.session, place.language, place.status) == (
        english_run,
        second,
        "cy",
        Status.ACCEPTED,
    )
    (confirmation,) = confirmations_in_any_language()
    assert "/cy/place/" in confirmation.body
    assert "Awr Empathi Greadigol" in confirmation.subject


def confirmations_in_any_language() -> list:
    return [
        m
        for m in mail.outbox
        if m.to == ["rhiannon@example.org"] and "/place/" in m.body
    ]
