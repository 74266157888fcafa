"""Staff invite a facilitator: a linked login and an email with a set-password link."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from facilitators.models import FacilitatorPage
from facilitators.permissions import FACILITATORS_GROUP
from tests.factories.facilitators import FacilitatorPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unlinked_profile(index) -> FacilitatorPage:
    profile = FacilitatorPageFactory(parent=index, title="Dr Priya Halden")
    profile.save_revision().publish()
    return profile


def link_in(message) -> str:
    return re.search(r"http://testserver/admin/password_reset/\S+", message.body)[0]


def test_command_links_a_new_login_and_emails_a_password_link(
    unlinked_profile, client, mailoutbox
):
    out = StringIO()
    call_command(
        "invite_facilitator", unlinked_profile.pk, "Priya@Example.org", stdout=out
    )
    assert "Invited Priya@Example.org" in out.getvalue()
    user = get_user_model().objects.get(email="Priya@Example.org")
    assert user.username == "priya@example.org"
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [FACILITATORS_GROUP]
    unlinked_profile.refresh_from_db()
    assert (unlinked_profile.user, unlinked_profile.owner) == (user, user)

    [message] = mailoutbox
    assert message.to == ["Priya@Example.org"]
    assert "Set up your login" in message.subject
    assert "Hello Dr Priya Halden," in message.body
    assert "priya@example.org" in message.body
    assert "password:" not in message.body.lower()
    edit_url = reverse("wagtailadmin_pages:edit", args=[unlinked_profile.pk])
    assert f"http://testserver{edit_url}" in message.body

    # The link opens Wagtail's set-password form, and the new password works.
    form_page = client.get(link_in(message), follow=True)
    assert form_page.status_code == 200
    assert 'name="new_password1"' in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-fresh-Passw0rd", "new_password2": "a-fresh-Passw0rd"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-fresh-Passw0rd")
    assert client.login(username="priya@example.org", password="a-fresh-Passw0rd")
    assert client.get(edit_url).status_code == 200


def test_command_refuses_unknown_pages_and_taken_profiles(
    own_profile, unlinked_profile, facilitator, mailoutbox
):
    with pytest.raises(CommandError, match="No facilitator page"):
        call_command("invite_facilitator", 999999, "x@example.org", stdout=StringIO())
    with pytest.raises(CommandError, match="already linked to another login"):
        call_command(
            "invite_facilitator", own_profile.pk, "new@example.org", stdout=StringIO()
        )
    with pytest.raises(CommandError, match="already edits another profile"):
        call_command(
            "invite_facilitator",
            unlinked_profile.pk,
            facilitator.email,
            stdout=StringIO(),
        )
    with pytest.raises(CommandError, match="Not an email address"):
        call_command(
            "invite_facilitator", unlinked_profile.pk, "nobody", stdout=StringIO()
        )
    assert mailoutbox == []


def test_reinviting_the_same_person_sends_a_fresh_link(own_profile, mailoutbox):
    call_command(
        "invite_facilitator", own_profile.pk, "maren@example.org", stdout=StringIO()
    )
    assert [m.to for m in mailoutbox] == [["maren@example.org"]]
    assert get_user_model().objects.filter(email="maren@example.org").count() == 1


def test_staff_invite_from_the_profile_in_the_admin(
    client, communications, unlinked_profile, mailoutbox
):
    client.force_login(communications)
    edit_url = reverse("wagtailadmin_pages:edit", args=[unlinked_profile.pk])
    invite_url = reverse("facilitators_invite", args=[unlinked_profile.pk])
    assert invite_url in client.get(edit_url).content.decode()

    assert client.get(invite_url).status_code == 200
    invalid = client.post(invite_url, {"email": "not-an-address"})
    assert invalid.status_code == 200
    assert invalid.context["form"].errors["email"]
    response = client.post(invite_url, {"email": "priya@example.org"})
    assert response.status_code == 302
    assert response["Location"] == edit_url
    unlinked_profile.refresh_from_db()
    assert unlinked_profile.user.email == "priya@example.org"
    assert [m.to for m in mailoutbox] == [["priya@example.org"]]


def test_facilitators_cannot_invite(facilitator_client, own_profile, other_profile):
    for profile in (own_profile, other_profile):
        url = reverse("facilitators_invite", args=[profile.pk])
        # Wagtail answers PermissionDenied in admin URLs with a redirect home.
        assert facilitator_client.get(url)["Location"] == "/admin/"
        response = facilitator_client.post(url, {"email": "friend@example.org"})
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not get_user_model().objects.filter(email="friend@example.org").exists()
    edit_url = reverse("wagtailadmin_pages:edit", args=[own_profile.pk])
    page = facilitator_client.get(edit_url).content.decode()
    assert reverse("facilitators_invite", args=[own_profile.pk]) not in page
