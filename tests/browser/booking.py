"""The demo's writing workshop booking form: its price, places and payer questions."""

import re

from playwright.sync_api import Page, expect

BOOKING_PATH = "/courses/creative-writing-for-empathy/book/"


def show_booking_questions(page: Page) -> None:
    """The form asks the price among the course's tiers, the places and who pays."""
    form = page.locator("form.site-form")
    expect(form.locator("input[name='price']")).to_have_count(3)
    expect(form.locator("input[name='places']")).to_be_visible()
    expect(form.locator("input[name='payer']")).to_have_count(2)


def submit_empty_booking(page: Page) -> None:
    """Send the form with no answers, to reach the price and payer errors."""
    page.locator("form.site-form button[type='submit']").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    expect(summary.locator("a[href='#id_price_0']")).to_have_count(1)
    expect(summary.locator("a[href='#id_payer_0']")).to_have_count(1)


def book_a_block(page: Page, name: str, email: str) -> None:
    """Book the block price (ten places) on the last dates, paid by the person.

    The demo's next workshop already holds a block of its own; later ones have room.
    """
    form = page.locator("form.site-form")
    form.locator("input[name='run']").last.check()
    form.get_by_role("radio", name=re.compile("Block booking")).check()
    form.get_by_label("Your name").fill(name)
    form.get_by_label("Your email address").fill(email)
    form.get_by_label("How many places?").fill("1")
    form.get_by_role("radio", name="I am paying myself").check()
    form.locator("button[type='submit']").click()
    page.locator(".reference").wait_for()
