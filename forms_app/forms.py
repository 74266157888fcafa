"""The visitor-facing form: editor questions with bounded lengths plus fixed fields."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from forms_app.addresses import CONTROL_CHARACTERS, is_valid_address
from forms_app.bookings import BOOKING_FIELD_NAMES

RESERVED_FIELD_NAMES = {
    "contact_name",
    "contact_email",
    "website",
    "form_token",
    "run",
}
# Fields a page type adds itself (a paid course's price and payer): stored with the
# answers, shown in their own place, and never the key of an editor's question.
STRUCTURED_FIELD_NAMES = frozenset(BOOKING_FIELD_NAMES)
# Question types where one answer is chosen: required ones start with none chosen.
SINGLE_CHOICE_TYPES = {"dropdown", "radio"}
BLANK_CHOICE_LABEL = _("Choose one")
SINGLE_LINE_MAX = 255
MULTI_LINE_MAX = 4000
# Keeps tabs and newlines in multi-line answers; removes every other control character.
MULTILINE_STRIP = str.maketrans(
    {c: None for c in map(chr, range(32)) if c not in "\t\n\r"}
)


class SubmissionForm(BaseForm):
    """Name, email, a honeypot and the signed form token, before editor questions."""

    contact_name = forms.CharField(label=_("Your name"), max_length=120)
    contact_email = forms.EmailField(label=_("Your email address"), max_length=254)
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(
        required=False, max_length=500, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rules across answers that the page adds with its own fields: each returns
        # {field name: message}.
        self.cross_checks = []
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"

    def clean_contact_name(self) -> str:
        return " ".join(
            CONTROL_CHARACTERS.sub(" ", self.cleaned_data["contact_name"]).split()
        )

    def clean_contact_email(self) -> str:
        email = self.cleaned_data["contact_email"]
        if not is_valid_address(email):
            raise forms.ValidationError(_("Enter a valid email address."))
        return email

    def clean(self) -> dict:
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and name not in RESERVED_FIELD_NAMES:
                cleaned[name] = value.translate(MULTILINE_STRIP)
        for check in self.cross_checks:
            for name, message in check(cleaned).items():
                self.add_error(name, message)
        return cleaned

    def question_fields(self) -> list:
        """The bound editor-defined questions, without the fixed and hidden fields."""
        fixed = RESERVED_FIELD_NAMES | STRUCTURED_FIELD_NAMES
        return [field for field in self if field.name not in fixed]

    def structured_fields(self) -> list:
        """The bound fields the page added itself (price, payer), in their order."""
        return [field for field in self if field.name in STRUCTURED_FIELD_NAMES]

    def describe_errors(self) -> None:
        """Tie each field's hint and error message to its input with aria-describedby."""
        for bound in self:
            ids = []
            if bound.help_text:
                ids.append(f"{bound.auto_id}-hint")
            if bound.errors:
                ids.append(f"{bound.auto_id}-error")
                bound.field.widget.attrs["aria-invalid"] = "true"
            if ids:
                bound.field.widget.attrs["aria-describedby"] = " ".join(ids)


class BoundedFormBuilder(FormBuilder):
    """Wagtail's form builder with every answer's size bounded."""

    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTI_LINE_MAX
        options.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        return forms.CharField(**options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        return forms.EmailField(**options)

    def create_url_field(self, field, options):
        options["max_length"] = 500
        return forms.URLField(assume_scheme="https", **options)

    def create_number_field(self, field, options):
        return forms.DecimalField(max_digits=12, decimal_places=4, **options)

    def create_date_field(self, field, options):
        options.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        return forms.DateField(**options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [
            ("", BLANK_CHOICE_LABEL),
            *self.get_formatted_field_choices(field),
        ]
        return forms.ChoiceField(**options)

    def create_hidden_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return forms.CharField(widget=forms.HiddenInput, **options)

    def get_field_options(self, field) -> dict:
        options = super().get_field_options(field)
        # A pre-chosen answer to a required choice would be sent by anyone who skips it.
        if field.required and field.field_type in SINGLE_CHOICE_TYPES:
            options["initial"] = None
        return options

    def get_form_class(self):
        return type("SubmissionQuestionsForm", (SubmissionForm,), self.formfields)
