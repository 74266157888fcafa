"""Links into the course list for templates outside courses (search, home)."""

from django import template
from wagtail.models import Locale

from courses.models import CourseIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def course_list_url(context) -> str:
    """The live course list in the visitor's language, or "" when there is none."""
    index = (
        CourseIndexPage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .first()
    )
    return index.get_url(context.get("request")) if index else ""
