"""The course editor keeps runs and sessions that are over out of the page form.

A course that has run for years would otherwise carry every past cohort, with
every session's fields, into its editor (decision 0028). Runs that are over,
closed to bookings and sound stay on the page untouched (the form saves what it
holds and keeps the rest, and each revision still records them all) and are
listed in a short summary. A stored run's sessions are listed the same way,
one line each, until the editor opens them (`?sessions=<run id>`): they are
the bulk of the form and most edits touch a run's own fields. `?past_runs=1`
on the edit address brings everything into the form.
"""

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from courses.models.runs import CourseRun
from courses.rules import date_mention_errors, in_london

PAST_RUNS_PARAMETER = "past_runs"
# The past runs the editor names, the latest ones; the count says how many more.
PAST_RUNS_LISTED = 10
SESSIONS_PARAMETER = "sessions"
# Set on the page being edited when the editor asked for every run in the form,
# and on a run (or the page) whose sessions the editor opened.
SHOW_PAST_RUNS_ATTRIBUTE = "_editor_shows_past_runs"
OPENS_SESSIONS_ATTRIBUTE = "_editor_opens_sessions"


def show_past_runs_when_asked(request: HttpRequest, page) -> None:
    """Mark the page the editor opens with what the edit address asks to show."""
    if request.GET.get(PAST_RUNS_PARAMETER) == "1":
        setattr(page, SHOW_PAST_RUNS_ATTRIBUTE, True)
    opened = {
        int(value)
        for value in request.GET.getlist(SESSIONS_PARAMETER)
        if value.isdigit()
    }
    if opened:
        setattr(page, OPENS_SESSIONS_ATTRIBUTE, opened)


def shows_past_runs(page) -> bool:
    return getattr(page, SHOW_PAST_RUNS_ATTRIBUTE, False)


def open_sessions_in(page, runs: list[CourseRun]) -> None:
    """Mark the runs whose sessions the editor asked to edit."""
    opened = getattr(page, OPENS_SESSIONS_ATTRIBUTE, set())
    for run in runs:
        if run.pk in opened:
            setattr(run, OPENS_SESSIONS_ATTRIBUTE, True)


def opens_sessions(run: CourseRun) -> bool:
    return getattr(run, OPENS_SESSIONS_ATTRIBUTE, False)


def runs_of(page) -> list[CourseRun]:
    """The page's runs as its latest revision holds them, sessions loaded once."""
    runs = page.runs.all()
    if isinstance(runs, QuerySet):
        runs = runs.prefetch_related("sessions")
    return list(runs)


def stored_run_problems(run: CourseRun, now: datetime) -> list[str]:
    """What publishing would refuse in a run kept out of the form, as the form checks it."""
    sessions = list(run.sessions.all())
    problems = []
    if run.bookable and sessions and all(s.start <= now for s in sessions):
        problems.append(
            _("Every session of this run is in the past: untick “taking bookings”.")
        )
    dates = [in_london(s.start).date() for s in sessions]
    for text in (run.title, run.notes):
        problems += date_mention_errors(text or "", dates)
    previous = None
    for session in sessions:
        if session.end <= session.start:
            problems.append(_("The session ends before it starts."))
        elif previous is not None and session.start == previous:
            problems.append(_("Two of its sessions start at the same time."))
        elif previous is not None and session.start < previous:
            problems.append(_("Its sessions are out of order."))
        previous = session.start
    return [str(problem) for problem in problems]


def stays_out_of_form(run: CourseRun, now: datetime) -> bool:
    """A stored run that is over, closed and sound: nothing in it needs the editor."""
    return (
        run.pk is not None and run.has_ended(now) and not stored_run_problems(run, now)
    )


def sessions_in_form(run: CourseRun, now: datetime) -> list:
    """A run's sessions the form holds on opening.

    A stored run's sessions stay out, listed, until the editor opens them; a run
    not yet stored, asked for in full, or that publishing would refuse keeps
    every session in the form, and a session without a stored id always stays.
    """
    sessions = list(run.sessions.all())
    if (
        shows_past_runs(run)
        or opens_sessions(run)
        or run.pk is None
        or stored_run_problems(run, now)
    ):
        return sessions
    return [s for s in sessions if s.pk is None]


def show_past_runs_in(runs: list[CourseRun]) -> None:
    """Pass the editor's request for everything on to each run's sessions."""
    for run in runs:
        setattr(run, SHOW_PAST_RUNS_ATTRIBUTE, True)


class PastRunsPanel(Panel):
    """A short list of the runs kept out of the form, with the way to edit them."""

    def __init__(self, relation_name: str = "runs", **kwargs) -> None:
        kwargs.setdefault("heading", _("Past runs"))
        super().__init__(**kwargs)
        self.relation_name = relation_name

    def clone_kwargs(self) -> dict:
        kwargs = super().clone_kwargs()
        kwargs["relation_name"] = self.relation_name
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/past_runs_panel.html"

        def __init__(self, **kwargs) -> None:
            super().__init__(**kwargs)
            self.showing_all = shows_past_runs(self.instance)
            self.past_runs = []
            if self.form is None:
                # A revision comparison: runs are compared by their InlinePanel.
                return
            formset = self.form.formsets.get(self.panel.relation_name)
            in_form = {form.instance.pk for form in formset.forms} if formset else set()
            self.past_runs = sorted(
                (run for run in runs_of(self.instance) if run.pk not in in_form),
                key=_first_start,
            )

        def is_shown(self) -> bool:
            return bool(self.past_runs) or self.showing_all

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            listed = self.past_runs[-PAST_RUNS_LISTED:]
            context.update(
                past_runs=self.past_runs,
                listed_runs=listed,
                earlier_runs=len(self.past_runs) - len(listed),
                showing_all=self.showing_all,
                parameter=PAST_RUNS_PARAMETER,
                edit_path=self.request.path if self.request else "",
            )
            return context


def _first_start(run: CourseRun) -> tuple:
    first = min((session.start for session in run.sessions.all()), default=None)
    return first is None, first
