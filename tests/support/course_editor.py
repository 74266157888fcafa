"""Publish a course from the admin's page editor, as an editor presses Publish."""

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.models import CoursePage


def publish_course_edit(client: Client, course: CoursePage, **changes) -> HttpResponse:
    """POST the editor's form of a course with no runs or prices, changed by `changes`.

    Its facilitators are posted back as they are, so the course keeps them.
    """
    links = list(course.course_facilitators.order_by("sort_order"))
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "body": streamfield([]),
        "cpd_hours": str(course.cpd_hours or ""),
        "participation": course.participation,
        "completion": course.completion,
        "price_tiers": inline_formset([]),
        "course_facilitators": inline_formset(
            [
                {"id": str(link.pk), "facilitator": str(link.facilitator_id)}
                for link in links
            ],
            initial=len(links),
        ),
        "runs": inline_formset([]),
        "action-publish": "1",
        **changes,
    }
    edit = reverse("wagtailadmin_pages:edit", args=[course.pk])
    return client.post(edit, nested_form_data(data))
