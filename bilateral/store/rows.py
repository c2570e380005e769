"""Row shapes shared by the store's modules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bilateral.records import Article, EventDate, Precision

ARTICLE_COLUMNS = "id, origin, title, text, url, source, published, language, repairs"
EVERY_ROW = 2**62
"""A LIMIT that keeps every row (SQLite's ``LIMIT -1`` and PostgreSQL's ``LIMIT ALL`` are not each other's)."""
OPEN_END = date(9000, 1, 1)
"""The end of a window whose office holder is still in office."""


def article_from_row(row: Iterable[object]) -> Article:
    key, origin, title, text, url, source, published, language, repairs = row
    return Article(
        id=str(key),
        origin=str(origin),
        title=str(title),
        text=str(text),
        url=url if isinstance(url, str) else None,
        source=source if isinstance(source, str) else None,
        published=date.fromisoformat(published) if isinstance(published, str) else None,
        language=language if isinstance(language, str) else None,
        repairs=tuple(str(repairs).split(",")) if repairs else (),
    )


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def story_when(first: str | None, last: str | None, precision: str | None, method: str | None) -> EventDate | None:
    """The date of the story a report joined, if it joined a dated one (columns of a LEFT JOIN on stories)."""
    return stored_when(first, last, precision, method or "") if first else None


def stored_when(first: str | None, last: str | None, precision: str | None, method: str) -> EventDate:
    """A stored story's date (an open window's end is stored as :data:`OPEN_END`)."""
    return EventDate(
        date.fromisoformat(first) if first else None,
        date.fromisoformat(last) if last and last < OPEN_END.isoformat() else None,
        Precision(precision) if precision else None,
        method,
    )
