"""Bulk "Publish" from the page listing runs the course editor's publish checks."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses.models import CoursePage
from tests.courses.test_admin import SOON, post_course, run, session_on

pytestmark = pytest.mark.django_db


def draft_course(client, parent, slug: str, **fields) -> CoursePage:
    response = post_course(client, parent, action="action-save", slug=slug, **fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    return CoursePage.objects.get(slug=slug)


def bulk_publish(client, *pages, include_descendants: bool = False):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    query = "&".join(f"id={page.pk}" for page in pages)
    data = {"include_descendants": "on"} if include_descendants else {}
    return client.post(f"{url}?{query}&next=/admin/pages/", data)


def test_bulk_publish_refuses_a_course_its_editor_would_refuse(
    admin_client, course_index
):
    # Two hours of sessions cannot give twelve CPD hours; a draft may say so for now.
    unfit = draft_course(
        admin_client,
        course_index,
        "unfit-course",
        runs=[run(sessions=[session_on(SOON)])],
        cpd_hours="12",
    )
    fit = draft_course(
        admin_client,
        course_index,
        "fit-course",
        runs=[run(title="Autumn cohort", sessions=[session_on(SOON)])],
        cpd_hours="2",
    )

    response = bulk_publish(admin_client, unfit, fit)

    assert response.status_code == 302
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Nothing was published" in shown
    assert "12 CPD hours is more than the 2 hours of sessions in any run." in shown
    assert not CoursePage.objects.filter(
        live=True, slug__in=["unfit-course", "fit-course"]
    )


def test_bulk_publish_checks_courses_below_the_chosen_page(admin_client, course_index):
    course = draft_course(
        admin_client,
        course_index,
        "needs-a-form",
        runs=[run(sessions=[session_on(SOON)])],
        cpd_hours="",
        participation="apply",
    )
    response = bulk_publish(admin_client, course_index, include_descendants=True)
    assert response.status_code == 302
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Add an application form below this course" in shown
    course.refresh_from_db()
    assert not course.live


def test_bulk_publish_still_publishes_a_sound_course(admin_client, course_index):
    course = draft_course(
        admin_client,
        course_index,
        "sound-course",
        runs=[run(sessions=[session_on(SOON)])],
        cpd_hours="2",
    )
    assert bulk_publish(admin_client, course).status_code == 302
    course.refresh_from_db()
    assert course.live
