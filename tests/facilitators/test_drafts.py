"""Saving a profile, by hand or by autosave, keeps a draft; only Submit sends it."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from tests.facilitators.helpers import Editor, edit_form_data

pytestmark = pytest.mark.django_db

HALF_TYPED = "Maren trains ward teams in"
FINISHED = "Maren trains ward teams in reflective practice."
SUBMIT = "Submit to Facilitator profile approval"


def paragraph(text: str) -> str:
    return f"<p>{text}</p>"


def assert_draft_only(profile, bio: str, mailoutbox) -> None:
    """The draft holds the words; no review started, nothing locked, nobody told."""
    profile.refresh_from_db()
    assert strip_tags(profile.get_latest_revision_as_object().bio) == bio
    assert strip_tags(profile.bio) != bio
    assert not profile.workflow_states.exists()
    assert profile.get_lock() is None
    assert mailoutbox == []


def test_save_draft_keeps_a_draft_without_review(
    facilitator_client, own_profile, communications, mailoutbox
):
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    response = facilitator_client.post(
        url, edit_form_data(own_profile, bio=paragraph(FINISHED))
    )
    assert response.status_code == 302
    assert_draft_only(own_profile, FINISHED, mailoutbox)


def test_autosave_keeps_a_draft_without_review(
    facilitator, own_profile, communications, mailoutbox
):
    editor = Editor(facilitator, own_profile)
    first = editor.autosave(bio=paragraph(HALF_TYPED))
    assert first["success"], first
    assert_draft_only(own_profile, HALF_TYPED, mailoutbox)
    second = editor.autosave(bio=paragraph(FINISHED))
    assert second["success"], second
    assert second["revision_id"] == first["revision_id"]
    assert_draft_only(own_profile, FINISHED, mailoutbox)


def test_editor_still_offers_submit_after_an_autosave(
    facilitator, facilitator_client, own_profile
):
    Editor(facilitator, own_profile).autosave(bio=paragraph(HALF_TYPED))
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    html = facilitator_client.get(url).content.decode()
    assert f'name="action-submit" value="{SUBMIT}"' in html
    assert "action-cancel-workflow" not in html
    assert "awaiting moderation" not in html


def test_submit_sends_the_finished_bio_not_the_autosaved_one(
    facilitator, facilitator_client, own_profile, communications, mailoutbox
):
    Editor(facilitator, own_profile).autosave(bio=paragraph(HALF_TYPED))
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    data = edit_form_data(own_profile, "action-submit", bio=paragraph(FINISHED))
    assert facilitator_client.post(url, data).status_code == 302
    own_profile.refresh_from_db()
    state = own_profile.current_workflow_task_state
    assert state.status == "in_progress"
    assert strip_tags(state.revision.as_object().bio) == FINISHED
    assert [m.to for m in mailoutbox] == [["comms@example.org"]]
