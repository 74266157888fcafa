"""Whose places a member of staff may decide: communications staff every course's,
facilitators only the courses they lead."""

from django.db.models import QuerySet
from wagtail.models import Locale

from courses.models import CourseFacilitator, CoursePage, CourseRun
from forms_app.reach import is_facilitator

DECIDE_PERMISSION = "places.decide_place"


def courses_for_user(user, permission: str = DECIDE_PERMISSION) -> QuerySet:
    """Courses, in the default language, this user may act on with the permission.

    Deciding places by default; registers and certificates ask with their own.
    """
    courses = CoursePage.objects.filter(locale=Locale.get_default())
    if not user.has_perm(permission):
        return courses.none()
    if user.is_superuser or not is_facilitator(user):
        return courses
    led = CourseFacilitator.objects.filter(facilitator__user=user).values("course_id")
    keys = CoursePage.objects.filter(pk__in=led).values("translation_key")
    return courses.filter(translation_key__in=keys)


def runs_for_user(user) -> QuerySet:
    """Source-language runs (where places are recorded) of the user's courses."""
    return CourseRun.objects.filter(course__in=courses_for_user(user))


def may_decide_on(user, run: CourseRun) -> bool:
    return runs_for_user(user).filter(pk=run.pk).exists()
