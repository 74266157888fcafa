"""Forms of the register pages: someone who came without a place, a report to import."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from certificates.teams import ReportError, read_report

# Attendance reports are a few kilobytes per hundred people.
MAX_REPORT_BYTES = 2 * 1024 * 1024


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=120)
    email = forms.EmailField(label=_("Email"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language for their emails and certificate"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )


class ImportForm(forms.Form):
    report = forms.FileField(
        label=_("Attendance report (CSV from Teams)"),
        help_text=_(
            "In Teams, open the meeting, choose Attendance and download the report."
        ),
    )
    minimum_minutes = forms.IntegerField(
        label=_("Minimum minutes to count as present"),
        min_value=0,
        max_value=24 * 60,
        help_text=_(
            "People in the meeting for less are recorded with their minutes but "
            "not ticked."
        ),
    )

    def clean_report(self):
        upload = self.cleaned_data["report"]
        if upload.size > MAX_REPORT_BYTES:
            raise forms.ValidationError(_("The file is too large for a report."))
        try:
            self.people = read_report(upload.read())
        except ReportError as error:
            raise forms.ValidationError(str(error)) from error
        return upload
