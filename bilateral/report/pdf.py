"""A brief as a PDF (reportlab platypus): real, extractable text, headings, the chart as PNG, the references.

Text is set in DejaVu Sans, the TrueType font matplotlib ships, so names such as
Çavuşoğlu print as written (the PDF base fonts cover Latin-1 only) and no system
font is needed. Paragraphs take reportlab's small markup language, so every
piece of text is XML-escaped first; links are made only from http(s) URLs.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Image, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

from bilateral import __version__
from bilateral.report.brief import Brief, Reference, Statement, citation_ranges, grouped
from bilateral.report.markdown import safe_url

FONT = "BilateralSans"
BOLD = "BilateralSans-Bold"
ITALIC = "BilateralSans-Oblique"
_CHART_WIDTH = 170 * mm


@cache
def _fonts() -> None:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"), (ITALIC, "DejaVuSans-Oblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


@cache
def _styles() -> dict[str, ParagraphStyle]:
    _fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceAfter=6),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            textColor=colors.HexColor("#1f3a5f"),
        ),
        "body": body,
        "quote": ParagraphStyle(
            "quote",
            parent=body,
            fontName=ITALIC,
            fontSize=8.5,
            leading=11,
            leftIndent=8,
            textColor=colors.HexColor("#4a5560"),
        ),
        "note": ParagraphStyle("note", parent=body, fontName=ITALIC, textColor=colors.HexColor("#667080")),
        "reference": ParagraphStyle(
            "reference", parent=body, fontSize=8, leading=10.5, leftIndent=16, firstLineIndent=-16, spaceAfter=2
        ),
    }


def _citations(numbers: tuple[int, ...]) -> str:
    """``[1–3, 7]`` with each number a link to its reference."""
    links = [
        f'<a href="#ref-{first}">{first}</a>' + ("" if last == first else f'–<a href="#ref-{last}">{last}</a>')
        for first, last in citation_ranges(numbers)
    ]
    return "[" + ", ".join(links) + "]"


def _statement(statement: Statement) -> list[Paragraph]:
    styles = _styles()
    cited = f' <font size="7.5" color="#1f3a5f">{_citations(statement.citations)}</font>'
    flow = [Paragraph(escape(statement.text) + (cited if statement.citations else ""), styles["body"])]
    if statement.quote:
        flow.append(Paragraph("“" + escape(statement.quote) + "”", styles["quote"]))
    return flow


def _bullets(items: list[list[Any]], *, level: int) -> ListFlowable:
    return ListFlowable(
        [ListItem(flow, leftIndent=12 + 10 * level) for flow in items],
        bulletType="bullet",
        start="•" if level == 0 else "–",
        bulletFontName=FONT,
        bulletFontSize=8,
        leftIndent=12 + 10 * level,
    )


def _reference(reference: Reference) -> Paragraph:
    parts = [escape(reference.outlet), escape(reference.dated)]
    if reference.title:
        parts.append("“" + escape(reference.title) + "”")
    url = safe_url(reference.url)
    if url:
        parts.append(f'<link href={quoteattr(url)} color="#1f3a5f">{escape(url)}</link>')
    anchor = f'<a name="ref-{reference.number}"/>'
    return Paragraph(f"{anchor}{reference.number}. " + ", ".join(parts), _styles()["reference"])


def render(brief: Brief, *, chart_png: bytes | None = None) -> bytes:
    """The brief as PDF bytes; ``chart_png`` is the timeline chart (see :mod:`bilateral.report.charts`)."""
    styles = _styles()
    flow: list[object] = [Paragraph(escape(brief.title), styles["title"])]
    for section in brief.sections:
        flow.append(Paragraph(escape(section.heading), styles["heading"]))
        if section.key == "state" and chart_png:
            image = Image(io.BytesIO(chart_png))
            scale = _CHART_WIDTH / image.imageWidth
            image.drawWidth, image.drawHeight = _CHART_WIDTH, image.imageHeight * scale
            flow += [image, Spacer(1, 4)]
        if not section.statements:
            flow.append(Paragraph(escape(section.empty), styles["note"]))
            continue
        items: list[list[Paragraph]] = []
        for statement, details in grouped(section.statements):
            item: list[object] = list(_statement(statement))
            if details:
                item.append(_bullets([_statement(detail) for detail in details], level=1))
            items.append(item)
        flow.append(_bullets(items, level=0))
    flow.append(Paragraph("References", styles["heading"]))
    flow += [_reference(reference) for reference in brief.references] or [
        Paragraph("No articles cited.", styles["note"])
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
        title=brief.title, author=f"bilateral {__version__}", subject=f"Brief on {brief.pair[0]}–{brief.pair[1]}",
        creator=f"bilateral {__version__}",
    )  # fmt: skip
    document.build(flow, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()


def _footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(colors.HexColor("#667080"))
    canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"page {document.page}")
    canvas.restoreState()
