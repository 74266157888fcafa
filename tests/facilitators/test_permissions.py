"""Over HTTP against the real admin: a facilitator edits and submits only their profile."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from facilitators.models import FacilitatorPage
from tests.facilitators.conftest import linked_profile
from tests.facilitators.helpers import admin_state, edit_form_data
from tests.factories import ContentPageFactory
from tests.support.admin import assert_refused

pytestmark = pytest.mark.django_db


def denied(response) -> bool:
    """Wagtail's refusal: back to the dashboard with a reason."""
    assert_refused(response)
    return True


def test_facilitator_edits_and_submits_own_profile(
    facilitator_client, own_profile, communications, mailoutbox
):
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    assert facilitator_client.get(url).status_code == 200
    data = edit_form_data(
        own_profile, "action-submit", role="Writer and medical educator"
    )
    response = facilitator_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    own_profile.refresh_from_db()
    assert own_profile.role == "Clinical psychologist"  # live content unchanged
    assert own_profile.has_unpublished_changes
    draft = own_profile.get_latest_revision_as_object()
    assert draft.role == "Writer and medical educator"
    assert own_profile.workflow_in_progress
    assert own_profile.current_workflow_state.workflow.name == (
        "Facilitator profile approval"
    )
    assert [m.to for m in mailoutbox] == [["comms@example.org"]]


def test_publish_button_only_saves_a_draft(facilitator_client, own_profile):
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    data = edit_form_data(own_profile, "action-publish", role="Self-published role")
    facilitator_client.post(url, data)
    own_profile.refresh_from_db()
    assert own_profile.role == "Clinical psychologist"
    assert own_profile.live_revision.as_object().role == "Clinical psychologist"
    assert not FacilitatorPage.objects.filter(role="Self-published role").exists()


def test_cannot_edit_another_facilitators_profile(facilitator_client, other_profile):
    url = reverse("wagtailadmin_pages:edit", args=[other_profile.pk])
    before = admin_state()
    assert denied(facilitator_client.get(url))
    for action in ("action-submit", "action-publish", None):
        data = edit_form_data(other_profile, action, role="Hijacked")
        assert denied(facilitator_client.post(url, data))
    assert admin_state() == before


@pytest.mark.parametrize(
    "url_name",
    [
        "delete",
        "copy",
        "move",
        "unpublish",
        "history",
        "view_draft",
        "preview_on_edit",
        "usage",
        "workflow_history",
        "set_privacy",
    ],
)
def test_structural_actions_on_another_profile_are_refused(
    facilitator_client, other_profile, url_name
):
    url = reverse(f"wagtailadmin_pages:{url_name}", args=[other_profile.pk])
    before = admin_state()
    assert denied(facilitator_client.get(url))
    assert denied(facilitator_client.post(url, {"new_title": "Copy"}))
    assert admin_state() == before


@pytest.mark.parametrize("profile", ["own_profile", "other_profile"])
def test_locking_a_profile_is_refused(facilitator_client, request, profile):
    page = request.getfixturevalue(profile)
    before = admin_state()
    # Locking takes a POST only; a GET is simply not allowed.
    url = reverse("wagtailadmin_pages:lock", args=[page.pk])
    assert facilitator_client.get(url).status_code == 405
    assert denied(facilitator_client.post(url))
    page.refresh_from_db()
    assert not page.locked
    assert admin_state() == before


def test_revisions_of_another_profile_lead_only_to_a_refusal(
    facilitator_client, other_profile
):
    url = reverse("wagtailadmin_pages:revisions_index", args=[other_profile.pk])
    history = reverse("wagtailadmin_pages:history", args=[other_profile.pk])
    response = facilitator_client.get(url)
    assert (response.status_code, response["Location"]) == (302, history)
    assert denied(facilitator_client.get(history))


@pytest.mark.parametrize(
    "url_name", ["delete", "copy", "move", "unpublish", "set_privacy"]
)
def test_structural_actions_on_own_profile_are_refused(
    facilitator_client, own_profile, url_name
):
    url = reverse(f"wagtailadmin_pages:{url_name}", args=[own_profile.pk])
    before = admin_state()
    assert denied(facilitator_client.get(url))
    assert denied(facilitator_client.post(url, {"new_title": "Copy"}))
    assert admin_state() == before


