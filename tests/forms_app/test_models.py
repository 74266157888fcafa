"""Editor-side rules on form fields and the form page's place in the tree."""

import pytest
from django.core.exceptions import ValidationError

from forms_app.models import EnquiryFormField, EnquiryFormPage
from home.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("label", "field_type"),
    [("Contact name", "singleline"), ("Secret", "hidden")],
)
def test_reserved_names_and_hidden_fields_are_refused(enquiry_page, label, field_type):
    field = EnquiryFormField(page=enquiry_page, label=label, field_type=field_type)
    with pytest.raises(ValidationError):
        field.clean()


def test_enquiry_form_lives_under_the_home_page():
    assert EnquiryFormPage.can_create_at(HomePage())
    assert not EnquiryFormPage.can_create_at(ContentPage())


def test_every_field_is_bounded(enquiry_page):
    form = enquiry_page.get_form(page=enquiry_page, user=None)
    for name, field in form.fields.items():
        if hasattr(field, "max_length"):
            assert field.max_length, name
