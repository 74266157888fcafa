"""Which sessions a place covers, and how their time, place and joining details read."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from courses.models import CourseSession
from places.models import Place, SessionAnnouncement


def covered_sessions(place: Place) -> list[CourseSession]:
    """The meetings a place entitles its person to: its one drop-in date, if it has
    one, otherwise the run's core sessions."""
    if place.session_id is not None:
        return [place.session]
    return list(place.run.sessions.core().order_by("start", "pk"))


def joining_text(session: CourseSession) -> str:
    """The private joining details as lines of text, in the active language."""
    lines = []
    if session.joining_link:
        lines.append(_("Join online: %(link)s") % {"link": session.joining_link})
    if session.joining_passcode:
        lines.append(_("Passcode: %(code)s") % {"code": session.joining_passcode})
    if session.joining_directions:
        lines.append(session.joining_directions)
    return "\n".join(lines)


@dataclass(frozen=True)
class SessionView:
    """A session as an email to a person holding a place shows it."""

    when: str
    where: str
    status: str
    cancelled: bool
    joining: str


def session_view(session: CourseSession) -> SessionView:
    """Call inside the person's language: dates and labels are written out."""
    return SessionView(
        when=session.when_text(),
        where=session.place_label,
        status="" if session.is_scheduled else str(session.get_status_display()),
        cancelled=session.is_cancelled,
        joining="" if session.is_cancelled else joining_text(session),
    )


def remember_sent(place: Place, sessions: list[CourseSession]) -> None:
    """Note the version of each session the person now has in their calendar."""
    for session in sessions:
        SessionAnnouncement.objects.update_or_create(
            place=place,
            session_uid=session.uid,
            defaults={
                "sequence": session.sequence,
                "start": session.start,
                "end": session.end,
            },
        )
