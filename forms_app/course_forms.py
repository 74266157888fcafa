"""Give a course that takes applications or bookings a draft form of its own."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale

from courses.models import CoursePage
from courses.participation import NEEDS_OWN_FORM
from forms_app.models import ApplicationFormField, ApplicationFormPage

# Questions every application needs; editors add the course's own in the form editor.
STARTER_QUESTIONS = [
    ("Current role", "singleline", True),
    ("Organisation", "singleline", True),
    ("Anything the facilitators should know before the course?", "multiline", False),
]


def application_form_of(course: CoursePage) -> ApplicationFormPage | None:
    """The application form beneath the course, if it has one."""
    return ApplicationFormPage.objects.child_of(course).first()


def needs_application_form(course: CoursePage) -> bool:
    """True when the course takes applications or bookings and has no form below it.

    Only in the default language: translations get their form by translating the
    course's subtree, so one added by hand would be linked to nothing.
    """
    return (
        course.participation in NEEDS_OWN_FORM
        and course.locale_id == Locale.get_default().pk
        and application_form_of(course) is None
    )


@transaction.atomic
def add_application_form(course: CoursePage, user) -> ApplicationFormPage:
    """Create a draft form beneath the course and choose it in the course's draft."""
    form = ApplicationFormPage(
        title=_("Apply for %(course)s") % {"course": course.title},
        slug="apply",
        live=False,
        owner=user,
        form_fields=[
            ApplicationFormField(label=label, field_type=kind, required=required)
            for label, kind, required in STARTER_QUESTIONS
        ],
    )
    course.add_child(instance=form)
    form.save_revision(user=user, log_action=True)
    draft = course.get_latest_revision_as_object()
    draft.form_page = form
    draft.save_revision(user=user, log_action=True)
    return form
