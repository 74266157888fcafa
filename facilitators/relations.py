"""The courses a facilitator leads, read through the courses app's link when present."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from wagtail.models import Page


def courses_led_by(facilitator: Page) -> list[Page]:
    """Live course pages listing this facilitator, in one query; empty without courses."""
    try:
        course_model = apps.get_model("courses", "CoursePage")
        link_model = course_model._meta.get_field("course_facilitators").related_model
    except (LookupError, FieldDoesNotExist):
        return []
    link_field = next(
        (
            field.name
            for field in link_model._meta.get_fields()
            if field.many_to_one
            and field.related_model is not None
            and isinstance(facilitator, field.related_model)
        ),
        None,
    )
    if link_field is None:
        return []
    return list(
        course_model.objects.live()
        .public()
        .filter(**{f"course_facilitators__{link_field}": facilitator})
        .distinct()
        .order_by("title")
    )
