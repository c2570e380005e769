"""JSON Lines news dumps (and JSON arrays), with the field names dumps use (:mod:`bilateral.read.fields`).

A line (or an array file) that is not JSON read here fails alone: bad syntax, nesting deeper
than the parser's recursion limit (about 1,000 levels), or a number of more digits than
Python converts (4,300), or a line longer than :data:`~bilateral.read.bounds.MAX_LINE_BYTES`
(whose caller hands it over cut, never whole). A file with no line that holds anything, or an empty
array, is one failure, not silence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from bilateral.errors import EmptyInput, LineTooLong
from bilateral.read.bounds import MAX_LINE_BYTES, MAX_LINES_WITHOUT_ARTICLE, MIB, given_up
from bilateral.read.fields import document_from
from bilateral.records import Document, Failure


def parse_lines(lines: Iterable[bytes], *, origin: str) -> Iterator[Document | Failure]:
    """One document per non-blank line; a bad line is a failure, not the end."""
    blank = True
    idle = 0  # lines in a row that held no article
    for number, raw in enumerate(lines, start=1):
        if idle >= MAX_LINES_WITHOUT_ARTICLE:
            yield given_up(origin)
            return
        idle += 1
        if not raw.strip():
            continue
        blank = False
        where = f"{origin}:{number}"
        if len(raw.rstrip(b"\r\n")) > MAX_LINE_BYTES:
            yield Failure(
                where, LineTooLong.code, f"the line is over {MAX_LINE_BYTES // MIB} MiB, the most read as one article"
            )
            continue
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            yield Failure(where, "input.encoding", f"line is not UTF-8 ({error.reason})")
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as error:
            yield Failure(where, "input.format", _not_json(error, in_file=False))
            continue
        for item in _from_record(record, where=where):
            idle = idle if isinstance(item, Failure) else 0
            yield item
    if blank:
        yield Failure(origin, EmptyInput.code, "the file is empty (no line holds anything)")


def parse_array(text: str, *, origin: str) -> Iterator[Document | Failure]:
    try:
        records = json.loads(text)
    except (ValueError, RecursionError) as error:
        yield Failure(origin, "input.format", _not_json(error, in_file=True))
        return
    if not isinstance(records, list):
        records = [records]
    if not records:
        yield Failure(origin, EmptyInput.code, "the file holds an empty JSON array (no article)")
    for number, record in enumerate(records):
        yield from _from_record(record, where=f"{origin}#{number}")


def _not_json(error: ValueError | RecursionError, *, in_file: bool) -> str:
    if isinstance(error, json.JSONDecodeError):
        what = error.msg.removesuffix(" at")  # "Invalid control character at"
        return f"not JSON: {what} at {f'line {error.lineno}' if in_file else f'column {error.colno}'}"
    if isinstance(error, RecursionError):
        return "not JSON read here: nested deeper than the parser's limit (about 1,000 levels)"
    return f"not JSON read here: {str(error).split(';')[0]}"  # a number of over 4,300 digits


def _from_record(record: Any, *, where: str) -> Iterator[Document | Failure]:
    if not isinstance(record, dict):
        yield Failure(where, "input.format", f"expected a JSON object, got {type(record).__name__}")
        return
    yield from document_from(record, where=where)
