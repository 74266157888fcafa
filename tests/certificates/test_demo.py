"""The demo has a past cohort with its registers kept and its certificates issued."""

import re
from collections import Counter

import pytest
from django.conf import settings
from django.utils import timezone

from certificates.completion import attendees
from certificates.models import (
    Attendance,
    AttendanceChange,
    Certificate,
    CertificateEvent,
    FeedbackRequest,
    FeedbackResponse,
    Source,
)
from courses import models as course_models
from courses.completion import Completion
from courses.models import CoursePage
from forms_app.models import Delivery

pytestmark = pytest.mark.django_db


def course(slug: str) -> CoursePage:
    return CoursePage.objects.get(
        slug=slug, locale__language_code=settings.LANGUAGE_CODE
    )


def test_demo_past_cohort_has_registers_and_verifiable_certificates(client, demo_site):
    leadership = course("compassionate-leadership")
    assert leadership.certificate
    assert leadership.completion == Completion.AT_LEAST
    assert leadership.completion_sessions == 5
    assert 0 < leadership.participatory_hours <= leadership.cpd_hours
    writing = course("creative-writing-for-empathy")
    assert writing.certificate
    assert 0 < writing.participatory_hours <= writing.cpd_hours

    now = timezone.now()
    past = next(
        run for run in leadership.runs.all() if run.sessions.core().last().end < now
    )
    core = list(past.sessions.core().order_by("start"))
    assert len(core) == 6
    # Every core session has its register, kept before today, each line logged.
    for session in core:
        lines = Attendance.objects.filter(session=session)
        assert lines.present().exists()
        assert all(line.changes.exists() for line in lines)
    assert (
        not Attendance.objects.filter(session__run=past)
        .exclude(session__in=core)
        .exists()
    ), "follow-ups are optional and have no register in the demo"
    changes = AttendanceChange.objects.filter(attendance__session__run=past)
    assert all(change.at < now for change in changes)

    people = attendees(past)
    counts = Counter(person.attended for person in people)
    assert counts[6] >= 1 and counts[5] >= 2 and counts[3] >= 1
    walk_ins = Attendance.objects.filter(
        session__run=past, place=None, source=Source.WALK_IN
    )
    assert walk_ins.exists()

    # Certificates for exactly those who met the rule, issued after the last session.
    certificates = Certificate.objects.filter(run=past)
    assert {c.email for c in certificates.valid()} == {
        person.email for person in people if person.completed
    }
    assert {c.email for c in certificates} & {w.email for w in walk_ins}
    assert all(core[-1].end < c.issued_at < now for c in certificates)
    assert all(
        c.events.filter(action=CertificateEvent.Action.ISSUED).exists()
        for c in certificates
    )

    # The summary prints one valid certificate's public address to try.
    printed = re.search(
        r"https?://\S+/certificates/verify/([0-9A-Z-]+)/", demo_site.output
    )
    assert printed, demo_site.output
    shown = Certificate.objects.get(code=printed.group(1))
    assert shown.is_valid
    page = client.get(f"/certificates/verify/{shown.code}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Certificate {shown.code} is valid." in html
    assert shown.name in html and "Compassionate Leadership Training" in html

    # The walk-in wrote in Welsh: their certificate is in Welsh, and so is its page.
    welsh = certificates.get(language="cy")
    assert welsh.place is None
    assert welsh.course_title == "Hyfforddiant Arweinyddiaeth Dosturiol"
    assert client.get(welsh.verification_path()).status_code == 200
    assert welsh.verification_path().startswith("/cy/")

    # Feedback was asked of everyone who came; four answered, and the two who let us
    # quote them wait as draft testimonials with consent records matching answers.
    assert FeedbackRequest.objects.filter(run=past).count() == len(
        {line.email for line in Attendance.objects.on_run(past)}
    )
    answers = FeedbackResponse.objects.filter(request__run=past)
    assert answers.count() == 4
    drafts = course_models.Testimonial.objects.filter(run=past)
    assert drafts.count() == 2
    assert not drafts.filter(live=True).exists()
    for draft in drafts:
        assert draft.consent.source == "feedback_form"
        assert draft.consent.attribution == draft.attribution
        assert draft.consent.shown_role == draft.role
    course_page = client.get(leadership.url)
    assert not any(draft.quote in course_page.content.decode() for draft in drafts)

    # Everyone is fictional, and loading the demo emailed none of them.
    emails = set(Attendance.objects.values_list("email", flat=True))
    assert all(email.endswith("@example.org") for email in emails)
    assert not Delivery.objects.filter(recipient__in=emails).exists()
