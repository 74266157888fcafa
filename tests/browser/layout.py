"""Layout checks for reflow and zoom, measured in the browser."""

from playwright.sync_api import Page

MOBILE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# WCAG 1.4.10: content reflows without horizontal scrolling at 320 CSS pixels.
REFLOW = {"width": 320, "height": 256}
# A 1280 px window at 200% zoom lays out in 640 CSS pixels, drawn at twice the density.
ZOOM_200 = {"width": 640, "height": 450}


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the document is wider than the viewport."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def elements_wider_than_viewport(page: Page) -> list[str]:
    """Describe the visible elements that stick out past the viewport's right edge."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll("body *")]
                .filter(el => el.getClientRects().length
                    && el.getBoundingClientRect().right > width + 1)
                .slice(0, 10)
                .map(el => el.tagName.toLowerCase()
                    + (el.id ? "#" + el.id : "")
                    + (el.className && typeof el.className === "string"
                        ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
        }"""
    )


def assert_no_horizontal_scroll(page: Page, where: str) -> None:
    overflow = horizontal_overflow(page)
    assert overflow <= 0, (
        f"{where} scrolls sideways by {overflow}px; too wide: "
        f"{elements_wider_than_viewport(page)}"
    )


def focus_styles(page: Page) -> dict[str, str]:
    """The computed styles that can show focus, for the focused element."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {
                outline: style.outlineStyle === "none" || style.outlineWidth === "0px"
                    ? "none"
                    : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
                boxShadow: style.boxShadow,
                background: style.backgroundColor,
            };
        }"""
    )
