"""Erasing a person in the admin reaches their places: kept as seats, but anonymous."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from courses.models import CourseRun
from forms_app.models import Delivery, Submission
from places.models import Place, Status
from places.offers import offer
from tests.places.conftest import application

pytestmark = pytest.mark.django_db

PERSON = "applicant1@example.org"


def test_erasing_a_person_anonymises_their_places_and_drops_messages_to_them(
    cohort, post_form
):
    run = cohort["run"]
    post_form(cohort["form"], application(run, 1))
    post_form(cohort["form"], application(run, 2))
    offer(Place.objects.get(email=PERSON))
    assert Delivery.objects.filter(recipient=PERSON, kind="message").exists()

    admin = Client()
    admin.force_login(
        get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-1")
    )
    response = admin.post(
        "/admin/forms-app/person/erase/", {"email": "Applicant1@Example.org"}
    )

    assert response.status_code == 302
    assert not Submission.objects.filter(contact_email=PERSON).exists()
    assert not Place.objects.filter(email__iexact=PERSON).exists()
    assert not Delivery.objects.filter(recipient__iexact=PERSON).exists()
    # The seat the offer holds is still held, by nobody named.
    anonymous = Place.objects.get(name="", email="")
    assert anonymous.status == Status.OFFERED
    assert CourseRun.objects.get(pk=run.pk).places_left == 2
    # The other applicant is untouched.
    assert Place.objects.get(email="applicant2@example.org").name == "Applicant 2"
