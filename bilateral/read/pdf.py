"""PDF articles: the text layer, read with pypdf (imported when a PDF is read), then read as plain news text.

A file named ``.pdf`` that is not a PDF, a broken PDF, a PDF that needs a password to
open, and a PDF with no text layer (a scan) each fail with one line saying which. A PDF
with only an owner password (one that restricts printing or copying) is read.
"""

from __future__ import annotations

import io
import logging

from bilateral.errors import EmptyInput, FormatError
from bilateral.read.newsrecord import parse_text
from bilateral.records import Document

log = logging.getLogger(__name__)

# A PDF's header may follow up to 1 KiB of other bytes (PDF 1.7, annex H.3).
_HEADER_WINDOW = 1024


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:_HEADER_WINDOW]


def parse_pdf(data: bytes, *, origin: str) -> Document:
    import pypdf

    if not is_pdf(data):
        raise FormatError("not a PDF (no %PDF- header), although the name says so", origin=origin)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        # a PDF with only an owner password (it restricts printing or copying) opens with the empty user password
        encrypted = reader.is_encrypted and reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED
        pages = [] if encrypted else [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # a damaged or hostile file may break the parser anywhere; it fails alone
        raise FormatError(f"broken PDF: {type(error).__name__}: {error}", origin=origin) from error
    if encrypted:
        raise FormatError("the PDF is encrypted (it needs a password to open)", origin=origin)
    text = "\n".join(pages)
    if not text.strip():
        raise EmptyInput("the PDF has no text layer (a scan needs OCR first)", origin=origin)
    log.info("%s: %d pages, %d characters of text", origin, len(pages), len(text))
    return parse_text(text, origin=origin)
