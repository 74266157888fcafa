"""Browser tests: Playwright on Debian's Chromium against the live server.

Every test here is marked `browser` and runs on a transactional database restored
from a snapshot of the demo site, with mail going to a real SMTP server on
loopback and the "queue" task backend stored in the database for `task_worker`.
"""

import logging
import os
import re
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser.layout import DESKTOP, MOBILE
from tests.browser.requirements import (
    CHROMIUM,
    CHROMIUM_ARGS,
    INSTALL_HINT,
    artifacts_dir,
    browser_tests_required,
    missing_requirements,
)
from tests.support.database import flush_database, restore, snapshot
from tests.support.live_server import OneRequestAtATime
from tests.support.stub_servers import LoopbackController

# Playwright's sync API keeps an event loop in this thread; Django's ORM would refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Serve on the loopback address, as the issue asks, rather than "localhost".
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

HERE = Path(__file__).parent


# Before pytest-django's own hook, which orders tests by their database markers.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            # Each test starts from the demo snapshot and leaves nothing behind.
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True)
            )


@pytest.fixture(scope="session")
def browser_requirements() -> None:
    """Skip the browser tests where Chromium or axe-core is absent, unless CI requires them."""
    missing = missing_requirements()
    if not missing:
        return
    reason = f"Browser tests need {', '.join(missing)}: {INSTALL_HINT}."
    if browser_tests_required():
        pytest.fail(f"REQUIRE_BROWSER_TESTS=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(browser_requirements) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


# What Chromium logs when a page breaks its Content-Security-Policy or sends a
# Permissions-Policy it does not understand.
POLICY_ERRORS = ("Content Security Policy", "Permissions-Policy")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser tab (own cookies and storage) at desktop width.

    The test fails if any page it opened broke the content security policy.
    """
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    tab = context.new_page()
    policy_errors: list[str] = []
    tab.on(
        "console",
        lambda message: (
            policy_errors.append(f"{tab.url}: {message.text}")
            if any(words in message.text for words in POLICY_ERRORS)
            else None
        ),
    )
    yield tab
    context.close()
    if policy_errors:
        pytest.fail("Policy violations:\n" + "\n".join(policy_errors), pytrace=False)


QUEUE_IN_DATABASE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def drain_queue() -> None:
    """Run the periodic jobs that are due and every queued task, then stop."""
    call_command(
        "run_worker",
        "--backend=queue",
        "--queue-name=*",
        "--batch",
        "--no-startup-delay",
        stdout=StringIO(),
    )


@pytest.fixture(scope="package", autouse=True)
def demo_rollback(
    browser_requirements, demo_snapshot, django_db_blocker
) -> Iterator[None]:
    """Each test's serialized rollback restores the demo site, built once per run.

    The demo's people hold places, so a worker beside it sends follow-up invitations
    and reminders as soon as it starts: run it once here, as `make run` does, so
    each test's mailbox holds only the emails that test caused.
    """
    with django_db_blocker.unblock():
        original = getattr(connection, "_test_serialized_contents", None) or snapshot()
        restore(demo_snapshot.rows)
        with override_settings(TASKS=QUEUE_IN_DATABASE):
            drain_queue()
        connection._test_serialized_contents = snapshot()
        # Serialized rollback loads into an empty database.
        flush_database()
    yield
    with django_db_blocker.unblock():
        # Leave the database as the tests after these expect it: freshly migrated.
        restore(original)
        connection._test_serialized_contents = original


class Mailbox:
    """An aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


@pytest.fixture(scope="session")
def smtp_server(browser_requirements) -> Iterator[tuple[Mailbox, int]]:
    # aiosmtpd logs every SMTP command at INFO.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    mailbox = Mailbox()
    controller = LoopbackController(mailbox)
    controller.start()
    yield mailbox, controller.port
    controller.stop()


@pytest.fixture
def mailbox(smtp_server, settings) -> Mailbox:
    """Messages the site sent over SMTP during this test, oldest first."""
    mailbox, port = smtp_server
    mailbox.messages.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    return mailbox


@pytest.fixture
def task_worker(settings, live_server) -> Callable[[], None]:
    """Store "queue" tasks in the database; calling the result runs what is ready.

    It runs the real `run_worker --batch` in this process, on the in-memory
    database the live server shares, so a test drains the queue at the moment
    it chooses instead of waiting for a background worker. It takes its turn
    with the site's requests: a page left open may still autosave or ping.
    """
    settings.TASKS = QUEUE_IN_DATABASE

    def drain_between_requests() -> None:
        with live_server.thread.httpd.lock:
            drain_queue()

    return drain_between_requests


@pytest.fixture
def quick_forms(settings) -> None:
    """Let the tests send forms as fast as a browser can, as often as they need."""
    settings.FORMS_MIN_FILL_SECONDS = 0
    settings.FORMS_RATE_LIMIT = 1000


@pytest.fixture(scope="session")
def live_server(browser_requirements) -> Iterator[LiveServer]:
    """pytest-django's live server, letting one request at a time into the site.

    Its threads share the in-memory database's one connection; see
    `tests.support.live_server` for what two requests at once did.
    """
    server = LiveServer(os.environ["DJANGO_LIVE_TEST_SERVER_ADDRESS"], start=False)
    server.thread.server_class = OneRequestAtATime
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site_url(live_server, settings, mailbox, task_worker) -> str:
    """The live demo site's address, with real SMTP and a database task queue."""
    # Links in the admin's emails point at this server.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return live_server.url


@pytest.fixture
def screenshot_path(request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """Where this test's screenshot of a step goes: <test>--<step>.png."""
    folder = artifacts_dir() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
    return lambda step: folder / f"{test_name}--{step}.png"


@pytest.fixture
def screenshot(page: Page, screenshot_path) -> Callable[[str], None]:
    """Save the page at mobile and desktop widths as <test>--<step>--<width>.png."""

    def capture(step: str) -> None:
        original = page.viewport_size
        for label, viewport in (("mobile", MOBILE), ("desktop", DESKTOP)):
            page.set_viewport_size(viewport)
            page.screenshot(path=screenshot_path(f"{step}--{label}"), full_page=True)
        page.set_viewport_size(original)

    return capture
