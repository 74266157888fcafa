"""A facilitator's half-typed bio is autosaved as a draft; only Submit sends it."""

from playwright.sync_api import expect

from facilitators.models import FacilitatorPage
from tests.browser.editor import EDITS_WATCHED, WATCH_FOR_EDITS, autosave_carrying
from tests.browser.test_journeys import FACILITATOR, log_in

SENTENCE = "Maren now also runs reflective writing circles for hospice teams."
SUBMIT = "Submit to Facilitator profile approval"


def demo_profile() -> FacilitatorPage:
    return FacilitatorPage.objects.get(
        slug="dr-maren-ellery", locale__language_code="en-gb"
    )


def test_autosave_keeps_a_draft_until_the_facilitator_submits(
    page, site_url, screenshot
):
    log_in(page, site_url, FACILITATOR)
    page.add_init_script(WATCH_FOR_EDITS)
    page.get_by_role("link", name="Edit your profile").click()
    edit_url = page.url
    # Wagtail takes the form as it stands two seconds after loading as unedited.
    page.wait_for_function(EDITS_WATCHED)

    bio = page.locator("[data-contentpath='bio'] [contenteditable='true']")
    bio.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    with page.expect_response(autosave_carrying(SENTENCE, edit_url)) as autosave:
        page.keyboard.type(SENTENCE)
    assert autosave.value.json()["success"]
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )
    screenshot("autosaved")

    profile = demo_profile()
    assert SENTENCE in profile.get_latest_revision_as_object().bio
    assert SENTENCE not in profile.bio
    assert not profile.workflow_states.exists()
    assert profile.get_lock() is None

    # Opened afresh, the editor is neither locked nor in moderation.
    page.reload()
    expect(page.get_by_text("awaiting moderation")).to_have_count(0)
    page.get_by_role("button", name="More actions").click()
    submit = page.get_by_role("button", name=SUBMIT, exact=True)
    expect(submit).to_be_visible()
    submit.click()
    expect(page.get_by_text("has been submitted for moderation")).to_be_visible()
    screenshot("submitted")

    profile = demo_profile()
    assert profile.workflow_in_progress
    review = profile.current_workflow_task_state
    assert SENTENCE in review.revision.as_object().bio
    assert SENTENCE not in profile.bio
