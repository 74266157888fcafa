"""Whether a course page, as last saved, may go live: for publishing outside its editor.

The course editor places each problem on the field that causes it
(`courses.forms.CoursePageForm`). Bulk publishing from the page listing never builds
that form, so it asks here instead: the same rules, read from the saved page.
"""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, CourseRun, CourseSession
from courses.participation import form_page_problem
from courses.rules import date_mention_errors, in_london


def publish_problems(course: CoursePage, now: datetime | None = None) -> list[str]:
    """What stops this saved course from going live; empty when nothing does."""
    now = now or timezone.now()
    problems = []
    if problem := form_page_problem(course.participation, course.form_page, course):
        problems.append(str(problem))
    all_dates = []
    longest = Decimal(0)
    starts: set[datetime] = set()
    for run in course.runs.all():
        sessions = sorted(run.sessions.all(), key=lambda session: session.start)
        problems += _run_problems(run, sessions, starts, now)
        dates = [in_london(session.start).date() for session in sessions]
        all_dates += dates
        for text in (run.title, run.notes):
            problems += date_mention_errors(text, dates)
        seconds = sum((s.end - s.start).total_seconds() for s in sessions if s.is_core)
        hours = Decimal(seconds) / 3600
        longest = max(longest, hours)
    kept = {run.pk for run in course.runs.all() if run.pk}
    problems += [
        str(run.removal_refused_message())
        for run in CourseRun.objects.dropped_with_records(course.pk, kept)
    ]
    for run in course.runs.all():
        if run.pk:
            kept_sessions = {s.pk for s in run.sessions.all() if s.pk}
            problems += [
                str(session.removal_refused_message())
                for session in CourseSession.objects.dropped_with_records(
                    run.pk, kept_sessions
                )
            ]
    problems += date_mention_errors(course.summary, all_dates)
    if course.cpd_hours and longest and course.cpd_hours > longest:
        problems.append(
            _(
                "%(cpd)s CPD hours is more than the %(hours)s hours of sessions in any run."
            )
            % {"cpd": course.cpd_hours, "hours": longest.normalize()}
        )
    for tier in course.price_tiers.all():
        try:
            tier.clean()
        except ValidationError as error:
            problems += [f"{tier.label}: {message}" for message in error.messages]
    return problems


def _run_problems(
    run: CourseRun, sessions: list, starts: set[datetime], now: datetime
) -> list[str]:
    problems = []
    for session in sessions:
        if session.end <= session.start:
            problems.append(
                _("%(run)s: a session ends before it starts.") % {"run": run.title}
            )
        if session.start in starts:
            problems.append(
                _("%(run)s: another session already starts at %(time)s.")
                % {
                    "run": run.title,
                    "time": f"{in_london(session.start):%-d %B %Y %H:%M}",
                }
            )
        starts.add(session.start)
    if run.bookable and sessions and all(s.start <= now for s in sessions):
        problems.append(
            _("%(run)s: every session is in the past, but it is taking bookings.")
            % {"run": run.title}
        )
    return problems
