"""The CPD record as files: a PDF table and a CSV CPD log, in the active language."""

import csv
import io

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf.fonts import FontFace

from certificates.documents import FAMILY, new_document
from certificates.records import CpdRecord, RecordRow
from forms_app.exports import neutralise_formula


def log_header() -> list[str]:
    """The columns of a revalidation CPD log; the last three are for the person."""
    return [
        _("Dates"),
        _("Method"),
        _("Topic"),
        _("CPD hours"),
        _("Participatory hours"),
        _("Certificate code"),
        _("Check the certificate at"),
        _("What did you learn?"),
        _("How did you change or improve your practice?"),
        _("How is this relevant to the Code?"),
    ]


def log_row(row: RecordRow) -> list[str]:
    certificate = row.certificate
    return [
        "; ".join(day.isoformat() for day in row.dates),
        row.method,
        certificate.course_title,
        row.cpd_hours,
        row.participatory_hours,
        certificate.code,
        row.verification_url,
        "",
        "",
        "",
    ]


def record_csv(record: CpdRecord) -> bytes:
    """UTF-8 with a byte order mark, so spreadsheets read Welsh letters; no formulas."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(log_header())
    for row in record.counted:
        writer.writerow([neutralise_formula(value) for value in log_row(row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def verify_address() -> str:
    """The public page where a code is checked, in the active language."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("certificates:verify")


def dates_text(row: RecordRow) -> str:
    return ", ".join(formats.date_format(day, "j M Y") for day in row.dates)


def record_pdf(record: CpdRecord, centre: str) -> bytes:
    """A landscape A4 table of the valid certificates, with the totals."""
    pdf = new_document(orientation="landscape")
    pdf.set_title(_("CPD record"))
    pdf.add_page()
    pdf.set_font(FAMILY, "B", size=18)
    pdf.cell(text=_("CPD record"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=11)
    lines = [
        record.name,
        centre,
        _("Made on %(date)s")
        % {"date": formats.date_format(timezone.localdate(), "j F Y")},
    ]
    for line in filter(None, lines):
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FAMILY, size=9)
    headings = FontFace(family=FAMILY, emphasis="BOLD", fill_color=(230, 230, 230))
    with pdf.table(
        col_widths=(40, 70, 45, 20, 30, 35),
        headings_style=headings,
        text_align="LEFT",
        line_height=5,
        padding=1.5,
    ) as table:
        table.row(
            [
                _("Dates"),
                _("Topic"),
                _("Method"),
                _("CPD hours"),
                _("Participatory hours"),
                _("Certificate code"),
            ]
        )
        for row in record.counted:
            table.row(
                [
                    dates_text(row),
                    row.certificate.course_title,
                    row.method,
                    row.cpd_hours,
                    row.participatory_hours,
                    row.certificate.code,
                ]
            )
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", size=11)
    pdf.cell(
        text=_("Total: %(hours)s CPD hours, %(participatory)s of them participatory")
        % {"hours": record.cpd_hours, "participatory": record.participatory_hours},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FAMILY, size=9)
    pdf.multi_cell(
        w=0,
        text=_(
            "Anyone can check each certificate by its code at %(address)s. "
            "Superseded and revoked certificates are not listed."
        )
        % {"address": verify_address()},
    )
    return bytes(pdf.output())
