"""The router (home/routing.py) answers as Wagtail's own routing does, in fewer queries."""

import pytest
from wagtail.models import PageViewRestriction

from home.demo.translation import translate
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory
from tests.factories.home import ContentPageFactory
from tests.support.queries import warm_get

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> tuple[int, int]:
    response, count = warm_get(client, url)
    return response.status_code, count


def test_a_deep_page_costs_the_same_queries_as_a_shallow_one(client, home_page):
    shallow = ContentPageFactory(parent=home_page, title="Shallow")
    page = shallow
    for depth in range(4):
        page = ContentPageFactory(parent=page, title=f"Level {depth}")
    status, near = queries(client, shallow.url)
    assert status == 200
    status, far = queries(client, page.url)
    assert status == 200
    assert far == near


def test_unknown_addresses_and_drafts_are_not_found(client, home_page):
    page = ContentPageFactory(parent=home_page, title="Known")
    assert client.get(page.url + "no-such-page/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_restriction_on_an_ancestor_still_asks_for_the_password(client, home_page):
    section = ContentPageFactory(parent=home_page, title="Members")
    inner = ContentPageFactory(parent=section, title="Minutes", body=[])
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get(inner.url)
    assert response.status_code == 200
    assert b'name="password"' in response.content
    assert b"Minutes</h1>" not in response.content


def test_an_alias_of_a_restricted_page_is_restricted_too(client, home_page):
    original = ContentPageFactory(parent=home_page, title="Original")
    PageViewRestriction.objects.create(
        page=original, restriction_type=PageViewRestriction.LOGIN
    )
    alias = original.create_alias(update_slug="alias-copy")
    response = client.get(alias.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_routable_addresses_and_welsh_pages_route(
    client, home_page, django_capture_on_commit_callbacks
):
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Listening Well")
    assert client.get(index.url + "feed/").status_code == 200
    for page in (home_page, index, course):
        with django_capture_on_commit_callbacks(execute=True):
            translate(page, "cy", {})
    welsh = course.get_translation(
        course.locale.__class__.objects.get(language_code="cy")
    )
    assert welsh.url.startswith("/cy/")
    response = client.get(welsh.url)
    assert response.status_code == 200
    assert response.context["page"].pk == welsh.pk
