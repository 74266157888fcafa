"""Every public page type passes axe-core, reflows at 320 px and survives 200% zoom.

One test per page type checks it in both languages, so the demo snapshot is
restored once per type rather than once per page and check.
"""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from courses.models import CourseSession
from places.links import follow_up_link
from places.models import FollowUpInvitation
from tests.browser.application import (
    APPLICATION_PATH,
    submit_complete_application,
    submit_empty_application,
)
from tests.browser.axe import assert_no_axe_violations
from tests.browser.booking import (
    BOOKING_PATH,
    show_booking_questions,
    submit_empty_booking,
)
from tests.browser.enquiry import (
    ENQUIRY_PATH,
    submit_complete_enquiry,
    submit_empty_enquiry,
)
from tests.browser.layout import (
    DESKTOP,
    MOBILE,
    REFLOW,
    ZOOM_200,
    assert_no_horizontal_scroll,
)

Step = Callable[[Page], None] | None


def both_languages(path: str, status: int = 200) -> list[tuple[str, int, str]]:
    """(path, expected status, expected <html lang>) in English and in Welsh."""
    return [(path, status, "en-gb"), ("/cy" + path, status, "cy")]


COURSE_PAGES = [
    ("/courses/creative-writing-for-empathy/", 200, "en-gb"),
    *both_languages("/courses/compassionate-leadership/"),
    ("/cy/courses/creative-empathy-hour/", 200, "cy"),
]

PAGE_TYPES = [
    pytest.param(both_languages("/"), None, id="home"),
    pytest.param(both_languages("/about/"), None, id="content"),
    pytest.param(both_languages("/no-such-page/", 404), None, id="not-found"),
    pytest.param(both_languages("/courses/"), None, id="course-index"),
    pytest.param(
        both_languages("/courses/?format=online&price=free"),
        None,
        id="course-index-filtered",
    ),
    pytest.param(
        both_languages("/courses/?q=zzzz-no-such-course"),
        None,
        id="course-index-no-results",
    ),
    pytest.param(COURSE_PAGES, None, id="course-page"),
    pytest.param(both_languages("/facilitators/"), None, id="facilitator-index"),
    pytest.param(
        both_languages("/facilitators/dr-maren-ellery/"),
        None,
        id="facilitator-profile",
    ),
    pytest.param(both_languages(ENQUIRY_PATH), None, id="enquiry-form"),
    pytest.param(
        both_languages(ENQUIRY_PATH), submit_empty_enquiry, id="enquiry-errors"
    ),
    pytest.param(
        both_languages(ENQUIRY_PATH), submit_complete_enquiry, id="enquiry-thanks"
    ),
    pytest.param(both_languages(APPLICATION_PATH), None, id="application-form"),
    pytest.param(
        both_languages("/courses/creative-empathy-hour/join/"),
        None,
        id="drop-in-sign-up",
    ),
    pytest.param(
        both_languages(APPLICATION_PATH),
        submit_empty_application,
        id="application-errors",
    ),
    pytest.param(
        both_languages(APPLICATION_PATH),
        submit_complete_application,
        id="application-thanks",
    ),
    pytest.param(
        both_languages(BOOKING_PATH), show_booking_questions, id="booking-form"
    ),
    pytest.param(
        both_languages(BOOKING_PATH), submit_empty_booking, id="booking-errors"
    ),
]


def open_page(page: Page, url: str, status: int, step: Step) -> None:
    response = page.goto(url)
    assert response.status == status
    if step:
        step(page)


def check_page(browser, page, url, status, lang, step, shot, shot_path, request):
    """axe at 390 and 1280 px, reflow at 320 px, then axe again at 200% zoom."""
    for name, viewport in (("390px", MOBILE), ("1280px", DESKTOP)):
        page.set_viewport_size(viewport)
        open_page(page, url, status, step)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        if status == 200:
            expect(page.locator("meta[name='description']")).to_have_count(1)
        assert_no_axe_violations(page, f"{url} at {name}")
    shot("page")

    # WCAG 1.4.10: content reflows without horizontal scrolling at 320 CSS pixels.
    page.set_viewport_size(REFLOW)
    page.screenshot(path=shot_path("320px"), full_page=True)
    assert_no_horizontal_scroll(page, f"{url} at 320px")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < REFLOW["height"], f"{url}: the header fills 320px"
    expect(page.locator("h1")).to_be_visible()

    context = browser.new_context(viewport=ZOOM_200, device_scale_factor=2)
    request.addfinalizer(context.close)
    zoomed = context.new_page()
    open_page(zoomed, url, status, step)
    zoomed.screenshot(path=shot_path("zoom-200"), full_page=True)
    assert_no_horizontal_scroll(zoomed, f"{url} at 200% zoom")
    zoomed.evaluate("window.scrollTo(0, 0)")
    expect(zoomed.locator("h1")).to_be_in_viewport()
    for link in zoomed.locator("header a").all():
        expect(link).to_be_visible()
    assert_no_axe_violations(zoomed, f"{url} at 200% zoom")


@pytest.mark.parametrize(("pages", "step"), PAGE_TYPES)
def test_page_type_is_accessible_at_every_width_and_zoom(
    page, browser, site_url, quick_forms, screenshot_path, request, pages, step
):
    for path, status, lang in pages:
        label = path.strip("/").replace("/", "-").split("?")[0] or "home"
        label = f"{lang}-{label}"

        def shot(step_name: str, label: str = label) -> None:
            for width_name, viewport in (("mobile", MOBILE), ("desktop", DESKTOP)):
                page.set_viewport_size(viewport)
                page.screenshot(
                    path=screenshot_path(f"{label}--{step_name}--{width_name}"),
                    full_page=True,
                )

        check_page(
            browser,
            page,
            site_url + path,
            status,
            lang,
            step,
            shot,
            lambda name, label=label: screenshot_path(f"{label}--{name}"),
            request,
        )


def test_follow_up_decline_page_is_accessible(
    page, browser, site_url, screenshot_path, request
):
    """The page a graduate opens from a follow-up invitation, before and after."""
    session = CourseSession.objects.filter(
        graduates_only=True, run__locale__language_code="en-gb"
    ).first()
    invitation = FollowUpInvitation.objects.create(
        course=session.run.course, session=session, email="graduate@example.org"
    )
    path = follow_up_link(invitation).removeprefix(site_url)
    for url, lang in ((path, "en-gb"), ("/cy" + path, "cy")):

        def shot(step_name: str, label: str = lang) -> None:
            page.screenshot(path=screenshot_path(f"follow-up-{label}-{step_name}"))

        check_page(
            browser,
            page,
            site_url + url,
            200,
            lang,
            None,
            shot,
            lambda name, label=lang: screenshot_path(f"follow-up-{label}--{name}"),
            request,
        )
    page.get_by_role("button", name="I cannot come to this follow-up").click()
    expect(page.get_by_role("status")).to_contain_text("you will not be reminded")
    assert_no_axe_violations(page, "follow-up declined")
