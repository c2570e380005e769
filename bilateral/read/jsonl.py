"""JSON Lines news dumps (and JSON arrays), with the field names dumps use (:mod:`bilateral.read.fields`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from bilateral.read.fields import document_from
from bilateral.records import Document, Failure


def parse_lines(lines: Iterable[bytes], *, origin: str) -> Iterator[Document | Failure]:
    """One document per non-blank line; a bad line is a failure, not the end."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{origin}:{number}"
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            yield Failure(where, "input.encoding", f"line is not UTF-8 ({error.reason})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Failure(where, "input.format", f"not JSON: {error.msg} at column {error.colno}")
            continue
        yield from _from_record(record, where=where)


def parse_array(text: str, *, origin: str) -> Iterator[Document | Failure]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        yield Failure(origin, "input.format", f"not JSON: {error.msg} at line {error.lineno}")
        return
    if not isinstance(records, list):
        records = [records]
    for number, record in enumerate(records):
        yield from _from_record(record, where=f"{origin}#{number}")


def _from_record(record: Any, *, where: str) -> Iterator[Document | Failure]:
    if not isinstance(record, dict):
        yield Failure(where, "input.format", f"expected a JSON object, got {type(record).__name__}")
        return
    yield from document_from(record, where=where)
