"""The services the journeys rely on: real SMTP delivery, the task queue, admin login."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from home.demo.site import ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_USERNAME
from tests.browser.axe import assert_no_axe_violations
from tests.browser.tasks import send_test_note
from tests.browser.test_journeys import log_in


def test_axe_gate_fails_on_a_known_violation(page):
    page.set_content(
        "<html lang='en'><body><main><img src='x.png'></main></body></html>"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page, "a page with an unlabelled image")


def test_mail_the_site_sends_arrives_over_smtp(page, site_url, mailbox, screenshot):
    page.goto(site_url + "/admin/password_reset/")
    page.get_by_label("Email").fill(ADMIN_EMAIL)
    screenshot("reset-form")
    page.get_by_role("button", name="Reset password").click()
    expect(page.get_by_text("Check your email")).to_be_visible()

    assert len(mailbox.messages) == 1
    assert mailbox.messages[0]["To"] == ADMIN_EMAIL
    body = mailbox.messages[0].get_body().get_content()
    assert f"{site_url}/admin/password_reset/confirm/" in body


def test_queued_task_waits_for_the_worker(site_url, mailbox, task_worker):
    send_test_note.enqueue("queue-check@example.org")
    assert mailbox.messages == []

    task_worker()

    assert [m["To"] for m in mailbox.messages] == ["queue-check@example.org"]


def test_editor_logs_in_to_the_admin(page, site_url, screenshot):
    # Password, then the code from the editor's authenticator app.
    log_in(page, site_url, (ADMIN_USERNAME, ADMIN_PASSWORD))
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        settings.WAGTAIL_SITE_NAME
    )
    screenshot("dashboard")
