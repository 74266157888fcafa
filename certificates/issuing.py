"""Issuing certificates: one for each person who completed a run, every fact copied at issue."""

from django.db import IntegrityError, transaction
from wagtail.models import Locale, Site

from certificates.codes import new_code
from certificates.completion import Attendee, completers
from certificates.models import (
    Attendance,
    Certificate,
    CertificateEvent,
    CertificateStatus,
)
from home.models import SiteSettings
from places.links import site_language
from places.models import PlaceChange


class NothingToCertify(Exception):
    """The course promises no certificate, or states no CPD hours to put on one."""


def centre_name() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).organisation_name if site else ""


def course_in_language(run, language: str):
    """The run's course as written in the person's language, or as written."""
    course = run.source_run.course.specific
    locale = Locale.objects.filter(language_code=site_language(language)).first()
    if locale is None:
        return course
    return course.get_translation_or_none(locale) or course


def facilitator_names(course) -> str:
    links = course.course_facilitators.select_related("facilitator").order_by(
        "sort_order"
    )
    return ", ".join(link.facilitator.title for link in links)


class AlreadyHeld(Exception):
    """The person already holds a valid certificate for the run (issued meanwhile)."""


class NotValid(Exception):
    """The certificate was already superseded or revoked: nothing more can be done to it."""


NAME_CORRECTED_NOTE = "Name corrected for a re-issued certificate."


# Facts a corrected certificate keeps from the one it replaces.
COPIED = {
    "run",
    "place",
    "email",
    "language",
    "course_title",
    "run_title",
    "dates",
    "sessions_attended",
    "sessions_needed",
    "cpd_hours",
    "participatory_hours",
    "facilitators",
    "centre_name",
}


def _create(fields: dict, *, by, note: str = "") -> Certificate:
    """A new valid certificate with the facts given and a fresh unused code."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    code=new_code(), issued_by=by, **fields
                )
        except IntegrityError:
            if Certificate.objects.valid().filter(
                run=fields["run"], email=fields["email"]
            ):
                raise AlreadyHeld from None
            continue  # the code was taken: draw another
        CertificateEvent.objects.create(
            certificate=certificate,
            action=CertificateEvent.Action.ISSUED,
            by=by,
            note=note,
        )
        return certificate
    raise RuntimeError("No free certificate code after five draws")


def certificate_for(run, person: Attendee, *, by=None) -> Certificate:
    """A new valid certificate for one person, with a fresh unused code."""
    source = run.source_run
    course = source.course.specific
    if not course.certificate or course.cpd_hours is None:
        raise NothingToCertify
    shown = course_in_language(source, person.language)
    run_title = source.in_locale(shown.locale).title
    return _create(
        {
            "run": source,
            "place": person.place,
            "name": person.name,
            "email": person.email,
            "language": site_language(person.language),
            "course_title": shown.title,
            "run_title": run_title,
            "dates": [day.isoformat() for day in person.dates],
            "sessions_attended": person.attended,
            "sessions_needed": person.needed,
            "cpd_hours": course.cpd_hours,
            "participatory_hours": course.participatory_hours,
            "facilitators": facilitator_names(course),
            "centre_name": centre_name(),
        },
        by=by,
    )


def issue_for_run(run, *, by=None) -> list[Certificate]:
    """Certificates for everyone who completed the run and has no valid one yet."""
    source = run.source_run
    held = set(
        Certificate.objects.valid().filter(run=source).values_list("email", flat=True)
    )
    issued = []
    for person in completers(source):
        if person.email in held:
            continue
        try:
            issued.append(certificate_for(source, person, by=by))
        except AlreadyHeld:
            continue  # another member of staff issued it a moment ago
    return issued


def _end(certificate: Certificate, status: str, **fields) -> None:
    """Move a valid certificate to `status`; the conditional UPDATE is the lock."""
    ended = (
        Certificate.objects.valid()
        .filter(pk=certificate.pk)
        .update(status=status, **fields)
    )
    if not ended:
        raise NotValid
    certificate.refresh_from_db()


@transaction.atomic
def correct_name(certificate: Certificate, name: str, *, by=None) -> Certificate:
    """A new certificate with the corrected name; the old one marked superseded.

    The person's place (or, without one, their register lines on the run) takes the
    corrected name too, so every later list and certificate agrees.
    """
    name = name.strip()
    if not name:
        raise ValueError("A corrected certificate needs a name")
    _end(certificate, CertificateStatus.SUPERSEDED)
    fields = {name: getattr(certificate, name) for name in COPIED}
    new = _create({**fields, "name": name}, by=by, note=f"replaces {certificate.code}")
    certificate.superseded_by = new
    certificate.save(update_fields=["superseded_by"])
    CertificateEvent.objects.create(
        certificate=certificate,
        action=CertificateEvent.Action.SUPERSEDED,
        by=by,
        note=f"replaced by {new.code}",
    )
    place = certificate.place
    if place is not None:
        place.name = name
        place.save(update_fields=["name", "updated_at"])
        PlaceChange.objects.create(
            place=place,
            status_from=place.status,
            status_to=place.status,
            actor=PlaceChange.Actor.STAFF,
            by=by,
            note=NAME_CORRECTED_NOTE,
        )
    else:
        Attendance.objects.on_run(certificate.run).filter(
            place__isnull=True, email__iexact=certificate.email
        ).update(name=name)
    return new


@transaction.atomic
def revoke(certificate: Certificate, reason: str, *, by=None) -> Certificate:
    """Withdraw a valid certificate for a reason staff can see and the public cannot."""
    reason = reason.strip()[:300]
    if not reason:
        raise ValueError("A revocation needs a reason")
    _end(certificate, CertificateStatus.REVOKED, revoked_reason=reason)
    CertificateEvent.objects.create(
        certificate=certificate, action=CertificateEvent.Action.REVOKED, by=by
    )
    return certificate
