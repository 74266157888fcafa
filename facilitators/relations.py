"""The courses a facilitator leads, read through the courses app's link when present.

The courses app lists a course's facilitators in an ordered child relation
`CoursePage.course_facilitators`; these functions find it at run time so this app
works, and its tests run, with or without that app's models.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from wagtail.models import Page


def course_link() -> tuple[type[Page], type[Model], str] | None:
    """The course model, its facilitator link model and the link's facilitator field."""
    from facilitators.models import FacilitatorPage

    try:
        course_model = apps.get_model("courses", "CoursePage")
        link_model = course_model._meta.get_field("course_facilitators").related_model
    except (LookupError, FieldDoesNotExist):
        return None
    for field in link_model._meta.get_fields():
        if field.many_to_one and field.related_model is FacilitatorPage:
            return course_model, link_model, field.name
    return None


def courses_led_by(facilitator: Page) -> list[Page]:
    """Live courses in the profile's language that list this person, in one query.

    Matched on translation_key, as a translated course may still link to the
    facilitator's page in the source language.
    """
    link = course_link()
    if link is None:
        return []
    course_model, _link_model, field_name = link
    return list(
        course_model.objects.live()
        .public()
        .filter(locale_id=facilitator.locale_id)
        .filter(
            **{
                f"course_facilitators__{field_name}__translation_key": (
                    facilitator.translation_key
                )
            }
        )
        .distinct()
        .order_by("title")
    )
