"""The weekly generator in the real course editor: autosave never runs it, Save draft does.

Wagtail autosaves the editor's form in the background while it is typed. A
generator that ran on every autosave added its sessions again each time, and
reported "Needed to generate sessions." while the count was typed before the date.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from courses.models import CourseIndexPage, CoursePage
from courses.rules import in_london
from home.demo.site import ADMIN_PASSWORD, ADMIN_USERNAME
from tests.browser.editor import EDITS_WATCHED, WATCH_FOR_EDITS, autosave_carrying
from tests.browser.test_journeys import log_in

TITLE = "Generator Trial Course"
WEEKS = 4


def draft_session_days(title: str) -> list:
    course = CoursePage.objects.get(title=title).get_latest_revision_as_object()
    return sorted(
        in_london(session.start).date()
        for run in course.runs.all()
        for session in run.sessions.all()
    )


def test_generator_waits_for_save_draft_however_often_autosave_runs(
    page: Page, site_url, screenshot
):
    first_day = timezone.localdate() + timedelta(weeks=5)
    index = CourseIndexPage.objects.get(locale__language_code="en-gb")
    log_in(page, site_url, (ADMIN_USERNAME, ADMIN_PASSWORD))
    page.add_init_script(WATCH_FOR_EDITS)
    page.goto(f"{site_url}/admin/pages/add/courses/coursepage/{index.pk}/")
    page.wait_for_function(EDITS_WATCHED)

    page.get_by_placeholder("Page title").fill(TITLE)
    page.get_by_role("button", name="Add runs and sessions").click()
    run = page.locator("section[id^='inline_child_runs-']").last
    run.locator("input[name$='-title']").fill("Winter cohort")
    # Only the count so far: the autosave must neither fail nor generate.
    page.evaluate("window.editsWatched = false")
    with page.expect_response(autosave_carrying("Winter cohort")) as autosave:
        run.get_by_label("Number of weekly sessions").fill(str(WEEKS))
    assert autosave.value.json()["success"], autosave.value.json()
    expect(page.get_by_text("Needed to generate sessions.")).to_have_count(0)
    # The first autosave created the page; Wagtail then watches the edit form afresh.
    page.wait_for_function(EDITS_WATCHED)

    run.get_by_label("First date").fill(first_day.isoformat())
    run.get_by_label("Start time").fill("15:00")
    run.get_by_label("End time").fill("17:00")
    with page.expect_response(autosave_carrying("MS Teams")) as autosave:
        run.get_by_label("Platform").fill("MS Teams")
    assert autosave.value.json()["success"], autosave.value.json()
    assert draft_session_days(TITLE) == []
    screenshot("autosaved-generator")

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(f"Page '{TITLE}' has been updated.")).to_be_visible()
    expected = [first_day + timedelta(weeks=week) for week in range(WEEKS)]
    assert draft_session_days(TITLE) == expected

    screenshot("saved-generator")
