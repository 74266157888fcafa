"""How visitors take part in a course, and which form page each way needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import Page

# Page types the course's form chooser offers, named so courses never imports them.
FORM_PAGE_TYPES = ["forms_app.ApplicationFormPage", "forms_app.EnquiryFormPage"]


class Participation(models.TextChoices):
    BOOK = "book", _("Book a place")
    APPLY = "apply", _("Apply")
    ENQUIRE = "enquire", _("Enquire")
    JOIN = "join", _("Just join")


NEEDS_OWN_FORM = {Participation.APPLY, Participation.BOOK}
# Ways whose form, when there is one, must be the course's own: a drop-in may have
# a sign-up form below it, or none (visitors then simply turn up).
OWN_FORM = NEEDS_OWN_FORM | {Participation.JOIN}


def form_page_problem(
    participation: str, form_page: Page | None, course: Page
) -> str | None:
    """Why the course cannot be published with this form page, or None if it can."""
    if participation == Participation.JOIN and form_page is None:
        return None
    if form_page is None:
        if participation in NEEDS_OWN_FORM:
            return _(
                "Add an application form below this course, publish it, "
                "then choose it here."
            )
        return _("Choose the enquiry form visitors should use, then publish.")
    if not isinstance(form_page.specific, FormMixin):
        return _("“%(title)s” is not a form page: choose a form page.") % {
            "title": form_page.title
        }
    if participation in OWN_FORM and not _belongs_to(form_page, course):
        return _(
            "Choose the application form below this course, not one from elsewhere."
        )
    if not form_page.live:
        return _("“%(title)s” is not published yet: publish the form first.") % {
            "title": form_page.title
        }
    return None


def _belongs_to(form_page: Page, course: Page) -> bool:
    """True when the form sits below this course or below one of its translations."""
    return form_page.get_parent().translation_key == course.translation_key
