"""The run question on a course's application form, and the date question of a drop-in."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.http import HttpRequest
from django.utils import formats
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from courses.models import CourseRun, CourseSession
from courses.rules import in_london


@dataclass(frozen=True)
class DropInChoice:
    """A drop-in sign-up's answer: one date of a run, or (session None) all of them."""

    run: CourseRun
    session: CourseSession | None = None


def requested_run_id(request: HttpRequest, runs: list[CourseRun]) -> int | None:
    """The ?run= id when it names one of the open runs, otherwise None."""
    raw = request.GET.get("run", "")
    if not raw.isdigit():
        return None
    wanted = int(raw)
    return wanted if any(run.pk == wanted for run in runs) else None


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
        choices=[(str(run.pk), run_choice_label(run)) for run in runs]
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


def _places_left(left: int | None) -> str:
    if left is None:
        return ""
    return " " + ngettext("(%(n)s place left)", "(%(n)s places left)", left) % {
        "n": left
    }


def date_label(session: CourseSession) -> str:
    return formats.date_format(in_london(session.start), "l j F Y, H:i")


def drop_in_options(
    runs: list[CourseRun], now: datetime
) -> list[tuple[str, str, DropInChoice]]:
    """(value, label, choice) for each open run's dates to come with a place free,
    then the whole series. A run with one date to come offers that date as the run.
    """
    options = []
    for run in runs:
        upcoming = sorted(
            (s for s in run.sessions.all() if s.is_upcoming(now)),
            key=lambda s: s.start,
        )
        if len(upcoming) == 1:
            left = run.date_places_left(upcoming[0])
            if left != 0:
                label = date_label(upcoming[0]) + _places_left(left)
                options.append((str(run.pk), label, DropInChoice(run)))
            continue
        for session in upcoming:
            left = run.date_places_left(session)
            if left != 0:
                label = date_label(session) + _places_left(left)
                options.append(
                    (f"{run.pk}-{session.pk}", label, DropInChoice(run, session))
                )
        series_left = run.series_places_left(now)
        if upcoming and series_left != 0:
            label = _("Every date: the whole series (%(run)s)") % {"run": run.label}
            options.append(
                (str(run.pk), label + _places_left(series_left), DropInChoice(run))
            )
    return options


def drop_in_choice_field(
    runs: list[CourseRun], now: datetime
) -> forms.TypedChoiceField:
    """A required choice of one drop-in date or the whole series."""
    options = drop_in_options(runs, now)
    by_value = {value: choice for value, _label, choice in options}
    return forms.TypedChoiceField(
        label=_("Which date would you like to join?"),
        choices=[(value, label) for value, label, _choice in options],
        coerce=by_value.__getitem__,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a date, or the whole series."),
            "invalid_choice": _("That date is no longer open. Choose another date."),
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
