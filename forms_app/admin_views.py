"""Admin views: a submission and its deliveries, resend, release, find and erase a person."""

import csv
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import (
    DeleteSubmissionsView,
    SubmissionsListFilterSet,
    SubmissionsListView,
)

from courses.models import CoursePage, CourseRun
from forms_app import course_forms
from forms_app.access_records import (
    Action,
    count_subject,
    record_access,
    submission_subject,
)
from forms_app.course_forms import application_form_of
from forms_app.emails import labelled_answers
from forms_app.exports import local_moment, local_moment_text, neutralise_formula
from forms_app.models import Delivery, Submission
from forms_app.outbox import release_submission
from forms_app.signals import person_erased
from forms_app.tasks import queue_resend

PRIVACY_PERMISSION = "forms_app.delete_submission"


def submissions_for_user(user):
    """Submissions on the forms this user may read (Wagtail's rule plus hooks)."""
    return Submission.objects.filter(page__in=get_forms_for_user(user).values("pk"))


def _submission_or_403(request: HttpRequest, pk: int) -> Submission:
    submission = get_object_or_404(Submission, pk=pk)
    if not submissions_for_user(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    return submission


def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_403(request, pk)
    record_access(request.user, Action.VIEWED, submission_subject(submission))
    page = submission.page.specific
    context = {
        "submission": submission,
        "form_page": page,
        "answers": labelled_answers(page, submission),
        "summary_rows": page.summary_rows(submission),
        "deliveries": submission.deliveries.all(),
        "resendable": Delivery.RESENDABLE,
    }
    return TemplateResponse(request, "forms_app/admin/submission_detail.html", context)


@require_POST
def resend_delivery(request: HttpRequest, pk: int, delivery_pk: int) -> HttpResponse:
    submission = _submission_or_403(request, pk)
    delivery = get_object_or_404(Delivery, pk=delivery_pk, submission=submission)
    if queue_resend(delivery):
        record_access(
            request.user,
            Action.RESENT,
            f"delivery {delivery.pk} of {submission_subject(submission)}",
        )
        messages.success(request, _("The email is queued to be sent again."))
    else:
        messages.warning(request, _("That email is already queued or being sent."))
    return redirect("forms_app_admin:submission", pk=submission.pk)


@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_403(request, pk)
    count = release_submission(submission)
    if count:
        messages.success(
            request, _("Released: %(count)s emails are queued.") % {"count": count}
        )
    else:
        messages.warning(request, _("This submission was not in quarantine."))
    return redirect("forms_app_admin:submission", pk=submission.pk)


def _person_submissions(request: HttpRequest, email: str):
    if not request.user.has_perm(PRIVACY_PERMISSION):
        raise PermissionDenied
    if not email:
        return Submission.objects.none()
    return (
        submissions_for_user(request.user)
        .filter(contact_email__iexact=email.strip())
        .select_related("page", "locale")
        .order_by("submit_time")
    )


def person(request: HttpRequest) -> HttpResponse:
    """Find everything one person submitted, by email address, across forms and locales."""
    email = request.GET.get("email", "")[:254]
    found = _person_submissions(request, email)
    if request.GET.get("export") == "csv":
        record_access(
            request.user, Action.EXPORTED, count_subject(len(found), "of one person")
        )
        return person_csv(email, found)
    if email:
        record_access(request.user, Action.SEARCHED, count_subject(len(found), "found"))
    return TemplateResponse(
        request, "forms_app/admin/person.html", {"email": email, "submissions": found}
    )


def person_csv(email: str, submissions) -> HttpResponse:
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="person-export.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "reference",
            "form",
            "language",
            "submitted",
            "name",
            "email",
            "question",
            "answer",
        ]
    )
    for submission in submissions:
        base = [
            submission.reference,
            submission.page.title,
            submission.locale.language_code if submission.locale else "",
            local_moment_text(submission.submit_time),
            submission.contact_name,
            submission.contact_email,
        ]
        rows = submission.form_data.items() or [("", "")]
        for key, value in rows:
            writer.writerow([neutralise_formula(v) for v in [*base, key, value]])
    return response


