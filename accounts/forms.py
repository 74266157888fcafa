"""The codes a person types to enrol and to confirm a sign-in."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your app"),
        max_length=10,
        error_messages={"required": _("Enter the 6-digit code your app shows.")},
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Code from your app"), max_length=10, required=False)
    backup_code = forms.CharField(
        label=_("Or a backup code"), max_length=20, required=False
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("code") and not data.get("backup_code"):
            self.add_error(
                "code", _("Enter the 6-digit code your app shows, or a backup code.")
            )
        return data
