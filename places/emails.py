"""Write an email to the person holding a place and hand it to the outbox."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from courses.models import CourseRun
from forms_app.applications import date_label
from forms_app.models import Delivery
from forms_app.outbox import queue_message
from places.links import Action, link_for
from places.models import HOLDING, Place


def language_of(place: Place) -> str:
    """The language the person's emails and calendar files are written in."""
    return place.language or settings.LANGUAGE_CODE


def run_in_language(place: Place) -> CourseRun:
    """The place's run (and through it the course) as written in the person's language."""
    locale = Locale.objects.filter(language_code=place.language).first()
    return place.run.in_locale(locale) if locale is not None else place.run


def render_email(place: Place, name: str, context: dict) -> tuple[str, str]:
    """(subject, body) of `places/emails/<name>.txt`, in the person's language.

    The template's first line is the subject. Every email about a place held on a
    run ends with the link to give it up. `dates` names the run, or the one date of
    a drop-in place.
    """
    with translation.override(language_of(place)):
        run = run_in_language(place)
        session = place.session.counterpart_in(run) if place.session_id else None
        text = render_to_string(
            f"places/emails/{name}.txt",
            {
                "place": place,
                "run": run,
                "session": session,
                "dates": f"{run.title}: {date_label(session)}"
                if session
                else run.label,
                "course": run.course,
                "cancel_url": link_for(place, Action.CANCEL)
                if place.status in HOLDING
                else "",
                **context,
            },
        )
    return split_subject(text)


def split_subject(text: str) -> tuple[str, str]:
    """(subject, body) of a rendered email template whose first line is the subject."""
    subject, _sep, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def email_person(
    place: Place,
    name: str,
    context: dict | None = None,
    *,
    key: str | None = None,
    attachments: list[dict] | None = None,
    subject_and_body: tuple[str, str] | None = None,
) -> Delivery | None:
    """Queue the email named `name` to the place's person; None if `key` was queued.

    `subject_and_body` sends text a member of staff has already previewed and edited.
    """
    if not place.email:
        return None
    subject, body = subject_and_body or render_email(place, name, context or {})
    return queue_message(
        place.email,
        subject,
        body,
        rule=f"place:{name}",
        key=key,
        submission=place.submission,
        attachments=attachments,
    )
