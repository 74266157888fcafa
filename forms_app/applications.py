"""The run question on a course's application form."""

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from courses.models import CourseRun


def requested_run_id(request: HttpRequest, runs: list[CourseRun]) -> int | None:
    """The ?run= id when it names one of the open runs, otherwise None."""
    raw = request.GET.get("run", "")
    if not raw.isdigit():
        return None
    wanted = int(raw)
    return wanted if any(run.pk == wanted for run in runs) else None


def open_run_label(run: CourseRun) -> str:
    """The run's dates, with the places left when its capacity is limited."""
    left = run.places_left
    if left is None:
        return run.label
    places = ngettext("%(n)s place left", "%(n)s places left", left) % {"n": left}
    return f"{run.label} \u2013 {places}"


def waiting_list_label(run: CourseRun) -> str:
    return gettext("Join the waiting list for %(run)s (no places left)") % {
        "run": run.label
    }


def run_choice_field(
    runs: list[CourseRun], full: list[CourseRun] = ()
) -> forms.TypedChoiceField:
    """A required choice among the open runs, then the waiting lists of full ones.

    Any other value gets a clear message.
    """
    by_id = {str(run.pk): run for run in [*runs, *full]}
    return forms.TypedChoiceField(
        label=_("Which dates would you like?"),
        choices=[(str(run.pk), open_run_label(run)) for run in runs]
        + [(str(run.pk), waiting_list_label(run)) for run in full],
        coerce=by_id.__getitem__,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the dates you would like to attend."),
            "invalid_choice": _(
                "Those dates are no longer open for booking. Choose other dates."
            ),
        },
    )
