"""Admin views for the course editor: the facilitator chooser, bulk publishing's checks."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Locale

from courses.models import CoursePage, Testimonial
from courses.publishing import publish_problems
from facilitators.models import FacilitatorIndexPage

FACILITATOR_PAGE_TYPE = "facilitators.facilitatorpage"


class FacilitatorChooserView(BrowseView):
    """Wagtail's page chooser, starting at the facilitator index in the default language."""

    def get(
        self, request: HttpRequest, parent_page_id: int | None = None
    ) -> HttpResponse:
        if parent_page_id is None:
            index = FacilitatorIndexPage.objects.filter(
                locale=Locale.get_default()
            ).first()
            parent_page_id = index.pk if index else None
        return super().get(request, parent_page_id)


def facilitators_in_default_language(pages: QuerySet, request: HttpRequest) -> QuerySet:
    """Choosing a facilitator offers the default-language profiles, not translations."""
    if request.GET.get("page_type", "").lower() == FACILITATOR_PAGE_TYPE:
        return pages.filter(locale=Locale.get_default())
    return pages


def refuse_bulk_publishing_of_unfit_courses(request, action_type, objects, action):
    """Bulk "Publish" skips the course editor's checks: run them, and stop if any fail."""
    if action_type != "publish":
        return None
    pages = [obj for obj in objects if hasattr(obj, "get_descendants")]
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        pages += [d for page in pages for d in page.get_descendants()]
    courses = CoursePage.objects.filter(pk__in=[page.pk for page in pages])
    unfit = [
        (course, problems)
        for course in courses
        if (problems := publish_problems(course.get_latest_revision_as_object()))
    ]
    if not unfit:
        return None
    messages.error(
        request,
        format_html(
            "{}<ul>{}</ul>",
            _("Nothing was published. Fix these courses in their editor first:"),
            format_html_join(
                "",
                '<li><a href="{}">{}</a>: {}</li>',
                (
                    (
                        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
                        course.get_admin_display_title(),
                        " ".join(problems),
                    )
                    for course, problems in unfit
                ),
            ),
        ),
    )
    return redirect(action.next_url)


class WithdrawConsentForm(forms.Form):
    note = forms.CharField(
        label=_lazy("Reason or how the person asked"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_lazy("For the record. Do not copy their message in full."),
    )
    confirm = forms.BooleanField(
        label=_lazy("I confirm the person has withdrawn consent to be quoted")
    )


def withdraw_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the person behind a testimonial withdrew consent (reason, confirm)."""
    if not request.user.has_perm("courses.change_testimonial"):
        raise PermissionDenied
    testimonial = get_object_or_404(
        Testimonial.objects.select_related("consent"), pk=pk
    )
    consent = testimonial.consent
    form = WithdrawConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        consent.withdraw(form.cleaned_data["note"])
        messages.success(
            request, _("Consent withdrawn: the testimonial is no longer shown.")
        )
        return redirect("wagtailsnippets_courses_testimonial:edit", testimonial.pk)
    return TemplateResponse(
        request,
        "courses/admin/withdraw_consent.html",
        {"testimonial": testimonial, "consent": consent, "form": form},
    )
