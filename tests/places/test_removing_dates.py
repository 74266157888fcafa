"""A drop-in date someone has joined cannot be removed by editing the course."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses.models import CourseSession
from places.models import Place, Status, Way
from tests.courses.test_admin import (
    SOON,
    edit_sessions,
    form_errors,
    session_on,
    two_session_course,
)
from tests.courses.test_bulk_publish import bulk_publish

pytestmark = pytest.mark.django_db


def test_removing_a_session_that_holds_places_is_refused(admin_client, course_index):
    course, (first, second) = two_session_course(admin_client, course_index)
    Place.objects.create(
        run=second.run, session=second, way=Way.JOINED, status=Status.ACCEPTED
    )
    sessions = [
        {**session_on(SOON), "id": str(first.pk)},
        {**session_on(second.start.date()), "id": str(second.pk), "DELETE": "1"},
    ]
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
        edit_sessions(course, sessions, cpd_hours="2", **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    errors = [text for _field, text in form_errors(response.context["form"])]
    assert any(
        "has places or a register, so it cannot be removed" in e for e in errors
    ), errors
    assert CourseSession.objects.filter(pk=second.pk).exists()


def test_removing_a_session_without_places_still_works(admin_client, course_index):
    course, (first, second) = two_session_course(admin_client, course_index)
    Place.objects.create(
        run=first.run, session=first, way=Way.JOINED, status=Status.ACCEPTED
    )
    sessions = [
        {**session_on(SOON), "id": str(first.pk)},
        {**session_on(second.start.date()), "id": str(second.pk), "DELETE": "1"},
    ]
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
        edit_sessions(course, sessions, cpd_hours="2", **{"action-publish": "1"}),
    )
    assert response.status_code == 302, form_errors(response.context["form"])
    assert not CourseSession.objects.filter(pk=second.pk).exists()


def test_bulk_publishing_a_draft_without_a_joined_date_is_refused(
    admin_client, course_index
):
    course, (first, second) = two_session_course(admin_client, course_index)
    sessions = [
        {**session_on(SOON), "id": str(first.pk)},
        {**session_on(second.start.date()), "id": str(second.pk), "DELETE": "1"},
    ]
    # A draft may drop the date for now: drafts change no stored session.
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
        edit_sessions(course, sessions, cpd_hours="2", **{"action-save": "1"}),
    )
    assert response.status_code == 302
    Place.objects.create(
        run=second.run, session=second, way=Way.JOINED, status=Status.ACCEPTED
    )

    response = bulk_publish(admin_client, course)

    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "has places or a register, so it cannot be removed" in shown
    assert CourseSession.objects.filter(pk=second.pk).exists()
