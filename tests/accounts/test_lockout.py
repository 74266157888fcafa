"""Login lockout: five wrong passwords for one username from one address pause it."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from axes.handlers import proxy
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passw0rd"
HERE = "203.0.113.5"
ELSEWHERE = "198.51.100.9"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.org", PASSWORD
    )


def attempt(client, username: str, password: str, address: str = HERE, **headers):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def fail_five_times(client, username: str, address: str = HERE) -> list:
    return [attempt(client, username, "wrong-password", address) for _ in range(5)]


def test_sixth_attempt_with_the_right_password_is_refused_until_the_cool_off_ends(
    client, editor, monkeypatch
):
    responses = fail_five_times(client, "editor")
    assert [r.status_code for r in responses[:4]] == [200] * 4

    refused = attempt(client, "editor", PASSWORD)
    html = refused.content.decode()
    assert refused.status_code == 429
    assert refused["Retry-After"] == "900"
    retry_at = timezone.localtime(timezone.now() + timedelta(minutes=16))
    assert "Try again after" in html
    assert "UK time" in html
    assert retry_at.strftime("%Y") in html
    assert "_auth_user_id" not in client.session

    # The same username from another address is not paused.
    assert attempt(client, "editor", PASSWORD, ELSEWHERE).status_code == 302
    client.post("/admin/logout/")

    # Fourteen minutes on, still paused (and this try restarts the wait).
    real_now = proxy.now
    monkeypatch.setattr(proxy, "now", lambda: real_now() + timedelta(minutes=14))
    assert attempt(client, "editor", PASSWORD).status_code == 429
    # Fifteen minutes after that last try, the right password works again.
    monkeypatch.setattr(
        proxy, "now", lambda: real_now() + timedelta(minutes=14 + 15, seconds=1)
    )
    assert attempt(client, "editor", PASSWORD).status_code == 302


def test_lockout_page_shows_the_time_in_uk_time(client, editor, settings):
    settings.TIME_ZONE = "Europe/London"
    fail_five_times(client, "editor")
    before = timezone.now()
    html = " ".join(attempt(client, "editor", PASSWORD).content.decode().split())
    after = timezone.now()

    def shown(moment):
        ends = timezone.localtime(moment + timedelta(minutes=15))
        return (ends.replace(second=0, microsecond=0) + timedelta(minutes=1)).strftime(
            "%H:%M"
        )

    # The clock may cross a minute during the request: either side is right.
    assert any(
        f"Try again after {shown(moment)} (UK time)" in html
        for moment in (before, after)
    )


def test_an_unknown_username_gets_the_same_answers_as_a_known_one(client, editor):
    def answers(username: str) -> list[tuple[int, str]]:
        responses = fail_five_times(client, username) + [
            attempt(client, username, PASSWORD)
        ]
        return [
            (response.status_code, _without_tokens(response.content.decode(), username))
            for response in responses
        ]

    assert answers("editor") == answers("nobody-here")


def _without_tokens(html: str, username: str) -> str:
    """The page without its CSRF tokens and the echoed username."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"CSRF_TOKEN": "[^"]+"', "", html)
    # The two runs happen moments apart and may straddle a minute.
    html = re.sub(r"Try again after \d\d:\d\d", "Try again after HH:MM", html)
    return html.replace(f'value="{username}"', 'value=""')


def test_proxied_addresses_are_read_as_the_form_rate_limit_reads_them(
    client, editor, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt(
            client, "editor", "wrong-password", "10.0.0.1", HTTP_X_FORWARDED_FOR=HERE
        )
    # Same proxy, another visitor behind it: not paused.
    assert (
        attempt(
            client, "editor", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR=ELSEWHERE
        ).status_code
        == 302
    )
    client.post("/admin/logout/")
    # A forged extra entry on the left does not dodge the pause.
    forged = f"192.0.2.77, {HERE}"
    assert (
        attempt(
            client, "editor", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR=forged
        ).status_code
        == 429
    )


def test_staff_unlock_a_username(client, editor):
    fail_five_times(client, "editor")
    assert attempt(client, "editor", PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor", stdout=StringIO())
    assert attempt(client, "editor", PASSWORD).status_code == 302


def test_password_reset_answers_the_same_for_unknown_addresses(client, editor):
    known = client.post(
        "/admin/password_reset/", {"email": "editor@example.org"}, follow=True
    )
    unknown = client.post(
        "/admin/password_reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    assert len(mail.outbox) == 1


def test_attempt_logs_name_neither_the_username_nor_the_address(client, editor, caplog):
    caplog.set_level("INFO", logger="axes")
    fail_five_times(client, "editor")
    attempt(client, "editor", PASSWORD)
    assert caplog.records
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "editor" not in logged
    assert HERE not in logged
