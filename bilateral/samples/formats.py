"""Articles written out in every format the readers take, for fuzzing and format tests.

Records are dicts with the field names of JSON Lines dumps (``text``, ``title``, ``date``,
``source``, ``url``). Single-article formats (news record, HTML, PDF) take the first record.
Characters are written as given, lone surrogates included (a reader must refuse them, not choke).
"""

from __future__ import annotations

import csv
import io
import json
from html import escape

# The suffixes :func:`render` writes, one per format the readers take ("" is sniffed from the content).
SUFFIXES = (".txt", ".jsonl", ".json", ".csv", ".tsv", ".html", ".xml", ".rss", ".atom", ".pdf", "")

Record = dict[str, str]


def render(suffix: str, records: list[Record]) -> bytes:
    """``records`` in the format ``suffix`` names (``""``: a news record, which the reader sniffs)."""
    first = records[0]
    if suffix == ".jsonl":
        return _utf8("\n".join(json.dumps(record, ensure_ascii=False) for record in records))
    if suffix == ".json":
        return json.dumps(records).encode("utf-8")
    if suffix in (".csv", ".tsv"):
        buffer = io.StringIO()
        names = sorted({name for record in records for name in record})
        writer = csv.DictWriter(buffer, names, delimiter="," if suffix == ".csv" else "\t")
        writer.writeheader()
        writer.writerows(records)
        return _utf8(buffer.getvalue())
    if suffix == ".html":
        meta = f'<meta property="article:published_time" content="{escape(first.get("date", ""))}">'
        head = f"<head><title>{escape(first.get('title', ''))}</title>{meta}</head>"
        return _utf8(f"<html>{head}<body><article><p>{escape(first['text'])}</p></article></body></html>")
    if suffix in (".xml", ".rss", ".atom"):
        items = "".join(
            f"<item><title>{escape(record.get('title', ''))}</title><pubDate>{escape(record.get('date', ''))}</pubDate>"
            f"<description>{escape(record['text'])}</description></item>"
            for record in records
        )
        return _utf8(f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>')
    if suffix == ".pdf":
        return pdf(first.get("title", "") + "\n" + first["text"])
    header = f" date {first['date']} 1\n" if "date" in first else ""
    return _utf8(header + first.get("title", "") + "\n" + first["text"])


def pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` (as Latin-1) on one line, with a correct cross-reference table."""
    shown = text.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 12 Tf 72 720 Td (" + shown.replace(b"\n", b" ").replace(b"\r", b" ") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(out)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")
