"""Applying for a course in Chromium: on a phone, with the keyboard alone, and in Welsh.

Each journey runs against the demo's Compassionate Leadership course, whose
application form asks for the dates, a name, an email address, a role, an
organisation and what the applicant hopes to gain. Dr Priya Halden, one of the
course's facilitators, is given a login first, as the invite command would,
so the facilitators' notification has somewhere to go.
"""

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from django.utils import formats, translation
from icalendar import Calendar
from playwright.sync_api import Page, expect
from wagtail.models import Locale

from courses.demo.relative_dates import next_clock_change
from courses.models import CourseRun, CourseSession
from courses.rules import LONDON, in_london
from facilitators.invitations import invite_facilitator
from facilitators.models import FacilitatorPage
from forms_app.models import Submission
from tests.browser.axe import assert_no_axe_violations
from tests.browser.layout import DESKTOP, MOBILE, focus_styles

pytestmark = pytest.mark.usefixtures("quick_forms")

COURSE_PATH = "/courses/compassionate-leadership/"
FACILITATOR_EMAIL = "priya@example.org"
APPLICANT_EMAIL = "rhian@example.org"


@pytest.fixture
def facilitator_with_login(mailbox) -> str:
    """Give the course's first facilitator a login, then forget the invitation email."""
    profile = FacilitatorPage.objects.get(
        slug="dr-priya-halden", locale__language_code="en-gb"
    )
    invite_facilitator(profile, FACILITATOR_EMAIL)
    mailbox.messages.clear()
    return FACILITATOR_EMAIL


def upcoming_cohort() -> CourseRun:
    """The demo's cohort that takes applications; the other one is past."""
    return CourseRun.objects.open_for_booking().get(
        course__slug="compassionate-leadership", course__locale__language_code="en-gb"
    )


def shown_when(session: CourseSession) -> str:
    """The session's day and times as the English course page writes them."""
    start, end = in_london(session.start), in_london(session.end)
    with translation.override("en-gb"):
        day = formats.date_format(start, "l j F Y")
    return f"{day}, {start:%H:%M}\u2013{end:%H:%M}"


def messages_to(mailbox, address: str) -> list:
    return [m for m in mailbox.messages if address in m["X-Envelope-To"]]


def assert_focus_visible(page: Page) -> None:
    """The focused element draws an outline or the focus band."""
    styles = focus_styles(page)
    element = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert styles["outline"] != "none" or styles["boxShadow"] != "none", (
        f"No visible focus on {element}"
    )


