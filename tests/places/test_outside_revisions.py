"""Places live outside page revisions: publishing, reverting and copying keep them."""

from datetime import timedelta

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.models import CoursePage, CourseRun
from courses.rules import in_london
from places.models import Place
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.support.places import take_places

pytestmark = pytest.mark.django_db


def add_run(course, title: str, days: int, capacity: int = 10) -> CourseRun:
    run = CourseRunFactory(course=course, title=title, capacity=capacity)
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=days)
    CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=2))
    return run


@pytest.fixture
def course(home_page):
    index = CourseIndexPageFactory(parent=home_page)
    page = CoursePageFactory(parent=index, title="Compassionate Leadership Training")
    add_run(page, "Spring cohort", 20)
    page.save_revision().publish()
    return CoursePage.objects.get(pk=page.pk)


def edit_form(course: CoursePage, runs: list[CourseRun], **fields) -> dict:
    """The course editor's POST with exactly these runs, as a revert would show it."""

    def session_rows(run):
        return inline_formset(
            [
                {
                    "id": str(s.pk),
                    "start": f"{in_london(s.start):%Y-%m-%d %H:%M}",
                    "end": f"{in_london(s.end):%Y-%m-%d %H:%M}",
                    "format": s.format,
                    "status": s.status,
                    "room": s.room,
                    "building": s.building,
                    "platform": s.platform,
                }
                for s in run.sessions.all()
            ],
            initial=run.sessions.count(),
        )

    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "body": streamfield([]),
        "cpd_hours": "",
        "participation": "join",
        "completion": "all",
        "price_tiers": inline_formset([]),
        "course_facilitators": inline_formset([]),
        "runs": inline_formset(
            [
                {
                    "id": str(run.pk),
                    "title": run.title,
                    "notes": run.notes,
                    "bookable": "on",
                    "capacity": str(run.capacity or ""),
                    "generate_format": "online",
                    "sessions": session_rows(run),
                }
                for run in runs
            ],
            initial=len(runs),
        ),
        "action-publish": "1",
    }
    data.update(fields)
    return nested_form_data(data)


def test_reverting_to_a_revision_without_a_run_that_holds_places_is_refused(
    admin_client, course
):
    without_autumn = course.latest_revision
    autumn = add_run(course, "Autumn cohort", 60, capacity=3)
    course.save_revision().publish()
    take_places(autumn, 2)

    # The admin's revert shows the old revision in the editor; publishing it posts
    # the form, without the autumn run, back to the revert address.
    revert = reverse(
        "wagtailadmin_pages:revisions_revert", args=[course.pk, without_autumn.pk]
    )
    assert admin_client.get(revert).status_code == 200
    spring = CourseRun.objects.get(title="Spring cohort")
    response = admin_client.post(revert, edit_form(course, [spring]))

    assert response.status_code == 200
    assert (
        "“Autumn cohort” has places, registers or certificates, so it cannot be removed."
        in (response.content.decode())
    )
    assert CourseRun.objects.filter(pk=autumn.pk).exists()
    assert Place.objects.filter(run=autumn).count() == 2
    assert CourseRun.objects.get(pk=autumn.pk).places_left == 1


def test_publishing_an_old_revision_outside_the_editor_cannot_delete_places(course):
    without_autumn = course.latest_revision
    autumn = add_run(course, "Autumn cohort", 60, capacity=3)
    course.save_revision().publish()
    take_places(autumn, 2)

    # Scheduled publishing and workflow approval publish a revision directly.
    with pytest.raises(ProtectedError):
        without_autumn.publish()

    assert Place.objects.filter(run=autumn).count() == 2
    assert CourseRun.objects.filter(pk=autumn.pk).exists()


def test_a_reverted_course_revision_leaves_every_place_intact(admin_client, course):
    spring = CourseRun.objects.get(title="Spring cohort")
    take_places(spring, 4)
    first = course.latest_revision
    admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        edit_form(course, [spring], title="Compassionate Leadership (renamed)"),
    )
    assert Page.objects.get(pk=course.pk).title == "Compassionate Leadership (renamed)"

    revert = reverse("wagtailadmin_pages:revisions_revert", args=[course.pk, first.pk])
    assert admin_client.get(revert).status_code == 200
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        edit_form(course, [spring], title=first.as_object().title),
    )

    assert response.status_code == 302
    assert Page.objects.get(pk=course.pk).title == "Compassionate Leadership Training"
    assert Place.objects.filter(run=spring).count() == 4
    assert CourseRun.objects.get(pk=spring.pk).places_left == 6
    # Publishing the first revision directly keeps them too: its runs are the same.
    first.publish()
    assert Place.objects.filter(run=spring).count() == 4


def test_copying_a_course_leaves_its_places_on_the_original(admin_client, course):
    spring = CourseRun.objects.get(title="Spring cohort")
    take_places(spring, 3)

    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[course.pk]),
        {
            "new_title": "Compassionate Leadership (copy)",
            "new_slug": "compassionate-leadership-copy",
            "new_parent_page": str(course.get_parent().pk),
            "copy_subpages": "",
            "publish_copies": "on",
        },
    )

    assert response.status_code == 302
    copy = CoursePage.objects.get(slug="compassionate-leadership-copy")
    copied_run = copy.runs.get()
    assert copied_run.pk != spring.pk
    assert copied_run.places_left == 10
    assert Place.objects.filter(run=spring).count() == 3
    assert CourseRun.objects.get(pk=spring.pk).places_left == 7
