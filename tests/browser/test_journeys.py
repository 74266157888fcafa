"""The site's main journeys, driven in Chromium, one test each, with screenshots."""

import re
from calendar import MONDAY
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import formats, translation
from playwright.sync_api import Locator, Page, expect

from courses.demo.relative_dates import weekday_on_or_after
from courses.models import CoursePage
from courses.rules import LONDON, in_london, london_zone_label
from tests.browser.editor import EDITS_WATCHED, WATCH_FOR_EDITS, autosave_carrying
from tests.browser.enquiry import ENQUIRY_PATH
from tests.browser.layout import MOBILE
from tests.support.two_factor import app_device, code_for

ADMIN = ("admin", "cpd-demo-admin")
FACILITATOR = ("facilitator", "cpd-demo-facilitator")
VERIFY_PATH = "/admin/two-factor/verify/"


def log_in(page: Page, site_url: str, credentials: tuple[str, str]) -> None:
    """Sign in with the password, then the code the user's authenticator app shows."""
    device = app_device(get_user_model().objects.get(username=credentials[0]))
    page.goto(site_url + "/admin/login/")
    page.get_by_label("Username").fill(credentials[0])
    page.get_by_label("Password").fill(credentials[1])
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(site_url + VERIFY_PATH)))
    page.get_by_label("Code from your app").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(site_url + "/admin/")


def course(slug: str, language: str = "en-gb") -> CoursePage:
    return CoursePage.objects.get(slug=slug, locale__language_code=language)


def recipients(mailbox) -> list[str]:
    return sorted(message["X-Envelope-To"] for message in mailbox.messages)


def test_bespoke_enquiry_is_routed_by_its_answer(
    page, site_url, mailbox, task_worker, screenshot, quick_forms
):
    page.set_viewport_size(MOBILE)
    page.goto(site_url + ENQUIRY_PATH)
    screenshot("form")
    page.get_by_label("Your name").fill("Ffion Example")
    page.get_by_label("Your email address").fill("ffion@example.org")
    page.get_by_label("Organisation or service").fill("Memory clinic, Example Trust")
    page.get_by_label("Type of team").select_option("Dementia care")
    page.get_by_role("radio", name="Online").check()
    page.get_by_label("What would you like the session to help with?").fill(
        "Staying kind to families through long assessments."
    )
    screenshot("answered")
    page.get_by_role("button", name="Send").click()

    reference = page.locator(".reference")
    expect(reference).to_be_visible()
    screenshot("thank-you")
    assert mailbox.messages == [], "emails go through the queue, not the request"

    task_worker()
    assert recipients(mailbox) == [
        "bespoke@example.org",
        "dementia-lead@example.org",
        "ffion@example.org",
    ]
    shown = reference.inner_text()
    acknowledgement = next(
        m for m in mailbox.messages if m["X-Envelope-To"] == "ffion@example.org"
    )
    assert shown in acknowledgement["Subject"]
    notifications = [m for m in mailbox.messages if m is not acknowledgement]
    assert all(shown in m["Subject"] for m in notifications)
    assert "Memory clinic" in notifications[0].get_body(("plain",)).get_content()


def add_session(page: Page, run: Locator, day, hour: int) -> None:
    """Add an online session of two hours to `run` in the open course editor."""
    run.get_by_role("button", name="Add Sessions").click()
    session = run.locator("section[id*='-sessions-']").last
    session.get_by_label("Start").fill(f"{day} {hour}:00")
    session.get_by_label("End").fill(f"{day} {hour + 2}:00")
    session.get_by_label("Format").select_option(label="Online")
    session.get_by_label("Platform").fill("MS Teams")
    page.keyboard.press("Escape")


def test_editor_adds_a_session_and_sees_it_published(page, site_url, screenshot):
    leadership = course("compassionate-leadership")
    cohort = leadership.runs.open_for_booking().get()
    # A Monday four weeks after the cohort's last follow-up: free, and upcoming.
    last = in_london(cohort.sessions.order_by("start").last().start).date()
    day = weekday_on_or_after(last + timedelta(weeks=4), MONDAY)
    log_in(page, site_url, ADMIN)
    page.goto(f"{site_url}/admin/pages/{leadership.pk}/edit/")
    expect(page.get_by_placeholder("Page title")).to_have_value(
        "Compassionate Leadership Training"
    )

    run = page.locator("section[id^='inline_child_runs-']").filter(
        has=page.locator(f"input[value='{cohort.title}']")
    )
    # A stored run lists its sessions; the editor opens them to add one.
    sessions = cohort.sessions.count()
    run.get_by_role("link", name=f"Edit these {sessions} sessions").click()
    add_session(page, run, day, 15)
    screenshot("session-added")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("has been published")).to_be_visible()
    screenshot("published")

    page.goto(site_url + "/courses/compassionate-leadership/")
    start = datetime.combine(day, time(15), tzinfo=LONDON)
    # As the page writes it: the English date, the times and GMT or BST.
    with translation.override("en-gb"):
        shown = formats.date_format(start, "l j F Y")
    zone = london_zone_label(start)
    expect(page.get_by_text(f"{shown}, 15:00\u201317:00 {zone}").first).to_be_visible()
    screenshot("public-page")


def test_facilitator_bio_change_is_approved_then_public(
    browser, page, site_url, screenshot, screenshot_path
):
    new_words = "Maren now also runs reflective writing circles for hospice teams."
    log_in(page, site_url, FACILITATOR)
    page.add_init_script(WATCH_FOR_EDITS)
    screenshot("dashboard")
    page.get_by_role("link", name="Edit your profile").click()
    # As a person does: type once the editor is ready, and submit once it shows
    # the words saved, so they are known to be in the form that Submit sends.
    page.wait_for_function(EDITS_WATCHED)
    bio = page.locator("[data-contentpath='bio'] [contenteditable='true']")
    bio.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    with page.expect_response(autosave_carrying(new_words)):
        page.keyboard.type(new_words)
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )
    screenshot("bio-edited")
    edit_url = page.url
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Facilitator profile approval").click()
    expect(
        page.get_by_text("In Moderation").or_(page.get_by_text("Awaiting"))
    ).not_to_have_count(0)
    screenshot("submitted")

    page.goto(site_url + "/facilitators/dr-maren-ellery/")
    expect(page.get_by_text(new_words)).to_have_count(0)

    editor_context = browser.new_context(viewport=page.viewport_size, locale="en-GB")
    editor = editor_context.new_page()
    log_in(editor, site_url, ADMIN)
    # The same editor URL as the facilitator used: the English profile.
    editor.goto(edit_url)
    editor.get_by_role("button", name="More actions").click()
    approve = editor.get_by_role("button", name="Approve and Publish", exact=True)
    approve.click()
    # The workflow has finished once the approval buttons are gone.
    expect(approve).to_have_count(0)
    editor.screenshot(path=screenshot_path("approved--desktop"), full_page=True)
    editor_context.close()

    page.goto(site_url + "/facilitators/dr-maren-ellery/")
    expect(page.get_by_text(new_words)).to_be_visible()
    screenshot("public-page")
