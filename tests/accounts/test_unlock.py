"""Staff unlock a locked-out sign-in from the admin, and who may."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.messages import get_messages
from django.utils import timezone

from staff.roles import ADMINISTRATORS, COMMUNICATIONS
from tests.support.admin import assert_refused
from tests.support.roles import client_for, staff_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passw0rd"
HERE = "203.0.113.5"
LOCKOUTS = "/admin/locked-out-sign-ins/"


@pytest.fixture
def locked_out(client, django_user_model):
    """'editor' after five wrong passwords from HERE: the right one is refused."""
    django_user_model.objects.create_user("editor", password=PASSWORD)
    for _ in range(5):
        attempt(client, "wrong-password")
    assert attempt(client, PASSWORD).status_code == 429
    return client


def attempt(client, password: str):
    return client.post(
        "/admin/login/",
        {"username": "editor", "password": password, "next": "/admin/"},
        REMOTE_ADDR=HERE,
    )


def unlock_action(html: str) -> str:
    match = re.search(r'<form method="post" action="([^"]+)">', html)
    assert match, html
    return match.group(1)


def test_an_administrator_sees_the_lockout_and_unlocks_it(locked_out, settings):
    settings.TIME_ZONE = "Europe/London"
    admin = client_for(staff_user(ADMINISTRATORS))

    page = admin.get(LOCKOUTS)
    assert page.status_code == 200
    html = " ".join(page.content.decode().split())
    assert "<caption>" in html
    assert '<th scope="col">' in html
    assert '<th scope="row">editor</th>' in html
    assert "203.0.x.x" in html
    assert HERE not in html
    assert "Unlock editor" in html
    # Failures, and when the lockout ends, in UK time.
    last = AccessAttempt.objects.get(username="editor")
    assert f"<td>{last.failures_since_start}</td>" in html
    ends = timezone.localtime(last.attempt_time + timedelta(minutes=15))
    assert ends.strftime("%H:%M") in html

    response = admin.post(unlock_action(html))
    assert response.status_code == 302
    assert response["Location"] == LOCKOUTS
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("editor" in m and "unlocked" in m for m in messages), messages
    assert "Unlock editor" not in admin.get(LOCKOUTS).content.decode()

    # The person signs in again through the login page.
    assert attempt(locked_out, PASSWORD).status_code == 302


def test_the_menu_item_shows_only_to_those_who_may_unlock():
    admin = client_for(staff_user(ADMINISTRATORS))
    comms = client_for(staff_user(COMMUNICATIONS))
    assert "Locked-out sign-ins" in admin.get("/admin/").content.decode()
    assert "Locked-out sign-ins" not in comms.get("/admin/").content.decode()


def test_communications_staff_are_refused(locked_out):
    admin = client_for(staff_user(ADMINISTRATORS))
    action = unlock_action(admin.get(LOCKOUTS).content.decode())
    comms = client_for(staff_user(COMMUNICATIONS))

    assert_refused(comms.get(LOCKOUTS))
    assert_refused(comms.post(action))
    assert attempt(locked_out, PASSWORD).status_code == 429


def test_get_cannot_unlock(locked_out):
    admin = client_for(staff_user(ADMINISTRATORS))
    action = unlock_action(admin.get(LOCKOUTS).content.decode())
    assert admin.get(action).status_code == 405
    assert attempt(locked_out, PASSWORD).status_code == 429


def test_an_expired_lockout_is_not_listed(locked_out):
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    admin = client_for(staff_user(ADMINISTRATORS))
    page = admin.get(LOCKOUTS)
    assert page.status_code == 200
    assert "Unlock editor" not in page.content.decode()
