"""The thank-you page, reached by a real POST, carries the site's security headers."""

import pytest

from tests.forms_app.conftest import form_data
from tests.support.headers import assert_security_headers, inline_code

pytestmark = pytest.mark.django_db


def test_thank_you_page_has_the_policy_and_no_inline_code(
    client, enquiry_page, post_form
):
    response = post_form(enquiry_page, form_data())
    assert response.status_code == 302
    assert_security_headers(response)
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert_security_headers(thanks)
    assert inline_code(thanks.content.decode()) == []
