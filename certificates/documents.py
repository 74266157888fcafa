"""PDF documents with the embedded font, which has every Welsh letter (ŵ, ŷ)."""

from pathlib import Path

from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


def new_document(orientation: str = "portrait") -> FPDF:
    """An A4 PDF in millimetres with the embedded font set, ready for a first page."""
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_font(FAMILY, size=12)
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf
