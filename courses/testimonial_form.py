"""The testimonial editor's form: runs of the chosen course only."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses.models.runs import CourseRun


class TestimonialForm(WagtailAdminModelForm):
    """Offers the runs of the chosen course, or runs grouped by course before one is."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "run" in self.fields:
            self.limit_run_choices()

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
