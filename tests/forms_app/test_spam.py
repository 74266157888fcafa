"""Honeypot, time-trap, quarantine and release, the rate limit and expired CSRF tokens."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client

from forms_app.models import Delivery, Submission
from forms_app.spam import issue_form_token
from home.client_address import client_ip
from tests.forms_app.conftest import form_data
from tests.support.admin import assert_refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"website": "http://spam.example"}, "honeypot"),
        ({"form_token": "fresh"}, "too-fast"),
        ({"form_token": None}, "missing-token"),
    ],
)
def test_suspected_spam_is_stored_quarantined_and_not_emailed(
    client, enquiry_page, post_form, overrides, reason
):
    if overrides.get("form_token") == "fresh":
        overrides = {"form_token": issue_form_token(time.time())}
    response = post_form(enquiry_page, form_data(**overrides))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.QUARANTINED
    assert submission.spam_reason == reason
    assert submission.deliveries.count() == 0
    assert mail.outbox == []
    assert submission.reference in client.get(response["Location"]).content.decode()


@pytest.fixture
def staff_client(db) -> Client:
    user = get_user_model().objects.create_superuser(
        "staff", "staff@example.org", "pw-staff-123"
    )
    client = Client()
    client.force_login(user)
    return client


def test_staff_release_sends_the_emails(
    enquiry_page, post_form, staff_client, django_capture_on_commit_callbacks
):
    post_form(enquiry_page, form_data(website="filled"))
    submission = Submission.objects.get()
    url = f"/admin/forms-app/submissions/{submission.pk}/release/"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.NOTIFIED
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(status="sent").count() == 3
    # Releasing twice sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url)
    assert len(mail.outbox) == 3


def test_release_needs_access_to_the_form(enquiry_page, post_form, db):
    post_form(enquiry_page, form_data(website="filled"))
    submission = Submission.objects.get()
    user = get_user_model().objects.create_user(
        "nobody", "n@example.org", "pw-nobody-123"
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    assert_refused(
        client.post(f"/admin/forms-app/submissions/{submission.pk}/release/")
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.QUARANTINED


def test_rate_limit_answers_429_with_the_form_and_answers(
    client, enquiry_page, post_form, settings
):
    settings.FORMS_RATE_LIMIT = 2
    for _n in range(2):
        assert post_form(enquiry_page, form_data()).status_code == 302
    response = post_form(enquiry_page, form_data(message="Third try"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "please send it again after" in html
    assert "Third try" in html and 'value="Asha Patel"' in html
    assert Submission.objects.count() == 2


def test_behind_a_proxy_each_visitor_has_their_own_limit(
    enquiry_page, post_form, settings
):
    settings.FORMS_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    balancer = {"REMOTE_ADDR": "10.0.0.5"}

    def post(forwarded_for: str) -> int:
        return post_form(
            enquiry_page, form_data(), HTTP_X_FORWARDED_FOR=forwarded_for, **balancer
        ).status_code

    assert post("203.0.113.7") == 302
    assert post("198.51.100.20") == 302, "another visitor behind the same balancer"
    # Forging an earlier hop does not make the first visitor someone new.
    assert post("192.0.2.99, 203.0.113.7") == 429


def test_without_trusted_proxies_the_forwarded_header_is_ignored(
    enquiry_page, post_form, settings
):
    settings.FORMS_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 0
    assert (
        post_form(enquiry_page, form_data(), HTTP_X_FORWARDED_FOR="1.1.1.1").status_code
        == 302
    )
    second = post_form(enquiry_page, form_data(), HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert second.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.5"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "", "10.0.0.5"),
        (2, "203.0.113.7, 172.16.0.2", "203.0.113.7"),
        (2, "192.0.2.1, 203.0.113.7, 172.16.0.2", "203.0.113.7"),
        (3, "203.0.113.7", "203.0.113.7"),
        (1, "not-an-address", "10.0.0.5"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_is_read_past_trusted_proxies(
    rf, settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.post("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_expired_csrf_token_shows_friendly_page_keeping_answers(enquiry_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post(enquiry_page.url, form_data(message="Keep me"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your session expired" in html
    assert "Keep me" in html and 'value="Asha Patel"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert Submission.objects.count() == 0
    assert "no-store" in response["Cache-Control"]
