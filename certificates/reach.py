"""Whose registers a member of staff may keep: communications staff every course's,
facilitators only the courses they lead (the same rule as deciding places)."""

from django.db.models import QuerySet

from courses.models import CourseRun
from places.reach import courses_for_user

REGISTER_PERMISSION = "certificates.keep_register"
ISSUE_PERMISSION = "certificates.issue_certificate"


def runs_for_user(user, permission: str = REGISTER_PERMISSION) -> QuerySet:
    """Source-language runs (where registers are kept) of the user's courses."""
    return CourseRun.objects.filter(course__in=courses_for_user(user, permission))


def may_keep_register(user, run: CourseRun) -> bool:
    return runs_for_user(user).filter(pk=run.pk).exists()
