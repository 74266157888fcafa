"""Writing a session's register: every change is one row and one logged change."""

from django.db import transaction

from certificates.models import Attendance, AttendanceChange


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

    A person with a place is found by their place; anyone else by their email. The
    change is logged with who made it, even when nothing changed but the source.
    """
    if place is not None:
        name, email, language = place.name, place.email, place.language
    email = email.strip().lower()
    lookup = {"place": place} if place is not None else {"email": email}
    line = (
        Attendance.objects.select_for_update().filter(session=session, **lookup).first()
    )
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
