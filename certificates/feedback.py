"""Feedback after a run: one email to each person who attended, once the last core
session has ended, with a signed link to a short form.

The periodic job (certificates.tasks) asks every run whose last core session ended
within FEEDBACK_MAX_DAYS_AFTER_RUN days. One `FeedbackRequest` per run and address
(a unique constraint) and an outbox key make sure nobody is asked twice.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from certificates.completion import Attendee, attendees
from certificates.models import FeedbackRequest
from courses.models import CourseRun, CourseSession
from forms_app.outbox import queue_message
from places.emails import split_subject
from places.links import sign, site_language, unsign

# How often the task workers look for runs that have just ended.
INTERVAL_SECONDS = 3600
SALT = "certificates.feedback"


def runs_due_for_feedback(now: datetime) -> QuerySet:
    """Source-language runs whose last core session ended by now, and not too long ago."""
    last_end = (
        CourseSession.objects.core()
        .filter(run=OuterRef("pk"))
        .order_by("-end")
        .values("end")[:1]
    )
    oldest = now - timedelta(days=settings.FEEDBACK_MAX_DAYS_AFTER_RUN)
    return (
        CourseRun.objects.filter(locale=Locale.get_default())
        .annotate(last_end=Subquery(last_end))
        .filter(last_end__lte=now, last_end__gte=oldest)
        .select_related("course")
    )


def request_feedback(now: datetime | None = None) -> int:
    """Ask everyone who attended a run that has just ended for feedback; emails queued."""
    now = now or timezone.now()
    queued = 0
    for run in runs_due_for_feedback(now):
        for person in attendees(run):
            queued += ask(run, person, now)
    return queued


def ask(run: CourseRun, person: Attendee, now: datetime) -> int:
    """One person's feedback request and email, made once; 1 if an email was queued."""
    with transaction.atomic():
        request, created = FeedbackRequest.objects.get_or_create(
            run=run,
            email=person.email.lower(),
            defaults={
                "place": person.place,
                "name": person.name,
                "language": site_language(person.language),
                "sent_at": now,
            },
        )
        if not created:  # asked already, in the transaction that queued its email
            return 0
        subject, body = render_request_email(request)
        delivery = queue_message(
            request.email,
            subject,
            body,
            rule="certificates:feedback_request",
            key=f"feedback-request:{request.pk}",
        )
    return int(delivery is not None)


def token_for(request: FeedbackRequest) -> str:
    return sign({"r": request.pk}, SALT)


def read_token(token: str) -> FeedbackRequest | None:
    """The request a feedback link names, or None if forged or gone."""
    return (
        FeedbackRequest.objects.filter(pk=unsign(token, SALT).get("r"))
        .select_related("run__course")
        .first()
    )


def feedback_link(request: FeedbackRequest) -> str:
    """The absolute address of the feedback form, in the person's language."""
    with translation.override(site_language(request.language)):
        path = reverse("certificates:feedback", args=[token_for(request)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def course_in_language(request: FeedbackRequest, language: str):
    """The run's course as written in a language, or the source course."""
    locale = Locale.objects.filter(language_code=language).first()
    run = request.run.in_locale(locale) if locale else request.run
    return run.course


def render_request_email(request: FeedbackRequest) -> tuple[str, str]:
    """(subject, body) of the feedback email, in the person's language."""
    language = site_language(request.language)
    with translation.override(language):
        text = render_to_string(
            "certificates/emails/feedback_request.txt",
            {
                "name": request.name,
                "course": course_in_language(request, language),
                "link": feedback_link(request),
            },
        )
    return split_subject(text)
