"""The testimonial editor's form: runs of the chosen course, expired consent confirmed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses.models.runs import CourseRun
from courses.rules import consent_has_lapsed

CONFIRM_FIELD = "confirm_expired_consent"


class TestimonialForm(WagtailAdminModelForm):
    """Offers the chosen course's runs and asks before saving consent that has ended."""

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
        # The question only appears once someone tries to save an expired consent.
        if not self.sets_lapsed_consent():
            del self.fields[CONFIRM_FIELD]

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
        """Whether this save would set a consent end date of today or earlier."""
        if not self.is_bound:
            return False
        field = self.fields["consent_expires_on"]
        try:
            expires_on = field.clean(self["consent_expires_on"].data)
        except ValidationError:
            return False
        unchanged = (
            not self.instance._state.adding
            and expires_on == self.instance.consent_expires_on
        )
        return not unchanged and consent_has_lapsed(expires_on, timezone.localdate())

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
        return cleaned
