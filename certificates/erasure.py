"""Forget a person when staff erase them: registers, certificates and feedback no
longer name them; ratings stay counted."""

from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_noop

from certificates.models import (
    Attendance,
    Certificate,
    CertificateEvent,
    CertificateStatus,
    FeedbackRequest,
    FeedbackResponse,
    UnmatchedRow,
)
from courses.models import ConsentRecord, Testimonial
from forms_app.signals import person_erased

ERASED = gettext_noop("Erased at the person's request")
ERASED_NOTE = "The person was erased."


@receiver(person_erased)
def forget_registers_and_certificates(sender, email: str, **kwargs) -> int:
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


@receiver(person_erased)
def forget_feedback(sender, email: str, **kwargs) -> int:
    """Blank who answered, withdraw any consent they gave to be quoted (which takes
    their quotes off the site) and forget who gave it; how many records changed."""
    requests = FeedbackRequest.objects.filter(email__iexact=email)
    changed = FeedbackResponse.objects.filter(request__in=requests).update(
        shown_name="", role=""
    )
    changed += requests.update(name="", email="")
    today = timezone.localdate()
    for consent in ConsentRecord.objects.filter(email__iexact=email):
        if consent.withdrawn_on is None:
            consent.withdrawn_on = today
            consent.withdrawal_note = ERASED_NOTE
        consent.name = consent.email = consent.shown_name = ""
        consent.save()
        changed += 1 + Testimonial.objects.filter(consent=consent).update(name="")
    return changed
