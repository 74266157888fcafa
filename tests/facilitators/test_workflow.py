"""Communications staff approve or reject a submitted profile; the facilitator hears."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.facilitators.helpers import edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(facilitator_client, own_profile, communications, mailoutbox):
    """The facilitator submits a new role; returns the profile's task state."""
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    data = edit_form_data(own_profile, "action-submit", role="Poet in residence")
    assert facilitator_client.post(url, data).status_code == 302
    mailoutbox.clear()
    own_profile.refresh_from_db()
    return own_profile.current_workflow_task_state


def act(user, page, action: str, task_state, comment: str = ""):
    client = Client()
    client.force_login(user)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
    )
    return client.post(url, {"comment": comment} if comment else {})


def test_approval_publishes_and_tells_the_facilitator(
    submitted, own_profile, communications, mailoutbox
):
    response = act(communications, own_profile, "approve", submitted, "Looks good.")
    assert response.status_code == 302
    own_profile.refresh_from_db()
    assert own_profile.role == "Poet in residence"
    assert not own_profile.has_unpublished_changes
    assert not own_profile.workflow_in_progress
    to_facilitator = [m for m in mailoutbox if m.to == ["maren@example.org"]]
    assert len(to_facilitator) == 1
    assert "approved" in to_facilitator[0].subject.lower()
    assert own_profile.title in to_facilitator[0].subject


def test_rejection_keeps_the_live_profile_and_sends_the_comment(
    submitted, own_profile, communications, mailoutbox
):
    act(
        communications, own_profile, "reject", submitted, "Please add your HCPC number."
    )
    own_profile.refresh_from_db()
    assert own_profile.role == "Clinical psychologist"
    assert own_profile.has_unpublished_changes
    submitted.refresh_from_db()
    assert submitted.status == "rejected"
    to_facilitator = [m for m in mailoutbox if m.to == ["maren@example.org"]]
    assert len(to_facilitator) == 1
    assert "Please add your HCPC number." in to_facilitator[0].body


def test_facilitators_cannot_approve_their_own_submission(
    submitted, own_profile, facilitator
):
    act(facilitator, own_profile, "approve", submitted)
    own_profile.refresh_from_db()
    assert own_profile.role == "Clinical psychologist"
    assert own_profile.workflow_in_progress


def test_communications_staff_can_open_the_profile_in_review(
    submitted, own_profile, communications
):
    client = Client()
    client.force_login(communications)
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    assert client.get(url).status_code == 200


def test_profile_is_locked_to_the_facilitator_during_review(
    submitted, facilitator_client, own_profile, communications
):
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    revision = own_profile.get_latest_revision()
    facilitator_client.post(url, edit_form_data(own_profile, role="Unreviewed"))
    own_profile.refresh_from_db()
    assert own_profile.get_latest_revision() == revision
    act(communications, own_profile, "approve", submitted)
    own_profile.refresh_from_db()
    assert own_profile.role == "Poet in residence"


def test_resubmitting_after_changes_were_requested_resumes_review(
    submitted, facilitator_client, own_profile, communications, mailoutbox
):
    act(communications, own_profile, "reject", submitted, "Shorter, please.")
    mailoutbox.clear()
    review = own_profile.current_workflow_state
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    facilitator_client.post(url, edit_form_data(own_profile, role="Poe"))
    review.refresh_from_db()
    assert review.status == "needs_changes"  # a saved draft is not a resubmission
    assert mailoutbox == []
    html = facilitator_client.get(url).content.decode()
    assert "Resubmit to Communications approval" in html

    data = edit_form_data(own_profile, "action-submit", role="Poet")
    assert facilitator_client.post(url, data).status_code == 302
    own_profile.refresh_from_db()
    assert own_profile.current_workflow_state == review
    state = own_profile.current_workflow_task_state
    assert state.status == "in_progress"
    assert state.revision == own_profile.get_latest_revision()
    act(communications, own_profile, "approve", state)
    own_profile.refresh_from_db()
    assert own_profile.role == "Poet"


def test_dashboard_shows_the_facilitator_their_profile_and_its_status(
    facilitator_client, own_profile, communications
):
    edit_url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    html = facilitator_client.get("/admin/").content.decode()
    assert "Your facilitator profile" in html
    assert f'href="{edit_url}"' in html
    assert "up to date on the website" in html
    facilitator_client.post(edit_url, edit_form_data(own_profile, role="Poet"))
    html = facilitator_client.get("/admin/").content.decode()
    assert "not been sent for approval" in html
    data = edit_form_data(own_profile, "action-submit", role="Poet")
    facilitator_client.post(edit_url, data)
    html = facilitator_client.get("/admin/").content.decode()
    assert "waiting for approval" in html
