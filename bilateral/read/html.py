"""News pages: main text and metadata by trafilatura (imported when a page is read, not before)."""

from __future__ import annotations

import re

from bilateral.errors import FormatError
from bilateral.read.dates import parse_published
from bilateral.records import Document

# Dates from the page's metadata only: a guess from "Copyright 2024" or a
# random number in the text is worse than no date.
_DATES = {"extensive_search": False, "original_date": True}
# Characters XML cannot hold: lxml refuses a fragment whose text keeps one ("<\x01>").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def parse_html(html: str, *, origin: str, url: str | None = None) -> Document:
    import trafilatura
    from trafilatura.settings import Document as Extracted

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, date_extraction_params=_DATES
    )
    if not isinstance(extracted, Extracted) or not extracted.text or not extracted.text.strip():
        raise FormatError("no article text found in the page", origin=origin)
    title = (extracted.title or "").strip()
    lines = extracted.text.split("\n")
    if lines and title and lines[0].strip() == title:
        lines.pop(0)
    return Document(
        origin=origin,
        text="\n".join(lines).strip(),
        title=title,
        url=extracted.url or url,
        source=extracted.sitename or extracted.hostname,
        published=parse_published(extracted.date, origin=origin),
        language=extracted.language,
    )


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one block per line; control characters dropped."""
    import lxml.html

    root = lxml.html.fragment_fromstring(_CONTROL.sub("", fragment), create_parent="div")
    for element in root.iter("br", *_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (line.strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
