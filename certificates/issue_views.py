"""Admin views for certificates: ended runs with counts, a run's attendees, issuing
in one action (preview, then confirm), correcting a name, revoking, downloading."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from certificates.completion import attendees, ended_runs, has_ended
from certificates.emails import correct_and_email, issue_and_email
from certificates.issuing import NothingToCertify, NotValid, revoke
from certificates.models import Certificate
from certificates.reach import ISSUE_PERMISSION, runs_for_user
from certificates.views import pdf_response
from courses.models import CourseRun


class DescribedErrors(forms.Form):
    """Errors tied to their input with aria-describedby, as the site's forms do."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {
                        "aria-describedby": f"{self[name].auto_id}-error",
                        "aria-invalid": "true",
                    }
                )
        return valid


class NameForm(DescribedErrors):
    name = forms.CharField(
        label=gettext_lazy("Name as it should appear on the certificate"),
        max_length=120,
    )


class RevokeForm(DescribedErrors):
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept for staff; the public sees only “revoked”)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _forbidden(request: HttpRequest) -> HttpResponse:
    """A plain 403: Wagtail would turn PermissionDenied into a dashboard redirect."""
    return TemplateResponse(
        request, "certificates/issue/forbidden.html", {}, status=403
    )


def _runs(request: HttpRequest):
    return runs_for_user(request.user, ISSUE_PERMISSION)


def _run_or_none(request: HttpRequest, pk: int) -> CourseRun | None:
    if not request.user.has_perm(ISSUE_PERMISSION):
        return None
    return _runs(request).filter(pk=pk).select_related("course").first()


def _certificate_or_none(request: HttpRequest, pk: int) -> Certificate | None:
    certificate = get_object_or_404(Certificate, pk=pk)
    return certificate if _run_or_none(request, certificate.run_id) else None


def why_nothing(run: CourseRun) -> str:
    """Why the run's course cannot have certificates, or "" if it can."""
    course = run.course.specific
    if not course.certificate:
        return _("This course does not promise a certificate, so none can be issued.")
    if course.cpd_hours is None:
        return _("This course states no CPD hours, so no certificate can be issued.")
    return ""


def run_list(request: HttpRequest) -> HttpResponse:
    """Runs that have ended, of courses that promise a certificate, with counts."""
    if not request.user.has_perm(ISSUE_PERMISSION):
        return _forbidden(request)
    runs = (
        ended_runs(_runs(request), timezone.now())
        .filter(course__certificate=True)
        .select_related("course")
        .prefetch_related("sessions")
        .order_by("course__title", "sort_order", "pk")
    )
    rows = []
    for run in runs:
        people = attendees(run)
        rows.append(
            {
                "run": run,
                "attended": len(people),
                "completed": sum(person.completed for person in people),
                "issued": Certificate.objects.valid().filter(run=run).count(),
            }
        )
    return TemplateResponse(request, "certificates/issue/runs.html", {"rows": rows})


def _to_issue(run: CourseRun) -> list:
    """Those who completed and hold no valid certificate for the run yet."""
    held = set(
        Certificate.objects.valid().filter(run=run).values_list("email", flat=True)
    )
    return [p for p in attendees(run) if p.completed and p.email not in held]


def run_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    """A run's attendees against the rule, its certificates, and the issue button."""
    run = _run_or_none(request, pk)
    if run is None:
        return _forbidden(request)
    ended = has_ended(run, timezone.now())
    reason = why_nothing(run)
    if request.method == "POST":
        if not ended or reason:
            messages.error(
                request, reason or _("The run's last session has not ended yet.")
            )
            return redirect("certificates_admin:run", run.pk)
        if request.POST.get("step") == "confirm":
            return _confirm(request, run)
        return _preview(request, run)
    people = attendees(run)
    certificates = list(Certificate.objects.filter(run=run).order_by("issued_at", "pk"))
    valid = {c.email: c for c in certificates if c.is_valid}
    return TemplateResponse(
        request,
        "certificates/issue/run.html",
        {
            "run": run,
            "rows": [(person, valid.get(person.email)) for person in people],
            "certificates": certificates,
            "ended": ended,
            "reason": reason,
            "to_issue": sum(p.completed and p.email not in valid for p in people),
        },
    )


def _preview(request: HttpRequest, run: CourseRun) -> HttpResponse:
    people = _to_issue(run)
    return TemplateResponse(
        request,
        "certificates/issue/preview.html",
        {"run": run, "people": people},
    )


def _confirm(request: HttpRequest, run: CourseRun) -> HttpResponse:
    try:
        issued = issue_and_email(run, by=request.user)
    except NothingToCertify:
        messages.error(request, why_nothing(run))
        return redirect("certificates_admin:run", run.pk)
    messages.success(
        request,
        ngettext(
            "%(n)s certificate issued; its email is queued.",
            "%(n)s certificates issued; their emails are queued.",
            len(issued),
        )
        % {"n": len(issued)},
    )
    return redirect("certificates_admin:run", run.pk)


def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-issue a certificate under a corrected name; the old one is superseded."""
    certificate = _certificate_or_none(request, pk)
    if certificate is None:
        return _forbidden(request)
    form = NameForm(request.POST or None, initial={"name": certificate.name})
    if request.method == "POST" and form.is_valid() and certificate.is_valid:
        try:
            new = correct_and_email(
                certificate, form.cleaned_data["name"], by=request.user
            )
        except NotValid:
            messages.error(request, _("This certificate is no longer valid."))
        else:
            messages.success(
                request,
                _("Certificate %(code)s issued in its place and emailed.")
                % {"code": new.code},
            )
        return redirect("certificates_admin:run", certificate.run_id)
    return TemplateResponse(
        request,
        "certificates/issue/correct.html",
        {"certificate": certificate, "form": form},
    )


def revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke a valid certificate, with a reason."""
    certificate = _certificate_or_none(request, pk)
    if certificate is None:
        return _forbidden(request)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and certificate.is_valid:
        try:
            revoke(certificate, form.cleaned_data["reason"], by=request.user)
        except NotValid:
            messages.error(request, _("This certificate is no longer valid."))
        else:
            messages.success(
                request, _("Certificate %(code)s revoked.") % {"code": certificate.code}
            )
        return redirect("certificates_admin:run", certificate.run_id)
    return TemplateResponse(
        request,
        "certificates/issue/revoke.html",
        {"certificate": certificate, "form": form},
    )


def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF for staff; one no longer valid is stamped so across the page."""
    certificate = _certificate_or_none(request, pk)
    if certificate is None:
        return _forbidden(request)
    return pdf_response(certificate)
