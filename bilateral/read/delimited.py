"""CSV and TSV news dumps: a header row naming the fields, then one article per row.

The header uses the field names of JSON Lines dumps (:mod:`bilateral.read.fields`):
``title``, ``text`` or ``body``, ``date`` or ``published``, ``url``, ``source``, …
The header is always a header, never an article; a file whose header names no
text field fails whole. A row fails alone when it has more fields than the header,
when it stops before the header's text field, when its text is empty or when its
date cannot be read. A header with no row that holds anything is one failure, not silence.
Rows end at ``\\n``, ``\\r\\n`` or ``\\r`` only (a form feed or a
U+2028 inside a field is text); a field may fill the file (a text over ``MAX_TEXT`` is cut by repair).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from bilateral.errors import EmptyInput, FormatError
from bilateral.read.bounds import MAX_INPUT_BYTES, MAX_LINES_WITHOUT_ARTICLE, given_up
from bilateral.read.fields import TEXT_FIELDS, document_from, has_text_field
from bilateral.records import Document, Failure

DELIMITERS = {"csv": ",", "tsv": "\t"}


def parse_delimited(text: str, *, origin: str, kind: str) -> Iterator[Document | Failure]:
    """One document per row after the header (``kind`` is ``csv`` or ``tsv``); ``origin:N`` names row N's line."""
    if csv.field_size_limit() < MAX_INPUT_BYTES:
        csv.field_size_limit(MAX_INPUT_BYTES)  # the default (131,072) would fail a file for one long article
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITERS[kind])
    try:
        header = next(rows, [])
        if not has_text_field(header):
            raise FormatError(
                f"the first row must be a header naming the article text ({', '.join(TEXT_FIELDS)}), "
                f"not {DELIMITERS[kind].join(header)[:100]!r}",
                origin=origin,
            )
        text_column = _text_column(header)
        idle = 0  # rows in a row that held no article
        blank = True
        while True:
            line = rows.line_num + 1
            row = next(rows, None)
            if row is None:
                break
            if idle >= MAX_LINES_WITHOUT_ARTICLE:
                yield given_up(origin)
                return
            idle += 1
            if not any(value.strip() for value in row):
                continue
            blank = False
            where = f"{origin}:{line}"
            if len(row) > len(header):
                yield Failure(where, FormatError.code, f"{len(row)} fields, the header has {len(header)}")
            elif len(row) <= text_column:
                yield Failure(
                    where,
                    FormatError.code,
                    f"{len(row)} fields, the header has {len(header)}: the row stops before {header[text_column]!r}",
                )
            else:
                for item in document_from(dict(zip(header, row, strict=False)), where=where):
                    idle = idle if isinstance(item, Failure) else 0
                    yield item
    except csv.Error as error:
        raise FormatError(f"not {kind.upper()}: {error} (line {rows.line_num})", origin=origin) from error
    if blank:
        yield Failure(origin, EmptyInput.code, "no row after the header holds anything")


def _text_column(header: list[str]) -> int:
    """The position of the field the text is taken from first (``text`` before ``body`` before …)."""
    names = [name.strip().lower() for name in header]
    return next(names.index(field) for field in TEXT_FIELDS if field in names)
