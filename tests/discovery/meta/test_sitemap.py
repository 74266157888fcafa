"""The sitemap lists every public page in both languages, each with its alternates."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.demo.translation import translate
from tests.factories.courses import CoursePageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "http://testserver"


def entries(client) -> dict[str, dict[str, str]]:
    """Each <loc> with its alternates by hreflang."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314  # nosec B314 (our own response)
    assert root.tag == f"{SITEMAP}urlset"
    result = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        assert loc not in result, f"listed twice: {loc}"
        links = url.findall(f"{XHTML}link")
        assert all(link.get("rel") == "alternate" for link in links)
        result[loc] = {link.get("hreflang"): link.get("href") for link in links}
    return result


def test_each_course_lists_its_other_language_and_x_default(
    client, home_page, course, welsh_course
):
    english, welsh = BASE + course.url, BASE + welsh_course.url
    listed = entries(client)
    both = {"en-GB": english, "cy": welsh, "x-default": english}
    assert listed[english] == both
    assert listed[welsh] == both
    # The Welsh tree is listed too, home page first of all.
    assert BASE + "/cy/" in listed and BASE + "/" in listed
    assert listed[BASE + "/cy/"]["en-GB"] == BASE + "/"


def test_english_only_page_has_itself_and_x_default(client, course):
    english = BASE + course.url
    assert entries(client)[english] == {"en-GB": english, "x-default": english}


def test_unpublished_and_private_pages_are_absent(
    client, course_index, course, welsh_course
):
    draft = CoursePageFactory(parent=course_index, title="Draft", slug="draft")
    draft.unpublish()
    private = CoursePageFactory(parent=course_index, title="Staff", slug="staff")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    welsh_course.refresh_from_db()
    welsh_course.unpublish()
    listed = entries(client)
    assert BASE + draft.url not in listed
    assert BASE + private.url not in listed
    assert BASE + welsh_course.url not in listed
    # Nor named as an alternate of the English course.
    english = BASE + course.url
    assert listed[english] == {"en-GB": english, "x-default": english}


def test_query_count_does_not_grow_with_pages(
    client,
    home_page,
    course_index,
    course,
    welsh_course,
    django_capture_on_commit_callbacks,
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            entries(client)
        return len(queries)

    # Counted warm, as a running server answers: the first request fills Wagtail's
    # cached site root paths.
    entries(client)
    few = count()
    for number in range(4):
        extra = CoursePageFactory(
            parent=course_index, title=f"Extra {number}", slug=f"extra-{number}"
        )
        with django_capture_on_commit_callbacks(execute=True):
            translate(extra, "cy", {})
    assert len(entries(client)) == 6 + 8
    assert count() == few
