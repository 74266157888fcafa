"""Fill in the demo's bespoke enquiry form, in either language."""

from playwright.sync_api import Page

ENQUIRY_PATH = "/bespoke-workshops/"


def submit_empty_enquiry(page: Page) -> None:
    """Send the form with no answers, to reach its error state."""
    page.locator("form.site-form button[type='submit']").click()
    page.locator("[data-error-summary]").wait_for()


def submit_complete_enquiry(page: Page) -> None:
    """Answer every required question by position and send, to reach the thank-you page."""
    form = page.locator("form.site-form")
    form.locator("#id_contact_name").fill("Morgan Tester")
    form.locator("#id_contact_email").fill("morgan@example.org")
    form.locator(
        "input[type='text']:not([name^='contact_']):not([name='website'])"
    ).first.fill("Ward 7, Example Trust")
    form.locator("select").first.select_option(index=1)
    form.locator("input[type='radio']").first.check()
    form.locator("textarea").first.fill("Keeping kindness going on long shifts.")
    form.locator("button[type='submit']").click()
    page.locator(".reference").wait_for()
