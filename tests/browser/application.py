"""Fill in the demo's Compassionate Leadership application form, in either language."""

from playwright.sync_api import Page

APPLICATION_PATH = "/courses/compassionate-leadership/apply/"


def submit_empty_application(page: Page) -> None:
    """Send the form with no answers at all, not even the dates, to reach its errors."""
    page.locator("form.site-form button[type='submit']").click()
    page.locator("[data-error-summary]").wait_for()


def submit_complete_application(page: Page) -> None:
    """Choose the first dates, answer every question and send, to reach the thank-you page."""
    form = page.locator("form.site-form")
    form.locator("input[name='run']").first.check()
    form.locator("#id_contact_name").fill("Morgan Tester")
    form.locator("#id_contact_email").fill("morgan@example.org")
    form.locator("#id_current_role").fill("Charge nurse")
    form.locator("#id_organisation").fill("Example Trust")
    form.locator("textarea").first.fill("Steadier conversations on hard days.")
    # A paid course asks who would pay; paying oneself needs no more details.
    form.locator("input[name='payer'][value='self']").check()
    form.locator("button[type='submit']").click()
    page.locator(".reference").wait_for()
