"""Emailing certificates through the outbox: once per certificate, with its download link."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from certificates.issuing import correct_name, issue_for_run
from certificates.links import download_link
from certificates.models import Certificate, CertificateEvent
from certificates.pdf import verification_url
from forms_app.models import Delivery
from forms_app.outbox import queue_message
from places.emails import split_subject


def delivery_key(certificate: Certificate) -> str:
    """One email per certificate, however often issuing is retried."""
    return f"certificate:{certificate.pk}:issued"


def render_certificate_email(certificate: Certificate) -> tuple[str, str]:
    """(subject, body) of the email that sends a certificate, in the person's language."""
    with translation.override(certificate.language):
        text = render_to_string(
            "certificates/emails/certificate.txt",
            {
                "certificate": certificate,
                "download_url": download_link(certificate),
                "verify_url": verification_url(certificate),
                "corrected": Certificate.objects.filter(
                    superseded_by=certificate
                ).exists(),
            },
        )
    return split_subject(text)


def email_certificate(certificate: Certificate, *, by=None) -> Delivery | None:
    """Queue the certificate's email and log it; None if it was queued before."""
    subject, body = render_certificate_email(certificate)
    delivery = queue_message(
        certificate.email,
        subject,
        body,
        rule="certificate:issued",
        key=delivery_key(certificate),
        submission=certificate.place.submission if certificate.place else None,
    )
    if delivery is not None:
        CertificateEvent.objects.create(
            certificate=certificate, action=CertificateEvent.Action.SENT, by=by
        )
    return delivery


@transaction.atomic
def issue_and_email(run, *, by=None) -> list[Certificate]:
    """Issue every certificate the run owes and queue each one's email, all or nothing."""
    issued = issue_for_run(run, by=by)
    for certificate in issued:
        email_certificate(certificate, by=by)
    return issued


@transaction.atomic
def correct_and_email(certificate: Certificate, name: str, *, by=None) -> Certificate:
    """Re-issue under the corrected name and email the new certificate."""
    new = correct_name(certificate, name, by=by)
    email_certificate(new, by=by)
    return new
