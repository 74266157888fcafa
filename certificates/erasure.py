"""Forget a person when staff erase them: registers and certificates no longer name them."""

from django.dispatch import receiver
from django.utils.translation import gettext_noop

from certificates.models import (
    Attendance,
    Certificate,
    CertificateEvent,
    CertificateStatus,
    UnmatchedRow,
)
from forms_app.signals import person_erased

ERASED = gettext_noop("Erased at the person's request")


@receiver(person_erased)
def forget_person(sender, email: str, **kwargs) -> int:
    """Drop the person's register lines and unmatched report rows' details; revoke and
    blank their certificates, which can no longer say whom they were for.

    How many records changed.
    """
    changed = Attendance.objects.filter(email__iexact=email).delete()[0]
    changed += UnmatchedRow.objects.filter(email__iexact=email).update(
        name="", email=""
    )
    certificates = list(Certificate.objects.filter(email__iexact=email))
    for certificate in certificates:
        if certificate.status == CertificateStatus.VALID:
            CertificateEvent.objects.create(
                certificate=certificate,
                action=CertificateEvent.Action.REVOKED,
                note=ERASED,
            )
    changed += Certificate.objects.filter(
        pk__in=[certificate.pk for certificate in certificates]
    ).update(
        name="",
        email="",
        status=CertificateStatus.REVOKED,
        revoked_reason=ERASED,
    )
    return changed
