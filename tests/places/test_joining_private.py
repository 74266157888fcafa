"""Joining details never reach a public response, in English or Welsh."""

import re

import pytest
from django.test import Client

from courses.demo.offerings import DEMO_DIRECTIONS, DEMO_MEETING_LINK, DEMO_PASSCODE
from courses.models import CourseIndexPage, CoursePage, CourseSession
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.forms_app import (
    ApplicationFormFieldFactory,
    ApplicationFormPageFactory,
)
from tests.support.translation import welsh

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.net/j/81234567?pwd=SecretRoomToken"
PASSCODE = "Heron-4417"
DIRECTIONS = "Side door by the bike racks, code 2580"
SECRETS = (LINK, "meet.example.net", "SecretRoomToken", PASSCODE, "2580#", DIRECTIONS)


@pytest.fixture
def course(home_page):
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Listening well")
    run = CourseRunFactory(course=course, title="Spring cohort")
    CourseSessionFactory(run=run, joining_link=LINK, joining_passcode=PASSCODE)
    CourseSessionFactory(
        run=run,
        format="in_person",
        platform="",
        room="GDC 1.38",
        building="George Davies Centre",
        joining_directions=DIRECTIONS,
    )
    form = ApplicationFormPageFactory(parent=course, slug="apply", title="Apply")
    ApplicationFormFieldFactory(page=form, label="Current role", required=True)
    form.save_revision().publish()
    course.form_page = form
    course.save_revision().publish()
    return course


def public_addresses(course, form, visitor: Client) -> list[str]:
    """Every public address of the course: pages, calendars, list, form, sitemap."""
    index = course.get_parent()
    addresses = [course.url, index.url, form.url, "/sitemap.xml"]
    addresses.append(f"{index.url}calendar/")
    for run in course.runs.all():
        addresses.append(f"{course.url}runs/{run.pk}/calendar/")
        for session in run.sessions.all():
            addresses.append(f"{course.url}sessions/{session.uid}/calendar/")
    html = visitor.get(course.url).content.decode()
    addresses += sorted(set(re.findall(r'href="(/[^"]*\.ics|/[^"]*calendar/)"', html)))
    return addresses


def assert_no_secrets(visitor: Client, addresses: list[str]) -> int:
    fetched = 0
    for address in addresses:
        response = visitor.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, (address, secret)
        fetched += 1
    return fetched


def test_joining_details_appear_in_no_public_response(editor, course, home_page):
    editor.submit(home_page, "cy", include_subtree=False)
    editor.submit(course.get_parent(), "cy", include_subtree=True)
    welsh_course = welsh(course)
    for page in (welsh(home_page), welsh(course.get_parent()), welsh_course):
        editor.publish(page)
    editor.publish(welsh(course.form_page))
    welsh_course = welsh(course)
    # The Welsh sessions carry the details too: people booking in Welsh need them.
    welsh_sessions = CourseSession.objects.filter(run__course=welsh_course)
    assert {s.joining_link for s in welsh_sessions} == {LINK, ""}

    visitor = Client()
    english = public_addresses(course, course.form_page, visitor)
    cymraeg = public_addresses(welsh_course, welsh(course.form_page), visitor)
    assert all(address.startswith("/cy/") for address in cymraeg[:3])
    assert assert_no_secrets(visitor, english + cymraeg) >= 14
    html = visitor.get(course.url).content.decode()
    assert "application/ld+json" in html
    assert "GDC 1.38" in html  # the public place of the session is still shown


def test_translators_are_not_offered_the_joining_details(editor, course, home_page):
    editor.submit(home_page, "cy", include_subtree=False)
    editor.submit(course.get_parent(), "cy", include_subtree=False)
    editor.submit(course, "cy", include_subtree=False)
    sources = [segment["source"] for segment in editor.segments(welsh(course))]
    assert "Listening well" in sources
    assert not [s for s in sources if any(secret in s for secret in SECRETS)]


def test_demo_site_shows_its_joining_details_nowhere(client, settings, demo_site):
    settings.ALLOWED_HOSTS = ["*"]
    assert CourseSession.objects.exclude(joining_link="").exists()
    addresses = ["/sitemap.xml"]
    for index in CourseIndexPage.objects.live():
        addresses += [index.url, f"{index.url}calendar/"]
    for course in CoursePage.objects.live():
        addresses.append(course.url)
        if course.form_page is not None and course.form_page.live:
            addresses.append(course.form_page.localized.url)
        for run in course.runs.all():
            addresses.append(f"{course.url}runs/{run.pk}/calendar/")
            addresses += [
                f"{course.url}sessions/{session.uid}/calendar/"
                for session in run.sessions.all()
            ]
    assert any(address.startswith("/cy/") for address in addresses)
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        for secret in (DEMO_MEETING_LINK, DEMO_PASSCODE, DEMO_DIRECTIONS):
            assert secret not in body, (address, secret)
