"""Graduates' follow-ups: everyone who completed a cohort is invited to the course's.

Follow-up sessions (`CourseSession.graduates_only`) belong to the course, whichever
run lists them. Until attendance is recorded, a graduate is anyone with an accepted
place on a run of the course whose core sessions have all ended. Each graduate is
invited once to each follow-up to come (one `FollowUpInvitation` per address and
session, and an outbox key), reminded a week and a day before, and may decline one
follow-up by a signed link, which stops its reminders.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Locale

from courses.models import CoursePage, CourseRun, CourseSession, SessionStatus
from forms_app.applications import date_label
from forms_app.models import Delivery
from forms_app.outbox import queue_message
from places.emails import split_subject
from places.links import follow_up_link
from places.models import FollowUpInvitation, Place, Status

# How often the task workers look for follow-ups to invite or remind graduates to.
INTERVAL_SECONDS = 3600
REMINDERS = (timedelta(days=7), timedelta(days=1))


def completed_runs(course: CoursePage, now: datetime):
    """The course's runs with core sessions, every one of them over by now."""
    later = CourseSession.objects.core().filter(run=OuterRef("pk"), end__gt=now)
    held = CourseSession.objects.core().filter(run=OuterRef("pk"))
    return CourseRun.objects.filter(course=course).filter(Exists(held), ~Exists(later))


def graduates(course: CoursePage, now: datetime) -> list[Place]:
    """One accepted place per address on a completed run of the course, earliest first."""
    places = Place.objects.filter(
        run__in=completed_runs(course, now), status=Status.ACCEPTED
    ).exclude(email="")
    first: dict[str, Place] = {}
    for place in places.order_by("created_at", "pk"):
        first.setdefault(place.email.lower(), place)
    return list(first.values())


def follow_ups_to_come(course: CoursePage, now: datetime) -> list[CourseSession]:
    """The course's follow-up sessions (in any run) that have not started yet."""
    return list(
        CourseSession.objects.filter(
            run__course=course, graduates_only=True, start__gt=now
        )
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("run")
        .order_by("start")
    )


def invite_graduates(now: datetime | None = None) -> int:
    """Invite and remind every graduate of each course about its follow-ups; emails queued."""
    now = now or timezone.now()
    courses = CoursePage.objects.filter(
        locale=Locale.get_default(),
        pk__in=CourseSession.objects.filter(graduates_only=True, start__gt=now).values(
            "run__course"
        ),
    )
    queued = 0
    for course in courses:
        people = graduates(course, now)
        for session in follow_ups_to_come(course, now):
            for place in people:
                queued += invite(course, session, place, now)
    return queued


def invite(course: CoursePage, session: CourseSession, place: Place, now) -> int:
    """Invite one graduate to one follow-up, or remind them when due; emails queued."""
    with transaction.atomic():
        invitation, _created = FollowUpInvitation.objects.get_or_create(
            session=session,
            email=place.email.lower(),
            defaults={"course": course, "place": place, "language": place.language},
        )
        if invitation.declined:
            return 0
        sent = [_send(invitation, "follow_up_invitation", "invitation")]
        for before in REMINDERS:
            due = session.start - before
            # A reminder whose moment passed before the invitation is not sent late.
            if invitation.invited_at < due <= now:
                sent.append(
                    _send(invitation, "follow_up_reminder", f"reminder-{before.days}")
                )
    return sum(delivery is not None for delivery in sent)


def _send(invitation: FollowUpInvitation, name: str, what: str) -> Delivery | None:
    subject, body = render_follow_up(invitation, name)
    return queue_message(
        invitation.email,
        subject,
        body,
        rule=f"place:{name}",
        key=f"follow-up:{invitation.pk}:{what}",
    )


def follow_up_context(invitation: FollowUpInvitation) -> dict:
    """The course, run and session in the graduate's language, and the date's label."""
    run = invitation.session.run
    locale = Locale.objects.filter(language_code=invitation.language).first()
    if locale is not None:
        run = run.in_locale(locale)
    session = invitation.session.counterpart_in(run)
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        when = date_label(session)
    return {
        "invitation": invitation,
        "course": run.course,
        "session": session,
        "when": when,
    }


def render_follow_up(invitation: FollowUpInvitation, name: str) -> tuple[str, str]:
    """(subject, body) of a follow-up email, in the graduate's language."""
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        context = follow_up_context(invitation)
        name_of_person = invitation.place.name if invitation.place else ""
        text = render_to_string(
            f"places/emails/{name}.txt",
            {
                **context,
                "name": name_of_person,
                "decline_url": follow_up_link(invitation),
            },
        )
    return split_subject(text)


def decline_follow_up(invitation: FollowUpInvitation) -> FollowUpInvitation:
    """Record that the graduate will not come to this follow-up (once; later is a no-op)."""
    FollowUpInvitation.objects.filter(
        pk=invitation.pk, declined_at__isnull=True
    ).update(declined_at=timezone.now())
    invitation.refresh_from_db()
    return invitation


def has_declined(email: str, session: CourseSession) -> bool:
    """Whether this address declined this follow-up: reminders of it skip them."""
    return FollowUpInvitation.objects.filter(
        session=session, email=email.lower(), declined_at__isnull=False
    ).exists()
