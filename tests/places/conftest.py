"""Fixtures shared with the form tests: the privacy page and posting a form."""

from tests.forms_app.conftest import post_form, privacy_page  # noqa: F401
