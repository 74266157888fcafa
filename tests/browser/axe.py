"""Run axe-core in the page and report every violation in words a person can act on."""

from playwright.sync_api import Page

from tests.browser.requirements import AXE_CORE

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
AXE_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
]

RUN_AXE = """tags => axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
}).then(results => results.violations)"""


# Transitions and animations that end, jumped to their end. Axe judges colours
# as drawn: Wagtail's messages fade in over half a second, and white text on a
# red not yet opaque fails contrast. Endless ones (spinners) are left running.
SETTLE = """() => document.getAnimations()
    .filter(animation => animation.effect
        && animation.effect.getComputedTiming().endTime !== Infinity)
    .forEach(animation => animation.finish())"""


# Served from the site's own origin, so pages whose policy allows scripts from
# 'self' only still run it (an inline copy would be refused, as it should be).
AXE_URL = "/__axe-core.min.js"


def axe_violations(page: Page) -> list[dict]:
    """Return axe-core's violations for the page as it is once it stops moving."""
    page.evaluate(SETTLE)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        if not page.url.startswith("http"):
            # A page set by content has no origin and no policy: inline is fine.
            page.add_script_tag(path=str(AXE_CORE))
            return page.evaluate(RUN_AXE, AXE_TAGS)
        pattern = f"**{AXE_URL}"
        page.route(
            pattern,
            lambda route: route.fulfill(path=AXE_CORE, content_type="text/javascript"),
        )
        page.add_script_tag(url=AXE_URL)
        page.unroute(pattern)
    return page.evaluate(RUN_AXE, AXE_TAGS)


def describe_violations(violations: list[dict]) -> str:
    """One paragraph per rule: id, impact, what to do, and where it happens."""
    paragraphs = []
    for violation in violations:
        targets = [
            " ".join(str(part) for part in node["target"])
            for node in violation["nodes"]
        ]
        lines = [
            f"- {violation['id']} ({violation['impact']}): {violation['help']}",
            f"  {violation['helpUrl']}",
            *(f"  at {target}" for target in targets[:10]),
        ]
        if len(targets) > 10:
            lines.append(f"  and {len(targets) - 10} more")
        first = violation["nodes"][0].get("failureSummary", "")
        if first:
            lines.append("  " + first.replace("\n", "\n  "))
        paragraphs.append("\n".join(lines))
    return "\n".join(paragraphs)


def assert_no_axe_violations(page: Page, where: str) -> None:
    """Fail with a readable list when axe-core finds any violation of any impact."""
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {where}:\n"
        + describe_violations(violations)
    )
