"""Course page types: where they can be created, and what they render."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage
from courses.rules import london_zone_label
from forms_app.models import ApplicationFormPage
from home.models import ContentPage, HomePage
from tests.factories.courses import CourseRunFactory, CourseSessionFactory

pytestmark = pytest.mark.django_db


def test_creation_rules():
    assert CourseIndexPage.can_create_at(HomePage())
    assert not CourseIndexPage.can_create_at(ContentPage())
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert CoursePage.allowed_subpage_models() == [ApplicationFormPage]
    assert CourseIndexPage.max_count_per_parent == 1


def test_only_one_index_per_home(course_index, home_page):
    assert not CourseIndexPage.can_create_at(Page.objects.get(pk=home_page.pk).specific)


def test_course_page_shows_sessions_with_zone_and_status(client, course, run):
    cancelled = run.sessions.order_by("start").last()
    cancelled.status = "cancelled"
    cancelled.save()
    response = client.get(course.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Spring workshops" in html
    assert "GDC 1.38, George Davies Centre" in html
    assert "MS Teams" in html
    assert "Cancelled" in html
    for session in run.sessions.all():
        assert f">{london_zone_label(session.start)}</abbr>" in html
    assert "60% less than the standard £125" in html
    assert "max-age=300" in response["Cache-Control"]


def test_past_sessions_are_collapsed(client, course, run):
    past = timezone.now() - timedelta(days=40)
    CourseSessionFactory(run=run, start=past, end=past + timedelta(hours=3))
    html = client.get(course.url).content.decode()
    details = html.split('<details class="past-sessions">')[1].split("</details>")[0]
    assert "1 past session" in details
    assert (
        past.astimezone(timezone.get_current_timezone()).strftime("%-d %B %Y")
        in details
    )


def test_run_with_only_past_sessions_is_not_listed_as_upcoming(client, course):
    run = CourseRunFactory(course=course, title="Old cohort")
    past = timezone.now() - timedelta(days=3)
    CourseSessionFactory(run=run, start=past, end=past + timedelta(hours=1))
    html = client.get(course.url).content.decode()
    assert "Old cohort" not in html
    assert "No upcoming dates." in html
