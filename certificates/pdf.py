"""The certificate as a PDF: one landscape A4 page in the certificate's language.

A superseded or revoked certificate is still drawn (staff may need to see what was
sent) but is stamped across the page as not valid; the public download refuses it.
"""

import logging
from datetime import date
from decimal import Decimal
from io import BytesIO

import segno
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF
from PIL import Image as PILImage
from wagtail.models import Site

from certificates.documents import FAMILY, new_document
from certificates.models import Certificate, CertificateStatus
from courses.rules import in_london
from home.models import SiteSettings

logger = logging.getLogger(__name__)

LOGO_FORMATS = {"PNG", "JPEG"}


def verification_url(certificate: Certificate) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + certificate.verification_path()


def hours_label(hours: Decimal) -> str:
    number = formats.number_format(hours.normalize())
    count = int(hours) if hours == hours.to_integral_value() else 2
    return ngettext("%(hours)s hour", "%(hours)s hours", count) % {"hours": number}


def dates_label(isodates: list[str]) -> str:
    """UK dates in the active language, e.g. "3 March 2026, 10 March 2026"."""
    days = [date.fromisoformat(day) for day in isodates]
    return ", ".join(formats.date_format(day, "j F Y") for day in days)


def logo_bytes() -> BytesIO | None:
    """The site's logo, read from its original file, if it is a readable PNG or JPEG."""
    site = Site.objects.filter(is_default_site=True).first()
    logo = SiteSettings.for_site(site).logo if site else None
    if logo is None:
        return None
    try:
        with logo.file.storage.open(logo.file.name, "rb") as handle:
            data = handle.read()
        with PILImage.open(BytesIO(data)) as image:
            image.verify()
            if image.format not in LOGO_FORMATS:
                raise ValueError(f"logo format {image.format}")
    except Exception as error:  # a broken logo must not stop a certificate
        logger.warning("Certificate logo left out: %s", type(error).__name__)
        return None
    return BytesIO(data)


def qr_png(url: str) -> BytesIO:
    out = BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=8, border=2)
    out.seek(0)
    return out


def _line(pdf: FPDF, text: str, size: float, *, bold: bool = False, gap: float = 2):
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _stamp(pdf: FPDF, certificate: Certificate) -> None:
    """A large, unmistakable notice that this certificate is not valid."""
    if certificate.status == CertificateStatus.SUPERSEDED:
        text = _("SUPERSEDED: NOT VALID")
    else:
        text = _("REVOKED: NOT VALID")
    pdf.set_text_color(200, 0, 0)
    pdf.set_font(FAMILY, "B", 40)
    with pdf.rotation(20, x=pdf.w / 2, y=pdf.h / 2):
        pdf.set_xy(0, pdf.h / 2 - 10)
        pdf.cell(pdf.w, 20, text, align="C")
    pdf.set_text_color(0, 0, 0)


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, every fact from the certificate as issued."""
    url = verification_url(certificate)
    with translation.override(certificate.language):
        pdf = new_document("landscape")
        pdf.set_title(_("Certificate of completion"))
        pdf.set_margins(20, 15, 20)
        pdf.add_page()
        pdf.set_draw_color(40, 60, 90)
        pdf.set_line_width(1.2)
        pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
        logo = logo_bytes()
        if logo is not None:
            pdf.image(logo, x=20, y=15, h=22)
        pdf.set_y(40)
        _line(pdf, certificate.centre_name, 14, gap=4)
        _line(pdf, _("Certificate of completion"), 28, bold=True, gap=6)
        _line(pdf, _("This certifies that"), 12)
        _line(pdf, certificate.name, 24, bold=True, gap=4)
        _line(pdf, _("completed the course"), 12)
        _line(pdf, certificate.course_title, 18, bold=True, gap=2)
        if certificate.run_title:
            _line(pdf, certificate.run_title, 12)
        _line(
            pdf,
            _("Sessions attended: %(dates)s")
            % {"dates": dates_label(certificate.dates)},
            10,
        )
        hours = _("CPD: %(hours)s") % {"hours": hours_label(certificate.cpd_hours)}
        if certificate.participatory_hours is not None:
            hours += " " + _("(%(hours)s participatory)") % {
                "hours": hours_label(certificate.participatory_hours)
            }
        _line(pdf, hours, 12, bold=True)
        if certificate.facilitators:
            _line(
                pdf,
                _("Facilitated by %(names)s") % {"names": certificate.facilitators},
                10,
            )
        pdf.image(qr_png(url), x=pdf.w - 55, y=pdf.h - 60, w=35)
        pdf.set_xy(20, pdf.h - 40)
        pdf.set_font(FAMILY, "", 10)
        pdf.multi_cell(
            pdf.w - 85,
            5,
            _("Verification code: %(code)s") % {"code": certificate.code}
            + "\n"
            + _("Check this certificate at %(url)s") % {"url": url}
            + "\n"
            + _("Issued %(day)s")
            % {"day": formats.date_format(in_london(certificate.issued_at), "j F Y")},
        )
        if certificate.status != CertificateStatus.VALID:
            _stamp(pdf, certificate)
        return bytes(pdf.output())
