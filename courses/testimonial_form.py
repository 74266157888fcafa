"""The testimonial editor's form: runs of the chosen course, consent recorded once.

Adding a testimonial records its consent from a few fields; once saved the consent
is shown read-only with a link to record its withdrawal, and never edited.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel

from courses.models.consent import Attribution, ConsentRecord, ConsentSource
from courses.models.runs import CourseRun
from courses.rules import consent_has_lapsed

CONFIRM_FIELD = "confirm_expired_consent"
CONSENT_FIELDS = (
    "consent_name",
    "consent_email",
    "consent_given_on",
    "consent_wording",
    "consent_attribution",
    "consent_expires_on",
)
PUBLISH_ACTION = "action-publish"


class ConsentPanel(Panel):
    """A saved testimonial's consent, read-only, with the way to withdraw it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/consent_panel.html"

        def is_shown(self) -> bool:
            return bool(self.instance and self.instance.consent_id)

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            context["consent"] = self.instance.consent
            context["current"] = self.instance.consent.is_current()
            context["testimonial"] = self.instance
            return context


class TestimonialForm(WagtailAdminModelForm):
    """Offers the chosen course's runs, records consent on adding, guards publishing."""

    consent_name = forms.CharField(
        label=_("Who gave consent"), max_length=200, required=False
    )
    consent_email = forms.EmailField(label=_("Their email"), required=False)
    consent_given_on = forms.DateField(label=_("Consent given on"))
    consent_wording = forms.CharField(
        label=_("What was agreed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The exact words the person agreed to."),
    )
    consent_attribution = forms.ChoiceField(
        label=_("Attribution agreed"),
        choices=Attribution.choices,
        help_text=_("The most the quote may show of the person."),
    )
    consent_expires_on = forms.DateField(
        label=_("Consent expires on"),
        required=False,
        help_text=_("The quote disappears from the site on this date."),
    )
    confirm_expired_consent = forms.BooleanField(
        required=False,
        label=_("Save it anyway"),
        help_text=_(
            "Tick to keep a testimonial whose consent has already ended, for the "
            "record. It will not appear on the site."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "run" in self.fields:
            self.limit_run_choices()
        if not self.adding:
            for name in CONSENT_FIELDS:
                self.fields.pop(name, None)
        # The question only appears once someone tries to save an expired consent.
        if not self.sets_lapsed_consent():
            del self.fields[CONFIRM_FIELD]

    @property
    def adding(self) -> bool:
        return self.instance._state.adding and not self.instance.consent_id

    def chosen_course_id(self) -> int | None:
        """The course picked in this form, or the testimonial's own course."""
        value = self["course"].value() if "course" in self.fields else None
        if value in (None, ""):
            return self.instance.course_id
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def limit_run_choices(self) -> None:
        """The chosen course's runs, or else every run in this language by course."""
        field = self.fields["run"]
        field.error_messages["invalid_choice"] = _(
            "Choose one of this course's runs, or leave it empty."
        )
        runs = CourseRun.objects.select_related("course")
        course_id = self.chosen_course_id()
        if course_id is not None:
            field.queryset = runs.filter(course_id=course_id)
            return
        if self.instance.locale_id is not None:
            runs = runs.filter(locale_id=self.instance.locale_id)
        runs = list(runs.order_by("course__title", "sort_order", "pk"))
        field.queryset = CourseRun.objects.filter(pk__in=[run.pk for run in runs])
        groups: dict[str, list[tuple[int, str]]] = {}
        for run in runs:
            groups.setdefault(run.course.title, []).append((run.pk, run.title))
        field.choices = [("", field.empty_label), *groups.items()]

    def sets_lapsed_consent(self) -> bool:
        """Whether adding this would record consent ending today or earlier."""
        if not self.is_bound or "consent_expires_on" not in self.fields:
            return False
        field = self.fields["consent_expires_on"]
        try:
            expires_on = field.clean(self["consent_expires_on"].data)
        except ValidationError:
            return False
        return consent_has_lapsed(expires_on, timezone.localdate())

    def clean(self) -> dict:
        cleaned = super().clean()
        if CONFIRM_FIELD in self.fields and not cleaned.get(CONFIRM_FIELD):
            self.add_error(
                "consent_expires_on",
                _(
                    "This date is today or has passed, so the testimonial will not "
                    "appear on the site. Check the date, or tick “Save it anyway”."
                ),
            )
        if self.adding and not self.errors:
            # Unsaved until save(): the model's clean() checks attribution against it.
            self.instance.consent = self.new_consent(cleaned)
        if self.publishes_without_current_consent():
            self.add_error(
                None,
                _(
                    "This testimonial cannot be published: its consent has not "
                    "started, has expired or was withdrawn. Save it as a draft."
                ),
            )
        return cleaned

    def publishes_without_current_consent(self) -> bool:
        if PUBLISH_ACTION not in self.data or not self.instance.has_consent():
            return False
        return not self.instance.consent.is_current()

    def new_consent(self, cleaned: dict) -> ConsentRecord:
        return ConsentRecord(
            name=cleaned.get("consent_name", ""),
            email=cleaned.get("consent_email", ""),
            given_on=cleaned["consent_given_on"],
            wording=cleaned["consent_wording"],
            attribution=cleaned["consent_attribution"],
            expires_on=cleaned.get("consent_expires_on"),
            shown_name=cleaned.get("name", ""),
            shown_role=cleaned.get("role", ""),
            source=ConsentSource.STAFF,
            recorded_by=self.for_user,
        )

    def save(self, commit: bool = True):
        consent = self.instance.consent if self.instance.has_consent() else None
        if consent is not None and consent.pk is None:
            consent.save()
            self.instance.consent = consent
        return super().save(commit=commit)
