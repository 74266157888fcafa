"""Demo registers and certificates: the past leadership cohort, kept and issued as staff do.

Register lines go through `record_attendance` and certificates through
`issue_for_run`, then are dated to when they would have happened. Issuing sends
nothing, so loading the demo emails nobody; a run that has a register is left as it
is, so loading it again changes nothing.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from certificates.issuing import NothingToCertify, issue_for_run
from certificates.models import (
    Attendance,
    AttendanceChange,
    Certificate,
    CertificateEvent,
    Source,
)
from certificates.register import record_attendance
from courses.models import CoursePage, CourseRun, CourseSession
from home.demo import DemoSite
from places.models import Place, Status

COURSE_SLUG = "compassionate-leadership"
# The weeks (0 to 5) each place-holder missed, in the order their places were taken:
# one came every week, most missed one, one missed two and one missed three.
MISSED_WEEKS = [(), (2,), (4,), (0,), (5,), (1,), (3,), (1, 3), (0, 2, 4), (3,)]
# Came in a colleague's stead from the second week, without a place, and writes in
# Welsh: a walk-in who completes, with a certificate in Welsh.
WALK_IN = {
    "name": "Rhiannon Demo",
    "email": "rhiannon.demo@example.org",
    "language": "cy",
}
WALK_IN_WEEKS = (1, 2, 3, 4, 5)
# The register is kept just after each session; certificates go out a few days on.
KEPT_AFTER = timedelta(minutes=20)
ISSUED_AFTER = timedelta(days=3)
NOTE = "Demo content"


def past_cohort() -> CourseRun | None:
    """The latest leadership run whose core sessions have all ended."""
    course = CoursePage.objects.get(
        slug=COURSE_SLUG, locale__language_code=settings.LANGUAGE_CODE
    )
    now = timezone.now()
    ended = [
        (last.end, run)
        for run in course.runs.all()
        if (last := run.sessions.core().order_by("start").last()) and last.end < now
    ]
    return max(ended, key=lambda pair: pair[0])[1] if ended else None


def _dated(lines: list[Attendance], at: datetime) -> None:
    """Date the register lines and their changes to when the register was kept."""
    pks = [line.pk for line in lines]
    Attendance.objects.filter(pk__in=pks).update(updated_at=at)
    AttendanceChange.objects.filter(attendance__in=pks).update(at=at)


def keep_registers(run: CourseRun, by) -> None:
    """Tick every place-holder present or absent each week, and the walk-in present."""
    sessions: list[CourseSession] = list(run.sessions.core().order_by("start"))
    places = list(Place.objects.filter(run=run, status=Status.ACCEPTED).order_by("pk"))
    for week, session in enumerate(sessions):
        lines = [
            record_attendance(
                session,
                place=place,
                attended=week not in missed,
                source=Source.REGISTER,
                by=by,
                note=NOTE,
            )
            for place, missed in zip(places, MISSED_WEEKS, strict=False)
        ]
        if week in WALK_IN_WEEKS:
            lines.append(
                record_attendance(
                    session,
                    attended=True,
                    source=Source.WALK_IN,
                    by=by,
                    note=NOTE,
                    **WALK_IN,
                )
            )
        _dated(lines, session.end + KEPT_AFTER)


def issue_certificates(run: CourseRun, by) -> list[Certificate]:
    """Certificates for everyone who met the rule, dated a few days after the end."""
    try:
        issued = issue_for_run(run, by=by)
    except NothingToCertify:  # a demo built before the course promised one
        return []
    last = run.sessions.core().order_by("start").last()
    at = min(last.end + ISSUED_AFTER, timezone.now())
    pks = [certificate.pk for certificate in issued]
    Certificate.objects.filter(pk__in=pks).update(issued_at=at)
    CertificateEvent.objects.filter(certificate__in=pks).update(at=at)
    return issued


def add_feedback(demo_site: DemoSite, run: CourseRun) -> None:
    """Feedback after the cohort's last session, and the draft testimonials it gives.

    None yet: the feedback form and consent records are still to be built. This is
    where the demo will answer them, once, for the same past cohort.
    """


def build(demo_site: DemoSite) -> str:
    """The past cohort's registers and certificates, once; prints one to verify."""
    run = past_cohort()
    if run is None:
        return ""
    if not Attendance.objects.on_run(run).exists():
        keep_registers(run, demo_site.admin)
        issue_certificates(run, demo_site.admin)
    add_feedback(demo_site, run)
    example = (
        Certificate.objects.valid()
        .filter(run=run, language=settings.LANGUAGE_CODE)
        .order_by("name", "pk")
        .first()
    )
    if example is None:
        return ""
    return (
        f"A demo certificate to verify: {demo_site.base_url}"
        f"{example.verification_path()}"
    )
