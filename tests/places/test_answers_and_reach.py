"""Links answered over HTTP, the waiting list on the form, and who may decide."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from places.links import Action, link_for
from places.models import Place, PlaceChange, Status
from places.notices import place_confirmed
from staff.roles import COMMUNICATIONS
from tests.places.conftest import application, make_course, make_run
from tests.places.test_offers_journey import decide, mail_to, path_of
from tests.support.places import take_places
from tests.support.roles import client_for, staff_user

pytestmark = pytest.mark.django_db


def test_facilitator_of_another_course_gets_403_and_cannot_decide(
    cohort, post_form, django_capture_on_commit_callbacks
):
    run = cohort["run"]
    post_form(cohort["form"], application(run, 1))
    place = Place.objects.get()
    other = client_for(cohort["other_lead"])
    url = reverse("places_admin:run", args=[run.pk])
    assert other.get(url).status_code == 403
    refused = other.post(
        url, {"places": [place.pk], "action": Status.OFFERED, "step": "confirm"}
    )
    assert refused.status_code == 403
    place.refresh_from_db()
    assert place.status == Status.RECEIVED
    listing = other.get(reverse("places_admin:runs")).content.decode()
    assert "March workshop" in listing and "Spring cohort" not in listing
    # Communications staff decide on every course.
    staff = client_for(staff_user(COMMUNICATIONS, "comms"))
    assert staff.get(url).status_code == 200
    everything = staff.get(reverse("places_admin:runs")).content.decode()
    assert "March workshop" in everything and "Spring cohort" in everything


def test_accepting_a_lapsed_offer_when_full_joins_the_waiting_list_kindly(
    cohort, post_form, lead_client, django_capture_on_commit_callbacks
):
    run = cohort["run"]
    post_form(cohort["form"], application(run, 1))
    place = Place.objects.get()
    decide(
        lead_client, run, [place], Status.OFFERED, django_capture_on_commit_callbacks
    )
    accept = path_of(link_for(place, Action.ACCEPT))
    Place.objects.filter(pk=place.pk).update(
        offer_expires_at=timezone.now() - timedelta(hours=1)
    )
    take_places(run, 3)  # the seats went meanwhile
    page = Client().get(accept)
    assert "still ask for the place" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answered = Client().post(accept).content.decode()
    assert "You are on the waiting list" in answered
    place.refresh_from_db()
    assert place.status == Status.WAITLISTED
    assert "waiting list" in mail_to(place.email)[-1].subject
    assert place.changes.filter(status_to=Status.LAPSED).exists()
    # Accepting again changes nothing and says so.
    again = Client().post(accept).content.decode()
    assert "already been used" in again


def test_accepting_a_lapsed_offer_with_a_seat_free_confirms_it(
    cohort, post_form, lead_client, django_capture_on_commit_callbacks
):
    run = cohort["run"]
    post_form(cohort["form"], application(run, 1))
    place = Place.objects.get()
    decide(
        lead_client, run, [place], Status.OFFERED, django_capture_on_commit_callbacks
    )
    Place.objects.filter(pk=place.pk).update(
        offer_expires_at=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        answered = Client().post(path_of(link_for(place, Action.ACCEPT)))
    assert "Your place is confirmed" in answered.content.decode()
    place.refresh_from_db()
    assert place.status == Status.ACCEPTED


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_forged_or_altered_token_is_404(cohort, prefix):
    (place,) = take_places(cohort["run"], 1)
    genuine = path_of(link_for(place, Action.CANCEL))
    assert Client().get(prefix + genuine).status_code == 200
    token = genuine.rstrip("/").rsplit("/", 1)[1]
    for forged in ("not-a-token", token[:-2] + "xx"):
        response = Client().get(f"{prefix}/place/{forged}/")
        assert response.status_code == 404
        assert Client().post(f"{prefix}/place/{forged}/").status_code == 404
    place.refresh_from_db()
    assert place.status == Status.ACCEPTED


def test_cancel_link_gives_the_place_up_and_the_next_waiting_gets_an_offer(
    cohort, django_capture_on_commit_callbacks
):
    run = cohort["run"]
    holders = take_places(run, 3)
    waiting = take_places(run, 2, Status.WAITLISTED)
    Place.objects.filter(pk=waiting[0].pk).update(email="first@example.org")
    Place.objects.filter(pk=waiting[1].pk).update(email="second@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        place_confirmed(holders[0])
    cancel = mail.outbox[-1].body.split("someone else can have it:")[1].split()[0]
    page = Client().get(path_of(cancel))
    assert "Give up my place" in page.content.decode()
    assert Place.objects.get(pk=holders[0].pk).status == Status.ACCEPTED
    with django_capture_on_commit_callbacks(execute=True):
        done = Client().post(path_of(cancel)).content.decode()
    assert "You have given up your place" in done
    assert Place.objects.get(pk=holders[0].pk).status == Status.WITHDRAWN
    assert Place.objects.get(pk=waiting[0].pk).status == Status.OFFERED
    assert Place.objects.get(pk=waiting[1].pk).status == Status.WAITLISTED
    assert mail_to("first@example.org")[-1].subject.startswith("A place for you")
    given_up = PlaceChange.objects.get(place=holders[0], status_to=Status.WITHDRAWN)
    assert given_up.actor == PlaceChange.Actor.PERSON


def test_a_full_booking_run_offers_its_waiting_list_on_the_form_and_page(
    cohort, post_form
):
    lead = cohort["lead"]
    course, form = make_course(
        cohort["course"].get_parent(), "Writing workshop", lead, "book"
    )
    run = make_run(course, "May workshop", 15, capacity=2)
    take_places(run, 2)
    page = Client().get(course.url).content.decode()
    assert "Join the waiting list" in page
    html = Client().get(form.url).content.decode()
    assert "Join the waiting list for May workshop" in html
    assert post_form(form, application(run, 9)).status_code == 302
    place = Place.objects.get(email="applicant9@example.org")
    assert place.status == Status.WAITLISTED
    assert "waiting list" in mail_to("applicant9@example.org")[-1].subject


def test_waiting_list_is_carried_to_the_next_cohort_in_order(
    cohort, lead_client, django_capture_on_commit_callbacks
):
    run, next_run = cohort["run"], cohort["next_run"]
    take_places(run, 3)
    waiting = take_places(run, 2, Status.WAITLISTED)
    url = reverse("places_admin:run", args=[run.pk])
    data = {
        "places": [p.pk for p in waiting],
        "action": "move",
        "to_run": next_run.pk,
        "step": "confirm",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert lead_client.post(url, data).status_code == 302
    # The next cohort has three free places: the first two waiting are offered them.
    moved = list(Place.objects.filter(run=next_run).order_by("waitlisted_at", "pk"))
    assert [p.pk for p in moved] == [p.pk for p in waiting]
    assert all(p.status == Status.OFFERED for p in moved)
    assert next_run.places_left == 1


def test_offering_more_than_the_places_left_previews_and_offers_only_those(
    cohort, post_form, lead_client, django_capture_on_commit_callbacks
):
    run = cohort["run"]
    for n in range(1, 5):
        post_form(cohort["form"], application(run, n))
    places = list(Place.objects.order_by("pk"))
    url = reverse("places_admin:run", args=[run.pk])
    data = {"places": [p.pk for p in places], "action": Status.OFFERED}
    preview = lead_client.post(url, {**data, "step": "preview"}).content.decode()
    assert preview.count("A place for you on") == 3
    assert "every place on the run would be taken" in preview
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(url, {**data, "step": "confirm"})
    statuses = [Place.objects.get(pk=p.pk).status for p in places]
    assert statuses == [Status.OFFERED] * 3 + [Status.RECEIVED]
    received = lead_client.get(url, {"status": Status.RECEIVED}).content.decode()
    assert "applicant4@example.org" in received
    assert "applicant1@example.org" not in received


def test_staff_decline_of_an_offer_sends_its_email_and_offers_the_seat_on(
    cohort, lead_client, django_capture_on_commit_callbacks
):
    run = cohort["run"]
    offered = take_places(run, 3, Status.OFFERED)
    (waiting,) = take_places(run, 1, Status.WAITLISTED)
    Place.objects.filter(pk=waiting.pk).update(email="waiting@example.org")
    preview = decide(
        lead_client,
        run,
        [offered[0]],
        Status.DECLINED,
        django_capture_on_commit_callbacks,
        message="The cohort is for ward managers.",
    )
    assert "cannot offer you a place this time" in preview
    declined = mail_to(offered[0].email)[-1]
    assert "The cohort is for ward managers." in declined.body
    assert Place.objects.get(pk=offered[0].pk).status == Status.DECLINED
    assert Place.objects.get(pk=waiting.pk).status == Status.OFFERED
    assert mail_to("waiting@example.org")[-1].subject.startswith("A place for you")
