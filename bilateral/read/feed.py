"""RSS and Atom feeds: full content where the feed carries it, else the linked page."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from bilateral.errors import BilateralError, FormatError, TooLarge
from bilateral.read.bounds import MAX_FEED_LINKS, MAX_FEED_TAGS
from bilateral.read.html import fragment_text
from bilateral.records import Document, Failure

if TYPE_CHECKING:
    import feedparser

log = logging.getLogger(__name__)

# A feed item shorter than this is a teaser; its page holds the article.
_FULL_TEXT_CHARS = 400

LinkReader = Callable[[str], Document]


def parse_feed(data: bytes, *, origin: str, read_link: LinkReader | None = None) -> Iterator[Document | Failure]:
    """One document per entry; a feed the parser breaks on fails whole, an entry it breaks on fails alone."""
    import feedparser

    if data.count(b"<") > MAX_FEED_TAGS:
        raise TooLarge(f"holds over {MAX_FEED_TAGS:,} tags, the most a feed may; split it", origin=origin)
    try:
        parsed = feedparser.parse(data)
    except Exception as error:  # feedparser raises from character references (&#xD800;) and encoding names
        raise FormatError(f"broken feed: {type(error).__name__}: {error}", origin=origin) from error
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f": {problem}" if problem else ""
        raise FormatError(f"no feed entries found{reason}", origin=origin)
    reader = _at_most(read_link, MAX_FEED_LINKS) if read_link else None
    for number, entry in enumerate(parsed.entries):
        where = f"{origin}#{entry.get('id') or entry.get('link') or number}"
        try:
            yield _entry_document(entry, where=where, read_link=reader)
        except BilateralError as error:
            yield Failure(error.origin or where, error.code, error.message)
        except Exception as error:  # a hostile entry may break the HTML parser of its content
            yield Failure(where, FormatError.code, f"broken feed entry: {type(error).__name__}: {error}")


def _at_most(read_link: LinkReader, limit: int) -> LinkReader:
    """``read_link`` for the first ``limit`` pages; past them each link fails alone (:class:`TooLarge`)."""
    fetched = 0

    def read(url: str) -> Document:
        nonlocal fetched
        fetched += 1
        if fetched > limit:
            raise TooLarge(f"the feed's first {limit} linked pages were read, not this one", origin=url)
        return read_link(url)

    return read


def _entry_document(entry: feedparser.FeedParserDict, *, where: str, read_link: LinkReader | None) -> Document:
    link = entry.get("link")
    contents = [part.get("value", "") for part in entry.get("content", [])]
    text = fragment_text(max(contents, key=len)) if any(contents) else ""
    summary = fragment_text(entry["summary"]) if entry.get("summary") else ""
    published = _entry_date(entry)
    if len(text) < _FULL_TEXT_CHARS and link and read_link is not None:
        page = read_link(link)
        return Document(
            origin=link,
            text=page.text,
            title=entry.get("title") or page.title,
            url=link,
            source=page.source,
            published=published or page.published,
            language=page.language,
        )
    body = text or summary
    if not body:
        raise FormatError("feed entry has no text and no link to read", origin=where)
    return Document(origin=where, text=body, title=entry.get("title", ""), url=link, published=published)


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = entry.get(key)
        if moment:
            return date(moment.tm_year, moment.tm_mon, moment.tm_mday)
    return None
