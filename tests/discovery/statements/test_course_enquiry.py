"""A course page names its own enquiry contact when set, else the site's address,
in English and in its Welsh translation (the address is synchronised)."""

import re

import pytest
from django.test import Client

from tests.discovery.statements.conftest import site_settings
from tests.support.translation import welsh

pytestmark = pytest.mark.django_db


def enquiry_line(html: str) -> str:
    match = re.search(r'<p class="course-enquiry">(.*?)</p>', html, re.DOTALL)
    assert match, "no enquiry contact on the course page"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.fixture
def contact_email(home_page):
    stored = site_settings()
    stored.contact_email = "hello@example.org"
    stored.save()


def test_the_sites_address_when_the_course_has_none(client, course, contact_email):
    html = client.get(course.url).content.decode()
    assert enquiry_line(html) == (
        "Questions about this course? Email us at hello@example.org"
    )
    assert 'href="mailto:hello@example.org"' in html


def test_the_courses_own_contact_in_english_and_welsh(course, contact_email, editor):
    course.enquiry_email = "leadership@example.org"
    course.enquiry_name = "the course administrator"
    course.save_revision().publish()
    visitor = Client()
    html = visitor.get(course.url).content.decode()
    assert enquiry_line(html) == (
        "Questions about this course? Email the course administrator at "
        "leadership@example.org"
    )
    assert 'mailto:hello@example.org">hello' not in html.split("<footer")[0]

    editor.submit(course.get_parent(), "cy", include_subtree=True)
    editor.submit(course.get_parent().get_parent(), "cy", include_subtree=False)
    editor.publish(welsh(course.get_parent().get_parent()))
    editor.publish(welsh(course.get_parent()))
    page = welsh(course)
    editor.translate(page, {"the course administrator": "gweinyddwr y cwrs"})
    editor.publish(page)
    response = visitor.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="cy"' in html
    line = enquiry_line(html)
    assert "gweinyddwr y cwrs" in line
    assert 'href="mailto:leadership@example.org"' in html
