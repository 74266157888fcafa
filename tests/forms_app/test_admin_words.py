"""What editors read in the admin: plain names for things, never internal labels."""

import html

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client

from tests.forms_app.test_admin import editor_client

PROJECT_APPS = {"home", "courses", "facilitators", "forms_app"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db) -> Client:
    user = get_user_model().objects.create_superuser(
        "words", "words@example.org", "pw-words-123"
    )
    client = Client()
    client.force_login(user)
    return client


def test_every_model_names_itself_in_plain_words():
    unnamed = sorted(
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        and not {"verbose_name", "verbose_name_plural"}
        <= set(model._meta.original_attrs)
    )
    assert not unnamed, f"Give a verbose_name and verbose_name_plural to: {unnamed}"


def test_forms_list_names_each_form_type_without_its_internal_label(
    staff, enquiry_page
):
    text = html.unescape(staff.get("/admin/forms/").content.decode())
    assert "Enquiry form" in text
    assert "forms_app." not in text
    assert "enquiryformpage" not in text


def test_form_editor_explains_the_question_key_and_shows_each_key(
    home_page, enquiry_page
):
    client = editor_client(home_page, routing=True)
    text = html.unescape(
        client.get(f"/admin/pages/{enquiry_page.pk}/edit/").content.decode()
    )
    assert "Answer key" in text
    assert "type_of_team" in text.split('id="inline_child_form_fields-0"')[1]
    assert "Copy it from the question's “Answer key”" in text
