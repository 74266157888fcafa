"""Demo registers and certificates: the past leadership cohort, kept and issued as staff do.

Register lines go through `record_attendance` and certificates through
`issue_for_run`, then are dated to when they would have happened. Issuing sends
nothing, so loading the demo emails nobody; a run that has a register is left as it
is, so loading it again changes nothing.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone, translation

from certificates.completion import attendees
from certificates.feedback_answers import form_for, record_answers
from certificates.issuing import NothingToCertify, issue_for_run
from certificates.models import (
    Attendance,
    AttendanceChange,
    Certificate,
    CertificateEvent,
    FeedbackRequest,
    Source,
)
from certificates.register import record_attendance
from courses.models import CoursePage, CourseRun, CourseSession
from home.demo import DemoSite
from places.links import site_language
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
# Feedback answered by the first few people asked: fictional, written for the demo.
ANSWERS = [
    {
        "rating": "5",
        "helped": "Practising the hard conversations with colleagues who face the same "
        "pressures. I now open team huddles by asking how people really are.",
        "to_change": "A little more time in the final session for action plans.",
        "quote_choice": "named",
        "role": "Ward manager, older people's care",
        "quote": "Practising the hard conversations with colleagues who face the "
        "same pressures changed how I open every team huddle.",
    },
    {
        "rating": "4",
        "helped": "The weekly rhythm: trying something on the ward and bringing it "
        "back to the group the next week.",
        "to_change": "Send the reading a few days before each session.",
        "quote_choice": "role",
        "role": "Charge nurse, emergency department",
        "quote": "Trying something on shift and bringing it back to the group the "
        "next week made the ideas stick.",
    },
    {
        "rating": "5",
        "helped": "Hearing how other leaders protect time for their own wellbeing.",
        "to_change": "",
        "quote_choice": "no",
    },
    {
        "rating": "3",
        "helped": "The models of compassionate leadership were clear.",
        "to_change": "Fewer slides in the online sessions; more small-group work.",
        "quote_choice": "no",
    },
]
ASKED_AFTER = timedelta(hours=2)
ANSWERED_AFTER = timedelta(days=1)
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


def add_feedback(run: CourseRun) -> None:
    """Answers to the feedback asked after the cohort's last session, once.

    Requests are made as the worker makes them but without their emails (the run
    ended before the job's window, so no worker asks again); answers go through the
    form's own recording, so each "yes" gives a consent record and a draft
    testimonial waiting for an editor in Snippets → Testimonials.
    """
    if FeedbackRequest.objects.filter(run=run).exists():
        return
    last = run.sessions.core().order_by("start").last()
    asked_at = min(last.end + ASKED_AFTER, timezone.now())
    people = {person.email: person for person in attendees(run)}
    for number, person in enumerate(people.values()):
        request = FeedbackRequest.objects.create(
            run=run,
            place=person.place,
            name=person.name,
            email=person.email,
            language=site_language(person.language),
            sent_at=asked_at,
        )
        if number >= len(ANSWERS):
            continue  # not everyone answers
        form = form_for(request, {"shown_name": person.name, **ANSWERS[number]})
        if not form.is_valid():
            raise ValueError(f"Demo feedback answer {number} is invalid")
        with translation.override(request.language):
            record_answers(request, form.cleaned_data, now=asked_at + ANSWERED_AFTER)


def build(demo_site: DemoSite) -> str:
    """The past cohort's registers and certificates, once; prints one to verify."""
    run = past_cohort()
    if run is None:
        return ""
    if not Attendance.objects.on_run(run).exists():
        keep_registers(run, demo_site.admin)
        issue_certificates(run, demo_site.admin)
    add_feedback(run)
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