def tab_to(page: Page, accessible_name: str, limit: int = 80) -> None:
    """Press Tab until the named control has focus, checking focus is visible each time."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        name = page.evaluate(
            "(document.activeElement.innerText || document.activeElement.value || '')"
            ".replace(/\\s+/g, ' ').trim()"
        )
        if name.replace(" :", ":") == accessible_name:
            return
    raise AssertionError(f"Tab never reached {accessible_name!r}")


def test_visitor_on_a_phone_finds_downloads_and_applies_for_a_course(
    page, site_url, mailbox, task_worker, screenshot, facilitator_with_login
):
    cohort = upcoming_cohort()
    weekly = list(cohort.sessions.filter(graduates_only=False).order_by("start"))
    page.set_viewport_size(MOBILE)
    page.goto(site_url + "/courses/")
    page.get_by_label("Format").select_option(label="Online")
    page.get_by_role("button", name="Show courses").click()
    expect(page).to_have_url(site_url + "/courses/?q=&format=online&price=&month=")
    cards = page.locator(".course-card h2")
    expect(cards).not_to_have_count(0)
    expect(cards.get_by_text("Compassionate Leadership Training")).to_be_visible()
    screenshot("filtered-online")

    cards.get_by_role("link", name="Compassionate Leadership Training").click()
    expect(page).to_have_url(site_url + COURSE_PATH)
    expect(page.get_by_text(shown_when(weekly[2])).first).to_be_visible()
    screenshot("course-page")

    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name=f"Add all dates to your calendar ({cohort.title})"
        ).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    starts = [e.decoded("dtstart").astimezone(UTC) for e in events]
    # Six weekly sessions, then four follow-ups for those who complete them.
    assert len(events) == 10
    # The clocks change between the second and third weeks: 15:00 in London is
    # 15:00 UTC less the offset in force on each side of the change.
    days = [start.date() for start in starts]
    change = next_clock_change(days[0])
    assert days[1] < change < days[2]
    before, after = (
        datetime.combine(day, time(12), tzinfo=LONDON).utcoffset()
        for day in (change - timedelta(days=1), change + timedelta(days=1))
    )
    assert before != after
    assert starts[0] == datetime.combine(days[0], time(15), tzinfo=UTC) - before
    assert starts[2] == datetime.combine(days[2], time(15), tzinfo=UTC) - after

    # The run's name is visually hidden, so it is read out but not shown. The
    # at-a-glance box and the run's own dates offer the same link; take the box's.
    apply = page.get_by_role("link", name=re.compile(rf"^Apply\W+{cohort.title}$"))
    expect(apply).to_have_count(2)
    apply.first.click()
    expect(page).to_have_url(site_url + f"{COURSE_PATH}apply/?run={cohort.pk}")
    expect(page.get_by_role("radio", name=cohort.title)).to_be_checked()
    page.get_by_label("Your name").fill("Rhian Example")
    page.get_by_label("Your email address").fill(APPLICANT_EMAIL)
    page.get_by_label("Current role").fill("Ward manager")
    page.get_by_label("What do you hope to gain from the course?").fill(
        "Ways to keep my team kind to each other through winter pressures."
    )
    screenshot("form-missing-answer")
    page.get_by_role("button", name="Send").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Organisation")
    expect(page.get_by_label("Your name")).to_have_value("Rhian Example")
    expect(page.get_by_label("Current role")).to_have_value("Ward manager")
    expect(page.get_by_role("radio", name=cohort.title)).to_be_checked()
    expect(page.get_by_label("Organisation", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_no_axe_violations(page, "the application form's error state at 390px")
    screenshot("error-summary")
    assert Submission.objects.count() == 0

    page.get_by_label("Organisation", exact=True).fill("Example Community Trust")
    page.get_by_label("I am paying myself").check()
    page.get_by_role("button", name="Send").click()
    reference = page.locator(".reference")
    expect(reference).to_be_visible()
    assert_no_axe_violations(page, "the application thank-you page at 390px")
    screenshot("thank-you")
    shown = reference.inner_text()
    submission = Submission.objects.get()
    assert submission.reference == shown
    assert submission.run == cohort
    assert mailbox.messages == [], "emails go through the queue, not the request"

    task_worker()
    (acknowledgement,) = messages_to(mailbox, APPLICANT_EMAIL)
    assert shown in acknowledgement["Subject"]
    assert shown in acknowledgement.get_body(("plain",)).get_content()
    (notification,) = messages_to(mailbox, FACILITATOR_EMAIL)
    body = notification.get_body(("plain",)).get_content()
    assert shown in notification["Subject"]
    assert "Example Community Trust" in body and cohort.title in body
    assert messages_to(mailbox, "courses@example.org"), "the course team hears too"


def test_keyboard_alone_applies_with_visible_focus(
    page, site_url, mailbox, task_worker, screenshot, facilitator_with_login
):
    cohort = upcoming_cohort()
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + COURSE_PATH)
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()

    tab_to(page, f"Apply: {cohort.title}")
    screenshot("apply-link-focused")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(
        "Apply for Compassionate Leadership Training"
    )

    # Skip the header again; the dates are chosen already, so Tab goes from
    # the radio group to each answer in turn.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name=cohort.title)).to_be_focused()
    answers = [
        ("Your name", "Kofi Example"),
        ("Your email address", "kofi@example.org"),
    ]
    for label, value in answers:
        page.keyboard.press("Tab")
        expect(page.get_by_label(label)).to_be_focused()
        assert_focus_visible(page)
        page.keyboard.type(value)
    # The course is paid, so it asks who would pay: Space picks the first choice,
    # and the employer's three details are skipped.
    page.keyboard.press("Tab")
    expect(page.get_by_label("I am paying myself")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("Space")
    expect(page.get_by_label("I am paying myself")).to_be_checked()
    for _ in range(4):
        page.keyboard.press("Tab")
    expect(page.get_by_label("Current role")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.type("Team lead, district nursing")
    # Skip the organisation and the optional count, answer the last question, send.
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(
        page.get_by_label("What do you hope to gain from the course?")
    ).to_be_focused()
    page.keyboard.type("Confidence to hold difficult conversations kindly.")
    tab_to(page, "Send")
    page.keyboard.press("Enter")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    assert_focus_visible(page)
    screenshot("error-summary-focused")
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link")).to_be_focused()
    page.keyboard.press("Enter")
    organisation = page.get_by_label("Organisation", exact=True)
    expect(organisation).to_be_focused()
    expect(page.get_by_label("Your name")).to_have_value("Kofi Example")
    page.keyboard.type("Example Health Board")
    page.keyboard.press("Enter")

    reference = page.locator(".reference")
    expect(reference).to_be_visible()
    screenshot("thank-you")
    task_worker()
    (acknowledgement,) = messages_to(mailbox, "kofi@example.org")
    assert reference.inner_text() in acknowledgement["Subject"]
    assert messages_to(mailbox, FACILITATOR_EMAIL)


def test_welsh_visitor_applies_in_welsh(
    page, site_url, mailbox, task_worker, screenshot, facilitator_with_login
):
    welsh_cohort = upcoming_cohort().get_translation(
        Locale.objects.get(language_code="cy")
    )
    assert welsh_cohort.title.startswith("Carfan "), "the demo names it in Welsh"
    page.set_viewport_size(MOBILE)
    page.goto(site_url + "/cy" + COURSE_PATH)
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.locator("a.button[href*='apply/?run=']").first.click()
    expect(page.locator("h1")).to_have_text(
        "Gwneud cais am Hyfforddiant Arweinyddiaeth Dosturiol"
    )
    expect(page.get_by_role("radio", name=welsh_cohort.title)).to_be_checked()
    screenshot("form")

    page.get_by_label("Eich enw").fill("Elin Example")
    page.get_by_label("Eich cyfeiriad e-bost").fill("elin@example.org")
    page.get_by_label("Eich rôl bresennol").fill("Nyrs ardal")
    page.get_by_role("button", name="Anfon").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.locator("h2")).to_have_text("Mae problem wedi codi")
    assert_no_axe_violations(page, "the Welsh application form's error state")
    screenshot("error-summary")

    page.get_by_label("Sefydliad", exact=True).fill("Bwrdd Iechyd Enghreifftiol")
    page.get_by_label("Rwy'n talu fy hun").check()
    page.get_by_label("Beth ydych chi'n gobeithio ei gael o'r cwrs?").fill(
        "Arwain gyda mwy o dosturi."
    )
    page.get_by_role("button", name="Anfon").click()
    reference = page.locator(".reference")
    expect(reference).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert_no_axe_violations(page, "the Welsh application thank-you page")
    screenshot("thank-you")

    submission = Submission.objects.get()
    assert submission.locale.language_code == "cy"
    task_worker()
    (acknowledgement,) = messages_to(mailbox, "elin@example.org")
    body = acknowledgement.get_body(("plain",)).get_content()
    assert reference.inner_text() in acknowledgement["Subject"]
    assert "Diolch am wneud cais." in body
    assert messages_to(mailbox, FACILITATOR_EMAIL)
