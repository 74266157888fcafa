"""Writing a session's register: every change is one row and one logged change."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet

from certificates.models import Attendance, AttendanceChange, Source
from courses.models import CourseSession
from places.models import Place, Status


@transaction.atomic
def record_attendance(
    session,
    *,
    attended: bool,
    source: str,
    by=None,
    place=None,
    name: str = "",
    email: str = "",
    language: str = "",
    minutes: int | None = None,
    note: str = "",
) -> Attendance:
    """Set whether a person came to a session, for a place or a person without one.

    A person with a place is found by their place (or their email, if they were put
    on the register before their place was known); anyone else by email. The
    change is logged with who made it, even when nothing changed but the source.
    """
    if place is not None:
        name, email, language = place.name, place.email, place.language
    email = email.strip().lower()
    lines = Attendance.objects.select_for_update().filter(session=session)
    if place is not None:
        # Someone ticked before their place was known is the same person by email.
        line = lines.filter(place=place).first()
        if line is None and email:
            line = lines.filter(place__isnull=True, email=email).first()
        if line is not None:
            line.place = place
    else:
        line = lines.filter(email=email).first()
    if line is None:
        # The line keeps how it first came; each change logs its own source.
        line = Attendance(session=session, place=place, email=email, source=source)
        if language:
            line.language = language
    line.name = name or line.name
    line.attended = attended
    if minutes is not None:
        line.minutes = minutes
    line.save()
    AttendanceChange.objects.create(
        attendance=line,
        by=by,
        attended=attended,
        minutes=line.minutes,
        source=source,
        note=note,
    )
    return line


@dataclass
class RegisterLine:
    """One person on a session's register: a place expected there, a line, or both."""

    key: str
    name: str
    email: str
    place: Place | None = None
    line: Attendance | None = None

    @property
    def attended(self) -> bool:
        return bool(self.line and self.line.attended)

    @property
    def minutes(self) -> int | None:
        return self.line.minutes if self.line else None

    @property
    def changes(self) -> list[AttendanceChange]:
        return list(self.line.changes.all()) if self.line else []


def expected_places(session: CourseSession) -> QuerySet:
    """Accepted places that cover the session: the whole run's, or this drop-in date's."""
    return (
        Place.objects.on_run(session.run)
        .filter(status=Status.ACCEPTED)
        .filter(Q(session__isnull=True) | Q(session__uid=session.uid))
    )


def register_lines(session: CourseSession) -> list[RegisterLine]:
    """Everyone expected at the session and everyone already on its register, by name."""
    lines = (
        Attendance.objects.filter(session=session)
        .select_related("place")
        .prefetch_related(
            Prefetch("changes", AttendanceChange.objects.select_related("by"))
        )
    )
    unclaimed = {line.pk: line for line in lines}
    by_place = {line.place_id: line for line in lines if line.place_id}
    by_email = {line.email: line for line in lines if not line.place_id}
    register = []
    for place in expected_places(session):
        line = by_place.get(place.pk) or (
            by_email.get(place.email.lower()) if place.email else None
        )
        if line is not None:
            unclaimed.pop(line.pk, None)
        register.append(
            RegisterLine(f"place-{place.pk}", place.name, place.email, place, line)
        )
    register += [
        RegisterLine(f"line-{line.pk}", line.name, line.email, line.place, line)
        for line in unclaimed.values()
    ]
    return sorted(register, key=lambda entry: (entry.name.casefold(), entry.key))


@transaction.atomic
def save_ticks(
    session: CourseSession, shown: set[str], ticked: set[str], *, by=None
) -> int:
    """Set the lines shown on the page to ticked or not; only changed ones are logged.

    Lines added since the page was opened are not in `shown` and stay as they are.
    Returns how many lines changed.
    """
    changed = 0
    for entry in register_lines(session):
        if entry.key not in shown or (entry.key in ticked) == entry.attended:
            continue
        record_attendance(
            session,
            attended=entry.key in ticked,
            source=Source.REGISTER,
            by=by,
            place=entry.place,
            name=entry.name,
            email=entry.email,
        )
        changed += 1
    return changed


def holding_place(session: CourseSession, email: str) -> Place | None:
    """The place someone holds for this session, found by their email."""
    return (
        expected_places(session).filter(email__iexact=email.strip()).order_by("pk")
    ).first()


def add_walk_in(
    session: CourseSession, *, name: str, email: str, language: str, by=None
) -> tuple[Attendance, bool]:
    """Tick someone who came without a place; an email holding a place ticks the place.

    Returns the line and whether it was the person's place that was ticked.
    """
    place = holding_place(session, email)
    if place is not None:
        line = record_attendance(
            session, attended=True, source=Source.REGISTER, by=by, place=place
        )
        return line, True
    line = record_attendance(
        session,
        attended=True,
        source=Source.WALK_IN,
        by=by,
        name=name,
        email=email,
        language=language,
    )
    return line, False
