"""Whose submissions a person may read: staff with the permission read every form's,
facilitators their own courses' application forms, and nobody else any."""

from django.db.models import Q, QuerySet
from wagtail.models import Page

from courses.models import CourseFacilitator, CoursePage
from facilitators.permissions import FACILITATORS_GROUP
from forms_app.models import ApplicationFormPage

# Editing a form page is not enough to read what applicants sent (translators edit).
READ_SUBMISSIONS_PERMISSION = "forms_app.view_submission"


def led_course_forms(user) -> QuerySet:
    """Application forms, in every language, of the courses this user leads."""
    course_ids = CourseFacilitator.objects.filter(facilitator__user=user).values(
        "course_id"
    )
    keys = CoursePage.objects.filter(pk__in=course_ids).values("translation_key")
    courses = CoursePage.objects.filter(translation_key__in=keys)
    under = Q(pk__in=[])
    for course in courses.only("path", "depth"):
        under |= Q(path__startswith=course.path, depth=course.depth + 1)
    return Page.objects.type(ApplicationFormPage).filter(under)


def is_facilitator(user) -> bool:
    """A member of the Facilitators group, whose reach is their own courses."""
    return user.is_active and user.groups.filter(name=FACILITATORS_GROUP).exists()


def scope_forms_for_user(user, pages: QuerySet) -> QuerySet:
    """Of the form pages Wagtail offers (those the user may edit), the ones whose
    submissions this user may read."""
    if user.has_perm(READ_SUBMISSIONS_PERMISSION):
        return pages
    if is_facilitator(user):
        return Page.objects.filter(pk__in=led_course_forms(user).values("pk"))
    return pages.none()