@require_POST
@sensitive_post_parameters("email")
def erase_person(request: HttpRequest) -> HttpResponse:
    email = request.POST.get("email", "")[:254]
    found = _person_submissions(request, email)
    with transaction.atomic():
        count = found.count()
        found.delete()
        # Layers above (places, bookings) forget the person too.
        answers = (
            person_erased.send(Submission, email=email.strip()) if email.strip() else []
        )
        others = sum(result for _receiver, result in answers if result)
    record_access(request.user, Action.ERASED, count_subject(count, "erased"))
    messages.success(
        request,
        _(
            "Erased %(count)s submissions and their emails' records, and removed the "
            "person from %(others)s other records (places, bookings)."
        )
        % {"count": count, "others": others},
    )
    return redirect("forms_app_admin:person")


class SubmissionFilterSet(SubmissionsListFilterSet):
    status = ChoiceFilter(label=_("Status"), choices=Submission.Status.choices)
    run = ModelChoiceFilter(label=_("Dates"), queryset=CourseRun.objects.none())

    def __init__(self, *args, runs=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a course's application form has dates to choose between.
        if runs is None:
            del self.filters["run"]
        else:
            self.filters["run"].queryset = runs


class SubmissionsWithReferenceView(SubmissionsListView):
    """Wagtail's submissions list with links to the detail view and safe export cells."""

    filterset_class = SubmissionFilterSet

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        source_course = getattr(self.form_page, "source_course", None)
        if source_course is not None:
            kwargs["runs"] = CourseRun.objects.filter(course=source_course())
        return kwargs

    custom_value_preprocess = {
        **SubmissionsListView.custom_value_preprocess,
        datetime: {"csv": local_moment_text, "xlsx": local_moment},
        str: {"csv": neutralise_formula, "xlsx": neutralise_formula},
        list: {"csv": neutralise_formula, "xlsx": neutralise_formula},
    }

    def as_spreadsheet(self, queryset, spreadsheet_format):
        where = f"of form page {self.form_page.pk} as {spreadsheet_format}"
        record_access(
            self.request.user, Action.EXPORTED, count_subject(len(queryset), where)
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = [name for name, _label in self.form_page.get_data_fields()]
        if "data_rows" in context and "reference" in names:
            column = names.index("reference")
            for row in context["data_rows"]:
                row["fields"][column] = format_html(
                    '<a href="{}">{}</a>',
                    reverse("forms_app_admin:submission", args=[row["model_id"]]),
                    row["fields"][column],
                )
        return context


class RecordedDeleteSubmissionsView(DeleteSubmissionsView):
    """Wagtail's "delete selected submissions", leaving an access record."""

    def handle_delete(self, submissions) -> None:
        count = submissions.count()
        super().handle_delete(submissions)
        where = f"deleted from form page {self.page.pk}"
        record_access(self.request.user, Action.ERASED, count_subject(count, where))


def add_application_form(request: HttpRequest, course_pk: int) -> HttpResponse:
    """Ask, then create a draft application form beneath the course and open it."""
    course = get_object_or_404(CoursePage, pk=course_pk)
    permissions = course.permissions_for_user(request.user)
    if not (permissions.can_edit() and permissions.can_add_subpage()):
        raise PermissionDenied
    existing = application_form_of(course)
    if existing is not None:
        return redirect("wagtailadmin_pages:edit", existing.pk)
    if request.method != "POST":
        return TemplateResponse(
            request, "forms_app/admin/add_application_form.html", {"course": course}
        )
    form = course_forms.add_application_form(course, request.user)
    messages.success(
        request,
        _(
            "A draft application form was added below “%(course)s” and chosen in "
            "the course's draft. Check its questions and publish it, then publish "
            "the course."
        )
        % {"course": course.title},
    )
    return redirect("wagtailadmin_pages:edit", form.pk)
