"""Row shapes shared by the store's modules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bilateral.records import Article

ARTICLE_COLUMNS = "id, origin, title, text, url, source, published, language, repairs"


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
