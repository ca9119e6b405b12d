"""Render a case document as an A4 PDF (fpdf2) with an embedded CJK font and, on receipts, the rating QR code (segno).

The font is WenQuanYi Micro Hei from Debian's ``fonts-wqy-microhei`` (Apache-2.0 / GPLv3 with the font
exception: embedding in documents is allowed), installed by ``make system-deps``; ``TINGWU_PDF_FONT`` points to
another TrueType font (or collection) if a deployment prefers one. Nothing is downloaded at run time. Only the
glyphs used are embedded (subset), so a receipt is a few dozen kilobytes and its text is extractable.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from datetime import datetime

import segno
from fpdf import FPDF

from core.policy.documents import DocumentLayout

DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT_FAMILY = "cjk"


class FontMissing(RuntimeError):
    pass


def font_path() -> str:
    path = os.environ.get("TINGWU_PDF_FONT") or DEFAULT_FONT
    if not os.path.exists(path):
        raise FontMissing(f"the CJK font for PDF documents is missing: {path} (run `make system-deps`, which "
                          "installs Debian's fonts-wqy-microhei, or set TINGWU_PDF_FONT)")
    return path


@dataclass(frozen=True)
class DocumentFacts:
    """What a document states: the hall that issues it, a serial, a table of facts, a list (materials), a QR."""

    issuer: str
    serial_number: str
    rows: tuple[tuple[str, str], ...]
    list_title: str | None = None
    items: tuple[str, ...] = ()
    qr_payload: str | None = None
    issued_at: datetime | None = None
    signature_lines: tuple[str, ...] = field(default=("经办人（签名）：", "申请人（签名）："))


def render(layout: DocumentLayout, facts: DocumentFacts) -> bytes:
    """The PDF bytes of one document."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creator("Tingwu 厅务")
    pdf.set_title(f"{layout.title} {facts.serial_number}")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(20, 18, 20)
    pdf.add_font(FONT_FAMILY, fname=font_path())
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font(FONT_FAMILY, size=12)
    pdf.cell(width, 7, facts.issuer, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=20)
    pdf.cell(width, 13, layout.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=10)
    pdf.cell(width, 6, f"办件流水号：{facts.serial_number}", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    qr_size = 38 if facts.qr_payload else 0
    table_width = width - (qr_size + 6 if qr_size else 0)
    top = pdf.get_y()
    pdf.set_font(FONT_FAMILY, size=11)
    label_width = 32
    pdf.set_fill_color(242, 242, 242)
    for label, value in facts.rows:
        pdf.set_x(pdf.l_margin)
        y = pdf.get_y()
        # label then value, the value wrapping if long; the label cell is as tall as the value cell.
        lines = pdf.multi_cell(table_width - label_width, 8, value or "—", dry_run=True, output="LINES",
                               padding=(0, 2, 0, 2))
        height = 8 * max(1, len(lines))
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_width, height, label, border=1, fill=True)
        pdf.multi_cell(table_width - label_width, 8, value or "—", border=1, new_x="LMARGIN", new_y="NEXT",
                       padding=(0, 2, 0, 2))
    bottom = pdf.get_y()

    if facts.qr_payload:
        image = io.BytesIO()
        segno.make(facts.qr_payload, error="m").save(image, kind="png", scale=8, border=2)
        image.seek(0)
        x = pdf.l_margin + table_width + 6
        pdf.image(image, x=x, y=top, w=qr_size, h=qr_size)
        if layout.qr_caption:
            pdf.set_xy(x, top + qr_size + 1)
            pdf.set_font(FONT_FAMILY, size=9)
            pdf.multi_cell(qr_size, 5, layout.qr_caption, align="C")
        pdf.set_y(max(bottom, pdf.get_y()))

    if facts.list_title:
        pdf.ln(4)
        pdf.set_font(FONT_FAMILY, size=12)
        pdf.cell(width, 8, facts.list_title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, size=11)
        for number, entry in enumerate(facts.items, start=1):
            pdf.multi_cell(width, 7, f"{number}. {entry}", new_x="LMARGIN", new_y="NEXT")

    if layout.notes:
        pdf.ln(4)
        pdf.set_font(FONT_FAMILY, size=10.5)
        for note in layout.notes:
            pdf.multi_cell(width, 6.5, note, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)

    pdf.ln(8)
    pdf.set_font(FONT_FAMILY, size=11)
    for line in facts.signature_lines:
        pdf.cell(width / 2, 8, line)
    pdf.ln(12)
    pdf.cell(width, 7, facts.issuer + "（盖章）", align="R", new_x="LMARGIN", new_y="NEXT")
    if facts.issued_at is not None:
        pdf.cell(width, 7, f"{facts.issued_at:%Y年%m月%d日}", align="R", new_x="LMARGIN", new_y="NEXT")
    if layout.footer:
        pdf.ln(6)
        pdf.set_font(FONT_FAMILY, size=9)
        for line in layout.footer:
            pdf.multi_cell(width, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
