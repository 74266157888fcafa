"""A course built and translated into Welsh in the admin, then applied for in Welsh.

Everything goes through the real admin: the page explorer, the weekly session
generator, the course editor's "Add an application form" button, wagtail-localize's
"Translate this page" view and its translation editor. Then a visitor on a phone
applies in Welsh and receives the Welsh acknowledgement.
"""

import re
from calendar import TUESDAY
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from wagtail.models import Locale

from courses.demo.relative_dates import weekday_on_or_after
from courses.models import CourseIndexPage, CoursePage
from courses.rules import in_london
from forms_app.models import ApplicationFormPage, Submission
from home.demo.site import ADMIN_PASSWORD, ADMIN_USERNAME
from tests.browser.axe import assert_no_axe_violations
from tests.browser.layout import MOBILE
from tests.browser.test_journeys import log_in

pytestmark = pytest.mark.usefixtures("quick_forms")

TITLE = "Supervision Skills for Clinical Educators"
SLUG = "supervision-skills-for-clinical-educators"
WELSH_TITLE = "Sgiliau Goruchwylio i Addysgwyr Clinigol"
WELSH_FORM_TITLE = "Gwneud cais am Sgiliau Goruchwylio i Addysgwyr Clinigol"
RUN_TITLE = "Spring cohort"
WEEKS = 4
APPLICANT_EMAIL = "gwen@example.org"


def publish(page: Page) -> None:
    """Publish from the page editor's action menu and wait for Wagtail's confirmation."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("has been published")).to_be_visible()


def header_action(page: Page, name: str) -> None:
    """Open the editor header's actions menu and follow one of its links."""
    actions = page.get_by_role("navigation", name="Actions", exact=True)
    actions.get_by_role("button", name="Actions").click()
    actions.get_by_role("link", name=name).click()


def translate_string(page: Page, source: str, welsh: str) -> None:
    """In wagtail-localize's translation editor, give one source string its Welsh."""
    # Each string is a list item classed by whether it is translated yet.
    segment = (
        page.locator("li:is(.incomplete, .complete, .errored)")
        .filter(has=page.get_by_text(source, exact=True))
        .first
    )
    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill(welsh)
    segment.get_by_role("button", name="Save").click()
    expect(segment.get_by_text(welsh, exact=True)).to_be_visible()


def publish_translation(page: Page) -> None:
    page.get_by_role("button", name="Publish in Cymraeg").click()
    # Strings left untranslated fall back to English, and the message says so.
    expect(page.get_by_text(re.compile(r"Published .+ in Cymraeg"))).to_be_visible()


