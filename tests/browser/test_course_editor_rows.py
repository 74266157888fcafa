"""The course editor sends one empty session row, and every run still adds sessions.

Each run used to carry its own empty session row (a `<template>` Wagtail copies
when "Add Sessions" is pressed). The editor now sends only the one inside the
empty run row, and each run fills its own from it in the browser (decision 0028).
"""

import re
from calendar import MONDAY
from datetime import timedelta

from playwright.sync_api import Page, expect

from courses.demo.relative_dates import weekday_on_or_after
from courses.models import CourseSession
from courses.rules import in_london
from tests.browser.axe import AXE_TAGS, axe_violations, describe_violations
from tests.browser.test_journeys import ADMIN, add_session, course, log_in

RUNS = "#panel-child-content-runs_and_sessions-section"

# Every id an input's aria-describedby names, that the page lacks.
MISSING_DESCRIPTIONS = """section => [...document.querySelectorAll(`${section} [aria-describedby]`)]
    .flatMap(field => field.getAttribute("aria-describedby").split(" ")
        .filter(id => !document.getElementById(id))
        .map(id => `${field.name}: ${id}`))"""

RUN_AXE_IN = """([section, tags]) => axe.run({include: [[section]]}, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
}).then(results => results.violations)"""


def draft_session_starts(page_id: int) -> dict[str, list[str]]:
    draft = course("compassionate-leadership").get_latest_revision_as_object()
    assert draft.pk == page_id
    return {
        run.title: sorted(
            f"{in_london(s.start):%Y-%m-%d %H:%M}" for s in run.sessions.all()
        )
        for run in draft.runs.all()
    }


def test_every_run_adds_sessions_from_the_one_empty_session_row(
    page: Page, site_url, screenshot
):
    leadership = course("compassionate-leadership")
    titles = list(leadership.runs.values_list("title", flat=True))
    assert len(titles) == 2
    last = CourseSession.objects.filter(run__course=leadership).order_by("start").last()
    day = weekday_on_or_after(in_london(last.start).date() + timedelta(weeks=4), MONDAY)
    log_in(page, site_url, ADMIN)
    # Both runs' sessions opened, as each run's "Edit these … sessions" link does.
    opened = "&".join(
        f"sessions={pk}" for pk in leadership.runs.values_list("pk", flat=True)
    )
    response = page.goto(f"{site_url}/admin/pages/{leadership.pk}/edit/?{opened}")
    html = response.text()
    empty_session_rows = re.findall(
        r'name="(runs-[^"]*-sessions)-__prefix__-start"', html
    )
    assert empty_session_rows == ["runs-__prefix__-sessions"]
    before = draft_session_starts(leadership.pk)

    for offset, title in enumerate(titles):
        run = page.locator("section[id^='inline_child_runs-']").filter(
            has=page.locator(f"input[value='{title}']")
        )
        add_session(page, run, day + timedelta(days=offset), 15)
    page.get_by_role("button", name="Add runs and sessions").click()
    new_run = page.locator("#inline_child_runs-2-panel-section")
    new_run.locator("input[name='runs-2-title']").fill("Spring cohort")
    add_session(page, new_run, day + timedelta(days=7), 10)
    screenshot("sessions-added")
    assert page.evaluate(MISSING_DESCRIPTIONS, RUNS) == []
    axe_violations(page)  # loads axe-core into the page
    violations = page.evaluate(RUN_AXE_IN, [RUNS, AXE_TAGS])
    assert not violations, describe_violations(violations)

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("has been updated")).to_be_visible()
    after = draft_session_starts(leadership.pk)
    for offset, title in enumerate(titles):
        added = f"{day + timedelta(days=offset)} 15:00"
        assert after[title] == sorted([*before[title], added])
    assert after["Spring cohort"] == [f"{day + timedelta(days=7)} 10:00"]


def test_listed_sessions_pass_axe_and_open_from_their_run(
    page: Page, site_url, screenshot
):
    leadership = course("compassionate-leadership")
    cohort = leadership.runs.open_for_booking().get()
    count = cohort.sessions.count()
    log_in(page, site_url, ADMIN)
    page.goto(f"{site_url}/admin/pages/{leadership.pk}/edit/")
    run = page.locator("section[id^='inline_child_runs-']").filter(
        has=page.locator(f"input[value='{cohort.title}']")
    )
    expect(run.locator(".course-editor-sessions li")).to_have_count(count)
    expect(run.get_by_role("button", name="Add Sessions")).to_have_count(0)
    screenshot("sessions-listed")
    axe_violations(page)  # loads axe-core into the page
    violations = page.evaluate(RUN_AXE_IN, [RUNS, AXE_TAGS])
    assert not violations, describe_violations(violations)

    run.get_by_role("link", name=f"Edit these {count} sessions").click()
    expect(page).to_have_url(re.compile(rf"\?sessions={cohort.pk}#inline_child_runs-"))
    expect(run.locator("section[id*='-sessions-']")).to_have_count(count)
    expect(run.get_by_label("Number of weekly sessions")).to_be_visible()
