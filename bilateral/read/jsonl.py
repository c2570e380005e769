"""JSON Lines news dumps (and JSON arrays), with the field names dumps use."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from bilateral.read.dates import parse_published
from bilateral.records import Document, Failure

TEXT_FIELDS = ("text", "maintext", "content", "body", "article", "full_text", "description")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "source_url")
DATE_FIELDS = ("date", "published", "date_publish", "publish_date", "published_at", "pubDate", "datetime", "seendate")
SOURCE_FIELDS = ("source", "domain", "source_domain", "outlet", "publisher", "sitename")
LANGUAGE_FIELDS = ("language", "lang")


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
    text = _first(record, TEXT_FIELDS)
    if not text:
        yield Failure(where, "input.format", f"no article text (looked for {', '.join(TEXT_FIELDS)})")
        return
    yield Document(
        origin=where,
        text=text,
        title=_first(record, TITLE_FIELDS) or "",
        url=_first(record, URL_FIELDS),
        source=_first(record, SOURCE_FIELDS),
        published=parse_published(next((record[key] for key in DATE_FIELDS if record.get(key)), None)),
        language=_first(record, LANGUAGE_FIELDS),
    )


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
