"""Creating a form page: an autosave and an in-flight publish racing for one slug."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from forms_app.models import EnquiryFormPage
from forms_app.panels import RoutingPageForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db) -> Client:
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def create_data(**extra) -> dict:
    data = nested_form_data(
        {
            "title": "Book a team session",
            "slug": "book-a-team-session",
            "intro": "Tell us about your team.",
            "thank_you_text": "We reply within two working days.",
            "team_addresses": "team@example.org",
            "retention_days": "365",
            "form_fields": inline_formset([]),
            "routing_rules": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )
    return {k: v for k, v in data.items() if v != ""}


def test_publish_that_loses_the_race_to_autosave_shows_the_slug_error(
    editor, home_page, monkeypatch
):
    url = reverse(
        "wagtailadmin_pages:add", args=("forms_app", "enquiryformpage", home_page.pk)
    )
    autosaves: list = []
    original_is_valid = RoutingPageForm.is_valid

    def autosave_lands_after_validation(form) -> bool:
        valid = original_is_valid(form)
        # The publish has passed validation; the autosave creates the page now.
        if not autosaves:
            autosaves.append(None)
            autosaves[0] = editor.post(
                url, create_data(), headers={"Accept": "application/json"}
            )
        return valid

    monkeypatch.setattr(RoutingPageForm, "is_valid", autosave_lands_after_validation)
    publish = editor.post(url, create_data(**{"action-publish": "1"}))

    assert autosaves[0].json()["success"] is True
    assert publish.status_code == 200
    assert publish.context["form"].errors == {
        "slug": [
            "The slug 'book-a-team-session' is already in use within the parent "
            "page at '/'."
        ]
    }
    page = EnquiryFormPage.objects.get()
    assert (page.slug, page.team_addresses) == (
        "book-a-team-session",
        "team@example.org",
    )
    assert not page.live
