"""Every public page type passes axe-core, reflows at 320 px and survives 200% zoom."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.browser.layout import (
    DESKTOP,
    MOBILE,
    REFLOW,
    ZOOM_200,
    assert_no_horizontal_scroll,
)

# (path, expected status, expected <html lang>) for each page type in both languages.
PAGES = [
    pytest.param("/", 200, "en-gb", id="home-en"),
    pytest.param("/cy/", 200, "cy", id="home-cy"),
    pytest.param("/about/", 200, "en-gb", id="content-en"),
    pytest.param("/cy/about/", 200, "cy", id="content-cy"),
    pytest.param("/no-such-page/", 404, "en-gb", id="not-found-en"),
    pytest.param("/cy/no-such-page/", 404, "cy", id="not-found-cy"),
]


@pytest.mark.parametrize(("path", "status", "lang"), PAGES)
def test_page_has_no_axe_violations(page, site_url, screenshot, path, status, lang):
    for name, viewport in (("390px", MOBILE), ("1280px", DESKTOP)):
        page.set_viewport_size(viewport)
        response = page.goto(site_url + path)
        assert response.status == status
        expect(page.locator("html")).to_have_attribute("lang", lang)
        if status == 200:
            expect(page.locator("meta[name='description']")).to_have_count(1)
        assert_no_axe_violations(page, f"{path} at {name}")
    screenshot("page")


@pytest.mark.parametrize(("path", "status", "lang"), PAGES)
def test_page_reflows_at_320px(page, site_url, screenshot_path, path, status, lang):
    page.set_viewport_size(REFLOW)
    page.goto(site_url + path)
    page.screenshot(path=screenshot_path("320px"), full_page=True)
    assert_no_horizontal_scroll(page, f"{path} at 320px")
    expect(page.locator("h1")).to_be_in_viewport()


@pytest.mark.parametrize(("path", "status", "lang"), PAGES)
def test_page_is_usable_at_200_percent_zoom(
    browser, site_url, request, screenshot_path, path, status, lang
):
    context = browser.new_context(viewport=ZOOM_200, device_scale_factor=2)
    request.addfinalizer(context.close)
    zoomed = context.new_page()
    zoomed.goto(site_url + path)
    zoomed.screenshot(path=screenshot_path("zoom-200"), full_page=True)
    assert_no_horizontal_scroll(zoomed, f"{path} at 200% zoom")
    expect(zoomed.locator("h1")).to_be_in_viewport()
    for link in zoomed.locator("header a").all():
        expect(link).to_be_visible()
    assert_no_axe_violations(zoomed, f"{path} at 200% zoom")
