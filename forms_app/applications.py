"""The run question on a course's application form."""

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from courses.models import CourseRun


def requested_run_id(request: HttpRequest, runs: list[CourseRun]) -> int | None:
    """The ?run= id when it names one of the open runs, otherwise None."""
    raw = request.GET.get("run", "")
    if not raw.isdigit():
        return None
    wanted = int(raw)
    return wanted if any(run.pk == wanted for run in runs) else None


def run_choice_field(runs: list[CourseRun]) -> forms.TypedChoiceField:
    """A required choice among the open runs; any other value gets a clear message."""
    by_id = {str(run.pk): run for run in runs}
    return forms.TypedChoiceField(
        label=_("Which dates would you like?"),
        choices=[(str(run.pk), run_choice_label(run)) for run in runs],
        coerce=by_id.__getitem__,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the dates you would like to attend."),
            "invalid_choice": _(
                "Those dates are no longer open for booking. Choose other dates."
            ),
        },
    )


def run_choice_label(run: CourseRun) -> str:
    """The run's label, with the places left when they are limited."""
    left = run.places_left
    if left is None:
        return run.label
    # The course page's wording, so both say the same in each language.
    count = ngettext("%(counter)s place left", "%(counter)s places left", left) % {
        "counter": left
    }
    return f"{run.label} \u2013 {count}"
