"""The field names news dumps use, shared by the JSON Lines and the CSV/TSV readers.

Names are matched without regard to case (``Title``, ``TEXT``, ``pubDate``); the
first non-empty field of each group wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from bilateral.errors import DateError
from bilateral.read.dates import parse_published
from bilateral.records import Document, Failure

TEXT_FIELDS = ("text", "maintext", "content", "body", "article", "full_text", "description")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "source_url")
DATE_FIELDS = ("date", "published", "date_publish", "publish_date", "published_at", "pubdate", "datetime", "seendate")
SOURCE_FIELDS = ("source", "domain", "source_domain", "outlet", "publisher", "sitename")
LANGUAGE_FIELDS = ("language", "lang")


def has_text_field(names: Iterable[str]) -> bool:
    """Whether a header names a field the article text can come from."""
    return bool({name.strip().lower() for name in names} & set(TEXT_FIELDS))


def document_from(record: Mapping[str, Any], *, where: str) -> Iterator[Document | Failure]:
    """One document from a record of named fields; a record without text or with an unreadable date fails alone."""
    fields = {str(key).strip().lower(): value for key, value in record.items()}
    text = _first(fields, TEXT_FIELDS)
    if not text:
        yield Failure(where, "input.format", f"no article text (looked for {', '.join(TEXT_FIELDS)})")
        return
    try:
        published = parse_published(next((fields[key] for key in DATE_FIELDS if fields.get(key)), None), origin=where)
    except DateError as error:
        yield Failure(where, error.code, error.message)
        return
    yield Document(
        origin=where,
        text=text,
        title=_first(fields, TITLE_FIELDS) or "",
        url=_first(fields, URL_FIELDS),
        source=_first(fields, SOURCE_FIELDS),
        published=published,
        language=_first(fields, LANGUAGE_FIELDS),
    )


def _first(fields: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = fields.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
