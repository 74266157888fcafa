"""Putting a meeting attendance report on a session's register, and matching what's left.

A report row is matched to a register line by email (ignoring case), then by its full
name only when exactly one line has that name. Anything else waits as an
`UnmatchedRow` for a person to match: nothing is guessed.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from certificates.models import (
    Attendance,
    AttendanceImport,
    Source,
    UnmatchedRow,
)
from certificates.register import RegisterLine, record_attendance, register_lines
from certificates.teams import Participant
from courses.models import CourseSession


class CannotAdd(Exception):
    """The row carries no email, so it cannot become a person without a place."""


@dataclass
class ImportResult:
    """What an import did, for the page that reports it."""

    report: AttendanceImport
    present: int = 0
    below_minimum: int = 0
    unchanged: int = 0
    unmatched: int = 0
    facilitators_skipped: int = 0
    people: list[RegisterLine] = field(default_factory=list)


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def match_line(person: Participant, lines: list[RegisterLine]) -> RegisterLine | None:
    """The one register line the report's person is, or None when not certain."""
    if person.email:
        for entry in lines:
            if entry.email and entry.email.lower() == person.email:
                return entry
    named = [e for e in lines if _same_name(e.name) == _same_name(person.name)]
    return named[0] if len(named) == 1 else None


def facilitator_keys(session: CourseSession) -> set[str]:
    """Emails and names of the course's facilitators, to leave their rows aside."""
    course = session.run.course
    keys = set()
    for link in course.course_facilitators.select_related("facilitator__user"):
        keys.add(_same_name(link.facilitator.title))
        if link.facilitator.user and link.facilitator.user.email:
            keys.add(link.facilitator.user.email.lower())
    return keys


def _note(report: AttendanceImport) -> str:
    return f"Attendance report #{report.pk}"


def _set(entry: RegisterLine, session, minutes: int, minimum: int, by, note) -> str:
    """Record the minutes; tick at or above the minimum. An import never unticks."""
    attended = minutes >= minimum or entry.attended
    if entry.line and entry.line.attended == attended and entry.minutes == minutes:
        return "unchanged"
    record_attendance(
        session,
        attended=attended,
        source=Source.IMPORT,
        by=by,
        place=entry.place,
        name=entry.name,
        email=entry.email,
        minutes=minutes,
        note=note,
    )
    return "present" if minutes >= minimum else "below_minimum"


@transaction.atomic
def import_report(
    session: CourseSession,
    people: list[Participant],
    *,
    minimum_minutes: int,
    filename: str = "",
    by=None,
) -> ImportResult:
    """Tick who stayed long enough, note everyone's minutes, keep the rest to match."""
    # Rows are counted per person in the report (rejoins summed), as staff see them.
    report = AttendanceImport.objects.create(
        session=session,
        by=by,
        filename=filename[:200],
        minimum_minutes=minimum_minutes,
        rows_read=len(people),
    )
    result = ImportResult(report)
    lines = register_lines(session)
    facilitators = facilitator_keys(session)
    found: dict[str, tuple[RegisterLine, int]] = {}
    matched = defaultdict(int)
    for person in people:
        entry = match_line(person, lines)
        if (
            entry is None
            and person.is_organiser
            and (
                person.email in facilitators or _same_name(person.name) in facilitators
            )
        ):
            result.facilitators_skipped += 1
            continue
        if entry is None:
            UnmatchedRow.objects.create(
                report=report,
                name=person.name[:200],
                email=person.email[:254],
                minutes=person.minutes,
            )
            result.unmatched += 1
            continue
        # Two rows of one person (another device, another name) add up.
        matched[entry.key] += person.seconds
        found[entry.key] = entry
    for key, seconds in matched.items():
        outcome = _set(
            found[key], session, seconds // 60, minimum_minutes, by, _note(report)
        )
        setattr(result, outcome, getattr(result, outcome) + 1)
    report.rows_matched = len(matched)
    report.save(update_fields=["rows_matched"])
    return result


def open_rows(session: CourseSession):
    """Report rows of this session still waiting for a person to match them."""
    return UnmatchedRow.objects.filter(
        report__session=session, outcome=UnmatchedRow.Outcome.OPEN
    ).select_related("report")


def _decide(row: UnmatchedRow, outcome: str, by, line: Attendance | None) -> None:
    row.outcome = outcome
    row.attendance = line
    row.decided_at = timezone.now()
    row.decided_by = by
    row.save(update_fields=["outcome", "attendance", "decided_at", "decided_by"])


@transaction.atomic
def match_row(row: UnmatchedRow, entry: RegisterLine, *, by=None) -> Attendance:
    """Put an unmatched row's minutes on the register line a person chose for it."""
    minimum = row.report.minimum_minutes
    line = record_attendance(
        row.report.session,
        attended=row.minutes >= minimum or entry.attended,
        source=Source.IMPORT,
        by=by,
        place=entry.place,
        name=entry.name,
        email=entry.email,
        minutes=row.minutes,
        note=f"{_note(row.report)}, matched by hand",
    )
    _decide(row, UnmatchedRow.Outcome.MATCHED, by, line)
    return line


@transaction.atomic
def add_row_as_walk_in(row: UnmatchedRow, *, language: str, by=None) -> Attendance:
    """Make an unmatched row a person who came without a place, with its minutes."""
    if "@" not in row.email:
        raise CannotAdd
    minimum = row.report.minimum_minutes
    line = record_attendance(
        row.report.session,
        attended=row.minutes >= minimum,
        source=Source.IMPORT,
        by=by,
        name=row.name,
        email=row.email,
        language=language,
        minutes=row.minutes,
        note=f"{_note(row.report)}, came without a place",
    )
    _decide(row, UnmatchedRow.Outcome.MATCHED, by, line)
    return line


@transaction.atomic
def dismiss_row(row: UnmatchedRow, *, by=None) -> None:
    """Mark a row as not a participant (a facilitator's colleague, a test call)."""
    _decide(row, UnmatchedRow.Outcome.DISMISSED, by, None)
