"""What the public verification page may say about a code, and nothing more."""

from certificates.codes import normalise
from certificates.models import Certificate


def find_certificate(typed: str) -> Certificate | None:
    """The certificate a typed or linked code names, whatever its status."""
    return Certificate.objects.filter(code=normalise(typed)).first()


def public_facts(certificate: Certificate) -> dict:
    """The facts a verifier sees: status, for whom, which course, how many hours."""
    return {
        "code": certificate.code,
        "status": certificate.status,
        "status_label": certificate.get_status_display(),
        "name": certificate.name,
        "course_title": certificate.course_title,
        "cpd_hours": certificate.cpd_hours,
        "participatory_hours": certificate.participatory_hours,
        "issued_on": certificate.issued_at.date(),
        "revoked_reason_given": bool(certificate.revoked_reason),
    }
