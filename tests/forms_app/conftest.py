"""A published enquiry form with routing rules, and helpers to post it like a browser."""

import time

import pytest
from wagtail.models import Site

from forms_app.spam import issue_form_token
from home.models import SiteSettings
from tests.factories.forms_app import (
    EnquiryFormFieldFactory,
    EnquiryFormPageFactory,
    EnquiryRoutingRuleFactory,
)
from tests.factories.home import ContentPageFactory


@pytest.fixture
def privacy_page(home_page):
    page = ContentPageFactory(parent=home_page, title="Privacy notice", slug="privacy")
    page.save_revision().publish()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = page
    settings.operations_email = "operations@example.org"
    settings.save()
    return page


@pytest.fixture
def enquiry_page(home_page, privacy_page):
    page = EnquiryFormPageFactory(
        parent=home_page, slug="enquiry", title="Bespoke enquiry"
    )
    EnquiryFormFieldFactory(
        page=page,
        label="Type of team",
        field_type="dropdown",
        choices="Acute ward\nDementia care\nCommunity",
        required=True,
    )
    EnquiryFormFieldFactory(
        page=page, label="Format", field_type="radio", choices="Online\nIn person"
    )
    EnquiryFormFieldFactory(page=page, label="Message", field_type="multiline")
    EnquiryRoutingRuleFactory(
        page=page, field_name="type_of_team", value="Dementia care"
    )
    EnquiryRoutingRuleFactory(
        page=page, field_name="format", value="In person", address="venues@example.org"
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def form_data(**overrides) -> dict:
    """A valid POST body with a form token issued a minute ago."""
    data = {
        "contact_name": "Asha Patel",
        "contact_email": "asha@example.org",
        "type_of_team": "Dementia care",
        "format": "Online",
        "message": "We are a team of twelve.",
        "website": "",
        "form_token": issue_form_token(time.time() - 60),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def post_form(client, django_capture_on_commit_callbacks):
    """POST to a form page and run the emails queued on commit, as a worker would."""

    def _post(page, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(page.url, data, **extra)

    return _post
