"""Admin views for keeping registers: runs, a run's sessions, a session's register.

Facilitators reach only the courses they lead (`certificates.reach`); another
course's register answers a plain 403, for reading and for posting.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates.admin_forms import ImportForm, WalkInForm
from certificates.importing import (
    CannotAdd,
    add_row_as_walk_in,
    dismiss_row,
    import_report,
    match_row,
    open_rows,
)
from certificates.models import AttendanceImport, UnmatchedRow
from certificates.reach import REGISTER_PERMISSION, may_keep_register, runs_for_user
from certificates.register import add_walk_in, register_lines, save_ticks
from courses.models import CourseRun, CourseSession

NEW, DISMISS = "new", "dismiss"


class NotYours(Exception):
    """The session belongs to a course this user does not keep registers for."""


def _require_keeper(request: HttpRequest) -> None:
    if not request.user.has_perm(REGISTER_PERMISSION):
        raise PermissionDenied


def _forbidden(request: HttpRequest) -> HttpResponse:
    """A plain 403: Wagtail would turn PermissionDenied into a dashboard redirect."""
    return TemplateResponse(
        request, "certificates/registers/forbidden.html", {}, status=403
    )


def _session_or_refuse(request: HttpRequest, pk: int) -> CourseSession:
    _require_keeper(request)
    session = get_object_or_404(CourseSession.objects.select_related("run"), pk=pk)
    if not may_keep_register(request.user, session.run):
        raise NotYours
    return session


def _sessions_with_counts():
    return Prefetch(
        "sessions",
        CourseSession.objects.annotate(
            present=Count("attendance", filter=Q(attendance__attended=True))
        ).order_by("start", "pk"),
    )


def run_list(request: HttpRequest) -> HttpResponse:
    """Every run whose registers the user keeps, newest first, with counts present."""
    _require_keeper(request)
    runs = (
        runs_for_user(request.user)
        .select_related("course")
        .annotate(latest=Max("sessions__start"))
        .prefetch_related(_sessions_with_counts())
        .order_by("-latest", "-pk")
    )
    return TemplateResponse(request, "certificates/registers/runs.html", {"runs": runs})


def run_sessions(request: HttpRequest, pk: int) -> HttpResponse:
    """A run's sessions, each with its register's count present."""
    _require_keeper(request)
    run = get_object_or_404(
        CourseRun.objects.select_related("course").prefetch_related(
            _sessions_with_counts()
        ),
        pk=pk,
    )
    if not may_keep_register(request.user, run):
        return _forbidden(request)
    return TemplateResponse(request, "certificates/registers/run.html", {"run": run})


def _register_context(session: CourseSession) -> dict:
    lines = register_lines(session)
    return {
        "session": session,
        "run": session.run,
        "lines": lines,
        "unmatched": list(open_rows(session)),
        "imports": AttendanceImport.objects.filter(session=session)[:5],
        "new_choice": NEW,
        "dismiss_choice": DISMISS,
    }


def register(request: HttpRequest, pk: int) -> HttpResponse:
    """A session's register: tick who came; saving logs each line that changed."""
    try:
        session = _session_or_refuse(request, pk)
    except NotYours:
        return _forbidden(request)
    if request.method == "POST":
        changed = save_ticks(
            session,
            set(request.POST.getlist("shown")),
            set(request.POST.getlist("attended")),
            by=request.user,
        )
        messages.success(
            request, _("Register saved: %(n)s line(s) changed.") % {"n": changed}
        )
        return redirect("registers_admin:session", session.pk)
    return TemplateResponse(
        request, "certificates/registers/session.html", _register_context(session)
    )


def add_person(request: HttpRequest, pk: int) -> HttpResponse:
    """Add someone who came without a place (or tick the place their email holds)."""
    try:
        session = _session_or_refuse(request, pk)
    except NotYours:
        return _forbidden(request)
    form = WalkInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _line, had_place = add_walk_in(session, **form.cleaned_data, by=request.user)
        if had_place:
            messages.success(
                request, _("That email holds a place on this run: its line is ticked.")
            )
        else:
            messages.success(request, _("Added to the register and ticked."))
        return redirect("registers_admin:session", session.pk)
    return TemplateResponse(
        request,
        "certificates/registers/add_person.html",
        {"session": session, "run": session.run, "form": form},
    )


def import_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a Teams attendance report for the session, with a minimum of minutes."""
    try:
        session = _session_or_refuse(request, pk)
    except NotYours:
        return _forbidden(request)
    length = int((session.end - session.start).total_seconds() // 60)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"minimum_minutes": max(length * 3 // 4, 0)},
    )
    if request.method == "POST" and form.is_valid():
        result = import_report(
            session,
            form.people,
            minimum_minutes=form.cleaned_data["minimum_minutes"],
            filename=form.cleaned_data["report"].name,
            by=request.user,
        )
        messages.success(
            request,
            _(
                "Read %(read)s people: %(present)s ticked present, %(below)s below "
                "the minimum (minutes recorded, not ticked), %(same)s unchanged, "
                "%(open)s left to match."
            )
            % {
                "read": result.report.rows_read,
                "present": result.present,
                "below": result.below_minimum,
                "same": result.unchanged,
                "open": result.unmatched,
            },
        )
        if result.facilitators_skipped:
            messages.info(
                request,
                _("%(n)s row(s) of the course's facilitators were left out.")
                % {"n": result.facilitators_skipped},
            )
        return redirect("registers_admin:session", session.pk)
    return TemplateResponse(
        request,
        "certificates/registers/import.html",
        {"session": session, "run": session.run, "form": form},
    )


@require_POST
def match(request: HttpRequest, pk: int) -> HttpResponse:
    """Match one unmatched report row: to a register line, as a newcomer, or dismiss."""
    _require_keeper(request)
    row = get_object_or_404(
        UnmatchedRow.objects.select_related("report__session__run"), pk=pk
    )
    session = row.report.session
    if not may_keep_register(request.user, session.run):
        return _forbidden(request)
    if row.outcome != UnmatchedRow.Outcome.OPEN:
        messages.warning(request, _("That row was already dealt with."))
        return redirect("registers_admin:session", session.pk)
    choice = request.POST.get("choice", "")
    if choice == DISMISS:
        dismiss_row(row, by=request.user)
        messages.success(request, _("Marked as not a participant."))
    elif choice == NEW:
        try:
            add_row_as_walk_in(row, language=settings.LANGUAGE_CODE, by=request.user)
            messages.success(request, _("Added as someone who came without a place."))
        except CannotAdd:
            messages.error(
                request,
                _(
                    "The row has no email address: add the person with “Add someone "
                    "who came without a place”, then match the row to them."
                ),
            )
    else:
        entry = next((e for e in register_lines(session) if e.key == choice), None)
        if entry is None:
            messages.error(request, _("Choose who the row is, then match it."))
        else:
            match_row(row, entry, by=request.user)
            messages.success(request, _("Matched: the register line is updated."))
    return redirect("registers_admin:session", session.pk)