def test_editor_builds_a_course_translates_it_and_a_welsh_visitor_applies(
    browser, page, site_url, mailbox, task_worker, screenshot, screenshot_path
):
    first_day = weekday_on_or_after(timezone.localdate() + timedelta(weeks=3), TUESDAY)
    index = CourseIndexPage.objects.get(locale__language_code="en-gb")

    # 1. A new course with a run of weekly sessions from the generator, as a draft.
    log_in(page, site_url, (ADMIN_USERNAME, ADMIN_PASSWORD))
    page.goto(f"{site_url}/admin/pages/{index.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_placeholder("Page title").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill(
        "Four online afternoons on giving learners feedback that helps."
    )
    page.get_by_role("combobox", name="How to take part").select_option(label="Apply")
    # Four two-hour sessions: eight hours, so six CPD hours is within them.
    page.locator("#id_cpd_hours").fill("6")
    page.get_by_role("button", name="Add runs and sessions").click()
    run = page.locator("section[id^='inline_child_runs-']").last
    run.locator("input[name$='-title']").fill(RUN_TITLE)
    run.get_by_label("Number of weekly sessions").fill(str(WEEKS))
    run.get_by_label("First date").fill(first_day.isoformat())
    run.get_by_label("Start time").fill("15:00")
    run.get_by_label("End time").fill("17:00")
    run.get_by_label("Format").select_option(label="Online")
    run.get_by_label("Platform").fill("MS Teams")
    screenshot("course-filled")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(f"Page '{TITLE}' created.")).to_be_visible()
    screenshot("course-draft")

    course = CoursePage.objects.get(slug=SLUG, locale__language_code="en-gb")
    generated = course.runs.get().sessions.order_by("start")
    assert [in_london(s.start).date() for s in generated] == [
        first_day + timedelta(weeks=week) for week in range(WEEKS)
    ]
    assert all(in_london(s.start).hour == 15 for s in generated)

    # 2. Its application form, from the course editor's header button, published first.
    header_action(page, "Add an application form")
    page.get_by_role("button", name="Add the draft form").click()
    expect(page.get_by_text("A draft application form was added")).to_be_visible()
    page.get_by_role("textbox", name="Team addresses").fill("supervision@example.org")
    page.get_by_role("textbox", name="Acknowledgement intro").fill(
        "Thank you for applying."
    )
    screenshot("form-editor")
    publish(page)
    form = ApplicationFormPage.objects.child_of(course).get()
    assert form.live

    page.goto(f"{site_url}/admin/pages/{course.pk}/edit/")
    publish(page)
    screenshot("course-published")
    course.refresh_from_db()
    assert course.live and course.form_page_id == form.pk

    # 3. Course and form into Welsh, through wagtail-localize's admin.
    page.goto(f"{site_url}/admin/pages/{course.pk}/edit/")
    header_action(page, "Translate this page")
    expect(page).to_have_url(f"{site_url}/admin/localize/submit/page/{course.pk}/")
    page.get_by_role("checkbox", name="Cymraeg").check()
    page.get_by_role("checkbox", name=re.compile(r"^Include subtree")).check()
    screenshot("translate-submit")
    page.get_by_role("button", name="Submit").click()
    translate_string(page, TITLE, WELSH_TITLE)
    screenshot("translate-course")
    publish_translation(page)

    welsh_course = course.get_translation(Locale.objects.get(language_code="cy"))
    welsh_form = form.get_translation(welsh_course.locale)
    page.goto(f"{site_url}/admin/pages/{welsh_form.pk}/edit/")
    translate_string(page, f"Apply for {TITLE}", WELSH_FORM_TITLE)
    translate_string(page, "Current role", "Eich rôl bresennol")
    translate_string(page, "Organisation", "Sefydliad")
    translate_string(page, "Thank you for applying.", "Diolch am wneud cais.")
    screenshot("translate-form")
    publish_translation(page)
    welsh_course.refresh_from_db()
    welsh_form.refresh_from_db()
    assert welsh_course.live and welsh_form.live

    # 4. A Welsh visitor on a phone applies.
    visitor_context = browser.new_context(viewport=MOBILE, locale="cy-GB")
    visitor = visitor_context.new_page()
    visitor.goto(f"{site_url}/cy/courses/{SLUG}/")
    expect(visitor.locator("html")).to_have_attribute("lang", "cy")
    expect(visitor.locator("h1")).to_have_text(WELSH_TITLE)
    assert_no_axe_violations(visitor, "the Welsh course page made in the admin")
    visitor.screenshot(path=screenshot_path("welsh-course--mobile"), full_page=True)

    apply_link = visitor.locator("a.button[href*='apply/?run=']").first
    expect(apply_link).to_have_attribute(
        "href", f"/cy/courses/{SLUG}/apply/?run={welsh_course.runs.get().pk}"
    )
    apply_link.click()
    expect(visitor.locator("h1")).to_have_text(WELSH_FORM_TITLE)
    form_element = visitor.locator("form.site-form")
    expect(form_element.locator("input[name='run']").first).to_be_checked()
    visitor.get_by_label("Eich enw").fill("Gwen Example")
    visitor.get_by_label("Eich cyfeiriad e-bost").fill(APPLICANT_EMAIL)
    visitor.get_by_label("Eich rôl bresennol").fill("Addysgwr clinigol")
    visitor.get_by_label("Sefydliad").fill("Bwrdd Iechyd Enghreifftiol")
    visitor.screenshot(path=screenshot_path("welsh-form--mobile"), full_page=True)
    visitor.get_by_role("button", name="Anfon").click()

    reference = visitor.locator(".reference")
    expect(reference).to_be_visible()
    expect(visitor.locator("html")).to_have_attribute("lang", "cy")
    assert_no_axe_violations(visitor, "the Welsh thank-you page")
    visitor.screenshot(path=screenshot_path("welsh-thank-you--mobile"), full_page=True)
    shown = reference.inner_text()
    submission = Submission.objects.get()
    assert submission.reference == shown
    assert submission.locale.language_code == "cy"
    assert submission.run == course.runs.get()
    visitor_context.close()

    assert mailbox.messages == [], "emails go through the queue, not the request"
    task_worker()
    (acknowledgement,) = [
        m for m in mailbox.messages if APPLICANT_EMAIL in m["X-Envelope-To"]
    ]
    assert shown in acknowledgement["Subject"]
    assert "Diolch am wneud cais." in acknowledgement.get_body(("plain",)).get_content()
