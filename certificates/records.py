"""A person's CPD record: their certificates as rows for the page, the PDF and the CSV.

Rows carry what a nursing revalidation CPD log asks for (dates, method, topic,
CPD and participatory hours, evidence). Only valid certificates count towards
the totals; superseded and revoked ones are listed and marked.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from certificates.links import download_token
from certificates.models import Certificate
from courses.models import CourseSession, SessionFormat

ONLINE, IN_PERSON, BLENDED = "online", "in_person", "blended"


def method_label(kind: str, participatory: bool) -> str:
    """How the learning was done, in the words of a CPD log, in the active language."""
    if participatory:
        return {
            ONLINE: _("Participatory: online course"),
            IN_PERSON: _("Participatory: in-person workshop"),
            BLENDED: _("Participatory: online and in-person course"),
        }[kind]
    return {
        ONLINE: _("Online course"),
        IN_PERSON: _("In-person workshop"),
        BLENDED: _("Online and in-person course"),
    }[kind]


def delivery_kind(sessions: list[CourseSession]) -> str:
    """Online, in person or both, from the formats of the run's core sessions."""
    online = {session.is_online_only for session in sessions}
    hybrid = any(session.format == SessionFormat.HYBRID for session in sessions)
    if hybrid or online == {True, False}:
        return BLENDED
    return IN_PERSON if online == {False} else ONLINE


def hours_text(hours: Decimal | None) -> str:
    """Hours as a person writes them: 12, 2.5; empty when not stated."""
    if hours is None:
        return ""
    return f"{hours:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class RecordRow:
    """One certificate on the record, as the page, the PDF and the CSV show it."""

    certificate: Certificate
    dates: list[date]
    method: str
    verification_url: str

    @property
    def counted(self) -> bool:
        return self.certificate.is_valid

    @property
    def download_path(self) -> str:
        """The certificate's own PDF, offered while it is valid."""
        if not self.counted:
            return ""
        return reverse("certificates:download", args=[download_token(self.certificate)])

    @property
    def cpd_hours(self) -> str:
        return hours_text(self.certificate.cpd_hours)

    @property
    def participatory_hours(self) -> str:
        return hours_text(self.certificate.participatory_hours)


@dataclass(frozen=True)
class CpdRecord:
    rows: list[RecordRow]

    @property
    def name(self) -> str:
        return self.rows[0].certificate.name if self.rows else ""

    @property
    def counted(self) -> list[RecordRow]:
        return [row for row in self.rows if row.counted]

    @property
    def cpd_hours(self) -> str:
        return hours_text(
            sum((row.certificate.cpd_hours for row in self.counted), Decimal(0))
        )

    @property
    def participatory_hours(self) -> str:
        return hours_text(
            sum(
                (row.certificate.participatory_hours or 0 for row in self.counted),
                Decimal(0),
            )
        )


def record_for(email: str) -> CpdRecord:
    """Every certificate issued to the address (any case), newest first."""
    certificates = (
        Certificate.objects.for_email(email)
        .select_related("run")
        .prefetch_related(
            Prefetch(
                "run__sessions",
                queryset=CourseSession.objects.core().order_by("start"),
                to_attr="core_sessions",
            )
        )
        .order_by("-issued_at", "-pk")
    )
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return CpdRecord(
        rows=[
            RecordRow(
                certificate=certificate,
                dates=[date.fromisoformat(day) for day in certificate.dates],
                method=method_label(
                    delivery_kind(certificate.run.core_sessions),
                    bool(certificate.participatory_hours),
                ),
                verification_url=base + certificate.verification_path(),
            )
            for certificate in certificates
        ]
    )
