"""The public forms: a certificate code to check, an address to send a record link to."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.codes import is_well_formed, normalise
from forms_app.addresses import is_valid_address


class DescribedForm(forms.Form):
    """Ties each input to its hint and, on error, to its error message."""

    def describe(self) -> "DescribedForm":
        for bound in self:
            ids = [f"{bound.auto_id}-hint"] if bound.help_text else []
            if bound.errors:
                ids.append(f"{bound.auto_id}-error")
                bound.field.widget.attrs["aria-invalid"] = "true"
            if ids:
                bound.field.widget.attrs["aria-describedby"] = " ".join(ids)
        return self


class VerifyForm(DescribedForm):
    code = forms.CharField(
        label=_("Certificate code"),
        help_text=_(
            "The code printed on the certificate: 12 letters and numbers, such as "
            "7K3M-Q9TX-4HWD. Capitals, spaces and dashes do not matter."
        ),
        max_length=40,
        error_messages={"required": _("Enter the code printed on the certificate.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "code-input"}
        ),
    )

    def clean_code(self) -> str:
        code = normalise(self.cleaned_data["code"])
        if not is_well_formed(code):
            raise forms.ValidationError(
                _(
                    "Enter the 12 letters and numbers of the code, such as 7K3M-Q9TX-4HWD."
                )
            )
        return code


class RecordRequestForm(DescribedForm):
    email = forms.CharField(
        label=_("Email address"),
        help_text=_("The address you gave when you booked or joined the course."),
        max_length=254,
        error_messages={"required": _("Enter your email address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if not is_valid_address(email):
            raise forms.ValidationError(
                _("Enter an email address in the right form, such as name@example.org.")
            )
        return email
