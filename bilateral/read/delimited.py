"""CSV and TSV news dumps: a header row naming the fields, then one article per row.

The header uses the field names of JSON Lines dumps (:mod:`bilateral.read.fields`):
``title``, ``text`` or ``body``, ``date`` or ``published``, ``url``, ``source``, …
The header is always a header, never an article; a file whose header names no
text field fails whole, a row without text or with an unreadable date fails alone.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from bilateral.errors import FormatError
from bilateral.read.fields import TEXT_FIELDS, document_from, has_text_field
from bilateral.records import Document, Failure

DELIMITERS = {"csv": ",", "tsv": "\t"}


def parse_delimited(text: str, *, origin: str, kind: str) -> Iterator[Document | Failure]:
    """One document per row after the header (``kind`` is ``csv`` or ``tsv``); ``origin:N`` names row N's line."""
    rows = csv.reader(text.splitlines(keepends=True), delimiter=DELIMITERS[kind])
    try:
        header = next(rows, [])
        if not has_text_field(header):
            raise FormatError(
                f"the first row must be a header naming the article text ({', '.join(TEXT_FIELDS)}), "
                f"not {DELIMITERS[kind].join(header)[:100]!r}",
                origin=origin,
            )
        while True:
            line = rows.line_num + 1
            row = next(rows, None)
            if row is None:
                return
            if not any(value.strip() for value in row):
                continue
            where = f"{origin}:{line}"
            if len(row) > len(header):
                yield Failure(where, FormatError.code, f"{len(row)} fields, the header has {len(header)}")
            else:
                yield from document_from(dict(zip(header, row, strict=False)), where=where)
    except csv.Error as error:
        raise FormatError(f"not {kind.upper()}: {error} (line {rows.line_num})", origin=origin) from error
