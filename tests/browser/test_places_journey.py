"""An applicant accepts an offered place from the email link, on a phone.

The applicants apply through the demo's real application form, a member of the
communications team offers them places through the admin's bulk action (preview,
then confirm), the real worker sends the offers over SMTP on loopback, and each
applicant opens the accept link from their own email on a phone.
"""

import re
from collections.abc import Iterator

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, expect
from wagtail.models import Locale

from places.models import Place, Status
from staff.roles import COMMUNICATIONS
from tests.browser.application import APPLICATION_PATH, submit_complete_application
from tests.browser.axe import assert_no_axe_violations
from tests.browser.layout import MOBILE, assert_no_horizontal_scroll
from tests.browser.test_applications import upcoming_cohort
from tests.browser.test_journeys import log_in
from tests.support.roles import staff_user

pytestmark = pytest.mark.usefixtures("quick_forms")

ENGLISH_APPLICANT = "rhian@example.org"
# submit_complete_application's applicant, who applies through the Welsh form.
WELSH_APPLICANT = "morgan@example.org"
# WCAG 2.2 2.5.8 Target Size (Minimum): at least 24 by 24 CSS pixels.
MIN_TARGET = 24


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A separate tab that behaves as a phone: narrow, touch, mobile viewport."""
    context = browser.new_context(
        viewport=MOBILE, is_mobile=True, has_touch=True, locale="en-GB"
    )
    yield context.new_page()
    context.close()


def apply_in_english(phone: Page, site_url: str, run_pk: int) -> None:
    phone.goto(f"{site_url}{APPLICATION_PATH}?run={run_pk}")
    phone.get_by_label("Your name").fill("Rhian Example")
    phone.get_by_label("Your email address").fill(ENGLISH_APPLICANT)
    phone.get_by_label("Current role").fill("Ward manager")
    phone.get_by_label("Organisation", exact=True).fill("Example Community Trust")
    phone.get_by_label("I am paying myself").check()
    phone.get_by_label("What do you hope to gain from the course?").fill(
        "Steadier conversations on hard days."
    )
    phone.get_by_role("button", name="Send").tap()
    expect(phone.locator(".reference")).to_be_visible()


def offer_places_in_the_admin(page: Page, site_url: str, run_pk: int) -> None:
    """Choose both applicants, preview the offer emails, then confirm them."""
    staff_user(COMMUNICATIONS, "comms")
    log_in(page, site_url, ("comms", "a-long-test-password"))
    page.goto(f"{site_url}/admin/places/runs/{run_pk}/")
    page.get_by_label("Choose Rhian Example").check()
    page.get_by_label("Choose Morgan Tester").check()
    page.get_by_role("radio", name="Offer a place").check()
    page.get_by_label("Message to include in the email (optional)").fill(
        "We look forward to meeting you."
    )
    page.get_by_role("button", name="Preview the emails").click()
    previews = page.locator(".place-preview")
    expect(previews).to_have_count(2)
    expect(previews.locator(".preview-subject")).to_have_count(2)
    expect(previews.locator(".preview-body").first).to_contain_text(
        "We look forward to meeting you."
    )
    # The preview changes nothing: neither applicant has an offer yet.
    applicants = Place.objects.filter(email__in=[ENGLISH_APPLICANT, WELSH_APPLICANT])
    assert not applicants.filter(status=Status.OFFERED).exists()
    page.get_by_role("button", name="Confirm and send").click()
    expect(page).to_have_url(f"{site_url}/admin/places/runs/{run_pk}/")
    expect(page.get_by_text("2 done; the emails are queued.")).to_be_visible()


def accept_link(mailbox, address: str) -> str:
    """The accept link in the offer email the address received over SMTP."""
    (offer,) = [
        m
        for m in mailbox.messages
        if address in m["X-Envelope-To"]
        and ("place for you" in m["Subject"] or "Lle i chi" in m["Subject"])
    ]
    body = offer.get_body(("plain",)).get_content()
    # The accept link comes first, the decline link after it.
    return re.findall(r"https?://\S+/place/\S+/", body)[0]


def assert_fits_a_phone(phone: Page, where: str) -> None:
    assert_no_horizontal_scroll(phone, where)
    assert_no_axe_violations(phone, where)


def accept_on_the_phone(
    phone: Page, link: str, place: Place, lang: str, screenshot_path
) -> None:
    """Open the link, see what it will do, tap the button and see the place confirmed."""
    course = place.run.course.get_translation(Locale.objects.get(language_code=lang))
    with translation.override(lang):
        words = {
            text: gettext(text)
            for text in (
                "Accept your place",
                "Offered",
                "Accept the place",
                "Your place is confirmed",
                "Accepted",
            )
        }
    response = phone.goto(link)
    assert response.status == 200
    expect(phone.locator("html")).to_have_attribute("lang", lang)
    heading = phone.get_by_role("heading", level=1)
    expect(heading).to_have_text(words["Accept your place"])
    expect(phone.locator(".meta-list")).to_contain_text(course.title)
    expect(phone.locator(".meta-list")).to_contain_text(words["Offered"])
    button = phone.get_by_role("button", name=words["Accept the place"])
    expect(button).to_be_in_viewport()
    box = button.bounding_box()
    assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box
    assert_fits_a_phone(phone, f"the {lang} accept page on a phone")
    phone.screenshot(path=screenshot_path(f"{lang}-accept"), full_page=True)

    button.tap()
    expect(heading).to_have_text(words["Your place is confirmed"])
    expect(phone.get_by_role("status")).to_contain_text(course.title)
    expect(phone.locator(".meta-list")).to_contain_text(words["Accepted"])
    expect(phone.locator("main form")).to_have_count(0)
    assert_fits_a_phone(phone, f"the {lang} confirmation on a phone")
    phone.screenshot(path=screenshot_path(f"{lang}-confirmed"), full_page=True)


def test_applicant_accepts_an_offer_from_the_email_on_a_phone(
    page, phone, site_url, mailbox, task_worker, screenshot_path
):
    cohort = upcoming_cohort()
    apply_in_english(phone, site_url, cohort.pk)
    phone.goto(site_url + "/cy" + APPLICATION_PATH)
    submit_complete_application(phone)
    task_worker()
    mailbox.messages.clear()
    welsh = Place.objects.get(email=WELSH_APPLICANT)
    assert welsh.run == cohort
    assert welsh.language == "cy"

    offer_places_in_the_admin(page, site_url, cohort.pk)
    assert mailbox.messages == [], "offers go through the queue, not the request"
    task_worker()

    english_link = accept_link(mailbox, ENGLISH_APPLICANT)
    assert english_link.startswith(site_url + "/place/")
    accept_on_the_phone(
        phone,
        english_link,
        Place.objects.get(email=ENGLISH_APPLICANT),
        "en-gb",
        screenshot_path,
    )

    welsh_link = accept_link(mailbox, WELSH_APPLICANT)
    assert welsh_link.startswith(site_url + "/cy/place/")
    accept_on_the_phone(phone, welsh_link, welsh, "cy", screenshot_path)

    accepted = Place.objects.filter(email__in=[ENGLISH_APPLICANT, WELSH_APPLICANT])
    assert set(accepted.values_list("status", flat=True)) == {Status.ACCEPTED}
    task_worker()
    for address in (ENGLISH_APPLICANT, WELSH_APPLICANT):
        assert any(
            address in m["X-Envelope-To"]
            and ("is confirmed" in m["Subject"] or "wedi'i gadarnhau" in m["Subject"])
            for m in mailbox.messages
        ), f"no confirmation email to the applicant who applied in {address}"
