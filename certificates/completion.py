"""Who completed a run: core sessions attended, counted per person, against the course's rule."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Exists, OuterRef, QuerySet

from certificates.models import Attendance
from courses.models import CourseSession
from courses.rules import in_london


@dataclass
class Attendee:
    """One person's attendance across a run's core sessions."""

    email: str
    name: str
    language: str
    place: object | None = None
    sessions: set[int] = field(default_factory=set)
    dates: list[date] = field(default_factory=list)
    needed: int = 0

    @property
    def attended(self) -> int:
        return len(self.sessions)

    @property
    def completed(self) -> bool:
        return self.needed > 0 and self.attended >= self.needed


def core_sessions(run) -> list:
    """The run's core sessions in order, on the source-language run the registers use."""
    return list(run.source_run.sessions.core().order_by("start", "pk"))


def attendees(run) -> list[Attendee]:
    """Everyone who attended at least one core session of the run, by email."""
    sessions = core_sessions(run)
    needed = run.source_run.course.specific.sessions_to_complete(len(sessions))
    lines = (
        Attendance.objects.present()
        .filter(session__in=sessions)
        .select_related("session", "place")
        .order_by("session__start", "pk")
    )
    people: dict[str, Attendee] = {}
    for line in lines:
        person = people.setdefault(
            line.email.lower(),
            Attendee(
                email=line.email.lower(),
                name=line.name,
                language=line.language,
                needed=needed,
            ),
        )
        if line.place is not None:
            # A place carries the name the person gave and any correction to it.
            person.place = line.place
            person.name = line.place.name or person.name
            person.language = line.place.language
        person.sessions.add(line.session_id)
        day = in_london(line.session.start).date()
        if day not in person.dates:
            person.dates.append(day)
    return sorted(people.values(), key=lambda person: person.name.lower())


def completers(run) -> list[Attendee]:
    return [person for person in attendees(run) if person.completed]


def ended_runs(runs: QuerySet, now: datetime) -> QuerySet:
    """The runs with core sessions whose last core session has ended by now."""
    later = CourseSession.objects.core().filter(run=OuterRef("pk"), end__gt=now)
    held = CourseSession.objects.core().filter(run=OuterRef("pk"))
    return runs.filter(Exists(held), ~Exists(later))


def has_ended(run, now: datetime) -> bool:
    """The same rule for one run: it had core sessions and the last has ended."""
    ends = [session.end for session in core_sessions(run)]
    return bool(ends) and max(ends) <= now
