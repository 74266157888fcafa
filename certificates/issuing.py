"""Issuing certificates: one for each person who completed a run, every fact copied at issue."""

from django.db import IntegrityError, transaction
from wagtail.models import Locale, Site

from certificates.codes import new_code
from certificates.completion import Attendee, completers
from certificates.models import Certificate, CertificateEvent
from home.models import SiteSettings
from places.links import site_language


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


def certificate_for(run, person: Attendee, *, by=None) -> Certificate:
    """A new valid certificate for one person, with a fresh unused code."""
    source = run.source_run
    course = source.course.specific
    if not course.certificate or course.cpd_hours is None:
        raise NothingToCertify
    shown = course_in_language(source, person.language)
    run_title = source.in_locale(shown.locale).title
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    code=new_code(),
                    run=source,
                    place=person.place,
                    name=person.name,
                    email=person.email,
                    language=site_language(person.language),
                    course_title=shown.title,
                    run_title=run_title,
                    dates=[day.isoformat() for day in person.dates],
                    sessions_attended=person.attended,
                    sessions_needed=person.needed,
                    cpd_hours=course.cpd_hours,
                    participatory_hours=course.participatory_hours,
                    facilitators=facilitator_names(course),
                    centre_name=centre_name(),
                    issued_by=by,
                )
        except IntegrityError:
            if Certificate.objects.valid().filter(run=source, email=person.email):
                raise
            continue  # the code was taken: draw another
        CertificateEvent.objects.create(
            certificate=certificate, action=CertificateEvent.Action.ISSUED, by=by
        )
        return certificate
    raise RuntimeError("No free certificate code after five draws")


def issue_for_run(run, *, by=None) -> list[Certificate]:
    """Certificates for everyone who completed the run and has no valid one yet."""
    source = run.source_run
    held = set(
        Certificate.objects.valid().filter(run=source).values_list("email", flat=True)
    )
    return [
        certificate_for(source, person, by=by)
        for person in completers(source)
        if person.email not in held
    ]
