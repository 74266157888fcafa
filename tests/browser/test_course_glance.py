"""On a 390 x 844 phone a course page shows its key facts before the first scroll.

Issue 12, point 8: the header took 288 px and the price sat about 2,700 px down.
"""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_no_axe_violations
from tests.browser.layout import DESKTOP, MOBILE

COURSE = "/courses/compassionate-leadership/"
MAX_HEADER_HEIGHT = 120


def bottom(page: Page, selector: str) -> float:
    """The element's bottom edge in CSS pixels from the top of the document."""
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not laid out"
    return box["y"] + box["height"]


@pytest.mark.parametrize(
    ("path", "lang"), [(COURSE, "en-gb"), ("/cy" + COURSE, "cy")], ids=["en", "cy"]
)
def test_course_facts_fit_the_first_phone_screen(
    page, site_url, screenshot_path, path, lang
):
    page.set_viewport_size(MOBILE)
    page.goto(site_url + path)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.screenshot(path=screenshot_path("390px"), full_page=False)

    header = page.locator(".site-header").bounding_box()
    glance = page.locator(".course-glance")
    expect(glance).to_be_visible()
    action = glance.locator(".course-glance__action a").first
    print(
        f"\n{path} at 390x844: header {header['height']:.0f}px, "
        f"box bottom {bottom(page, '.course-glance'):.0f}px"
    )
    assert header["height"] <= MAX_HEADER_HEIGHT
    # Every fact, and the call to action, before the first scroll.
    for term in glance.locator("dt").all():
        expect(term).to_be_in_viewport()
    expect(action).to_be_visible()
    assert bottom(page, ".course-glance") <= MOBILE["height"]
    assert bottom(page, ".course-glance__action a") <= MOBILE["height"]
    # The language switcher and every menu link stay reachable on a phone.
    expect(page.locator(".language-switcher a")).to_be_visible()
    for link in page.locator(".main-nav a").all():
        link.focus()
        expect(link).to_be_in_viewport()
    page.evaluate("window.scrollTo(0, 0)")
    assert_no_axe_violations(page, f"{path} at 390px")

    page.set_viewport_size(DESKTOP)
    page.goto(site_url + path)
    expect(page.locator(".course-glance")).to_be_visible()
    assert_no_axe_violations(page, f"{path} at 1280px")