def test_cannot_delete_own_profile_even_as_a_draft(facilitator_client, own_profile):
    own_profile.unpublish()
    url = reverse("wagtailadmin_pages:delete", args=[own_profile.pk])
    assert denied(facilitator_client.post(url))
    assert FacilitatorPage.objects.filter(pk=own_profile.pk).exists()


def test_cannot_revert_another_profile_to_a_revision(facilitator_client, other_profile):
    revision = other_profile.latest_revision
    url = reverse(
        "wagtailadmin_pages:revisions_revert", args=[other_profile.pk, revision.pk]
    )
    assert denied(facilitator_client.get(url))


def test_cannot_create_a_profile(facilitator_client, index):
    before = admin_state()
    add_url = reverse(
        "wagtailadmin_pages:add", args=["facilitators", "facilitatorpage", index.pk]
    )
    assert denied(facilitator_client.get(add_url))
    new = FacilitatorPage(title="Self-made Person", slug="self-made", role="Poet")
    assert denied(facilitator_client.post(add_url, edit_form_data(new)))
    chooser = reverse("wagtailadmin_pages:add_subpage", args=[index.pk])
    assert denied(facilitator_client.get(chooser))
    assert admin_state() == before


def test_cannot_edit_the_home_page_or_other_pages(facilitator_client, home_page):
    about = ContentPageFactory(parent=home_page, title="About us")
    before = admin_state()
    for page in (home_page, about, Page.objects.get(depth=1)):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert denied(facilitator_client.get(url))
        assert denied(facilitator_client.post(url, {"title": "Changed"}))
    assert admin_state() == before


@pytest.mark.parametrize(
    "path",
    [
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/settings/home/sitesettings/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/locales/",
    ],
)
def test_cannot_reach_other_admin_areas(facilitator_client, path):
    assert_refused(facilitator_client.get(path))


def test_ownership_follows_the_login_link(index, facilitator, other_facilitator):
    profile = linked_profile(index, "Priya Halden", facilitator)
    assert profile.owner == facilitator
    profile.user = other_facilitator
    profile.save()
    profile.refresh_from_db()
    assert profile.owner == other_facilitator
    # A revision drafted before the link changed must not restore the old login.
    profile.get_latest_revision().publish()
    profile.refresh_from_db()
    assert (profile.user, profile.owner) == (other_facilitator, other_facilitator)


def test_facilitators_cannot_change_their_photo_or_login(
    facilitator_client, own_profile, other_profile, other_facilitator
):
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    form = facilitator_client.get(url).context["form"]
    assert "photo" not in form.fields
    assert "user" not in form.fields
    data = edit_form_data(own_profile, "action-submit", photo=other_profile.photo_id)
    data["user"] = other_facilitator.pk
    facilitator_client.post(url, data)
    draft = FacilitatorPage.objects.get(
        pk=own_profile.pk
    ).get_latest_revision_as_object()
    assert draft.photo_id == own_profile.photo_id
    assert draft.user_id == own_profile.user_id


def test_communications_staff_choose_photos(client, communications, own_profile):
    client.force_login(communications)
    url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    form = client.get(url).context["form"]
    assert "photo" in form.fields
    assert client.get("/admin/images/chooser/").status_code == 200


def test_own_edit_page_and_listing_offer_no_structural_actions(
    facilitator_client, own_profile, index
):
    html = facilitator_client.get(
        reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    ).content.decode()
    for url_name in ("delete", "copy", "move", "unpublish"):
        assert (
            reverse(f"wagtailadmin_pages:{url_name}", args=[own_profile.pk]) not in html
        )
    listing = facilitator_client.get(reverse("wagtailadmin_explore", args=[index.pk]))
    assert listing.status_code == 200
    add_url = reverse("wagtailadmin_pages:add_subpage", args=[index.pk])
    assert add_url not in listing.content.decode()


def test_profile_listing_shows_a_facilitator_only_their_own(
    facilitator_client, client, communications, own_profile, other_profile, index
):
    url = reverse("wagtailadmin_explore", args=[index.pk])
    own_edit = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    other_edit = reverse("wagtailadmin_pages:edit", args=[other_profile.pk])

    listing = facilitator_client.get(url).content.decode()
    assert own_edit in listing
    assert "Tomos ap Rhys" not in listing and other_edit not in listing

    client.force_login(communications)
    staff_listing = client.get(url).content.decode()
    assert own_edit in staff_listing and other_edit in staff_listing
