"""Keyboard use on every page: the skip link comes first and focus is always visible."""

import pytest

from tests.browser.layout import focus_styles

PAGES = [
    pytest.param("/", id="home-en"),
    pytest.param("/cy/about/", id="content-cy"),
]

ACTIVE_IS_IN_HEADER = (
    "document.querySelector('.site-header').contains(document.activeElement)"
)


@pytest.mark.parametrize("path", PAGES)
def test_skip_link_is_first_visible_and_moves_focus_to_main(
    page, site_url, screenshot, path
):
    page.goto(site_url + path)
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("el => el === document.activeElement")
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0
    assert skip_link.is_visible()
    screenshot("skip-link-focused")

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.keyboard.press("Tab")
    assert not page.evaluate(ACTIVE_IS_IN_HEADER), "Tab went back into the header"


@pytest.mark.parametrize("path", PAGES)
def test_every_focusable_element_shows_focus(page, site_url, screenshot, path):
    page.goto(site_url + path)
    focusable = page.evaluate(
        """() => [...document.querySelectorAll("a[href], button, input, select, textarea")]
            .filter(el => el.getClientRects().length || el.classList.contains("skip-link"))
            .map((el, index) => { el.dataset.focusIndex = index; return index; })"""
    )
    unfocused = {}
    for index in focusable:
        element = page.locator(f"[data-focus-index='{index}']")
        unfocused[index] = element.evaluate(
            """el => {
                const style = getComputedStyle(el);
                return {outline: "none", boxShadow: style.boxShadow,
                        background: style.backgroundColor};
            }"""
        )

    reached = []
    for _ in focusable:
        page.keyboard.press("Tab")
        index = page.evaluate("document.activeElement.dataset.focusIndex")
        if index is None:
            break
        focused = focus_styles(page)
        changed = [key for key in focused if focused[key] != unfocused[int(index)][key]]
        label = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
        assert changed, f"No visible focus indicator on {label}"
        reached.append(int(index))
        if len(reached) == 2:
            screenshot("link-focused")
    assert sorted(reached) == sorted(focusable), "Tab did not reach every control"
