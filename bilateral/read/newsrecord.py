"""Plain-text news: the news-record shape and headerless text files.

A news record starts with `` date YYYY-MM-DD <number>``, then a title line,
then the body. A file without that header is a body, with a title only when
its first line reads like one. A file without a date has no date; a header
date that cannot be read fails the file.
"""

from __future__ import annotations

import re

from bilateral.read.dates import parse_published
from bilateral.records import Document
from bilateral.repair import is_boilerplate

# The date token starts with a digit: a text whose first line is "date night" is no news record.
_HEADER = re.compile(r"^\s*date\s+(\d\S*)(?:\s+\d+)?\s*$")
# A stored page's header may run on into its first line: " date 2024-03-05 Paris and Berlin …".
_HEADER_RUN_ON = re.compile(r"^\s*date\s+(\d{4}-\d\d(?:-\d\d)?)\s+(?!\d+\s*$)(\S.*)$")
_SENTENCE_END = re.compile(r"[.!?:;,][\"'”’)]?$")
_DATELINE = re.compile(
    # a syndicator's tag: "(MENAFN- Kuwait News Agency (KUNA))"; written so that an unclosed "(" fails in linear time
    r"^(?:\([^()]*(?:\([^()]*\)[^()]*)?\)\s*)?"
    r"[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][a-z]{2}\.?\s+\d{1,2})?\s*"  # "ANKARA, Nov 24"
    r"\((?P<outlet>[A-Z][\w&.' -]{1,40})\)\s*[-–—]"  # "(Meridian Wire) -"
)


def parse_text(text: str, *, origin: str) -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    published = None
    header = (_HEADER.match(lines[0]) or _HEADER_RUN_ON.match(lines[0])) if lines else None
    if header:
        # a header date that is no date is a DateError (the file fails); a month alone leaves it undated
        published = parse_published(header[1], origin=origin)
        lines[:1] = [header[2]] if header.re is _HEADER_RUN_ON else []
    _skip_furniture(lines)
    titled = header is not None and header.re is _HEADER  # a header line of its own is followed by the title
    title = lines.pop(0).strip() if lines and (titled or _reads_as_title(lines)) else ""
    body = "\n".join(lines).strip("\n")
    return Document(origin=origin, text=body, title=title, published=published, source=dateline_outlet(body))


def dateline_outlet(body: str) -> str | None:
    """The outlet a wire-style dateline names: "ANKARA, Nov 24 (KUNA) --" → "KUNA"."""
    match = _DATELINE.match(body)
    return match["outlet"].strip() if match else None


def _skip_furniture(lines: list[str]) -> None:
    """Drop blank and boilerplate lines (a site menu) standing before the title."""
    while lines and (not lines[0].strip() or is_boilerplate(lines[0])):
        lines.pop(0)


def _reads_as_title(lines: list[str]) -> bool:
    first = lines[0].strip()
    has_body = any(line.strip() for line in lines[1:])
    return has_body and len(first) <= 160 and not _SENTENCE_END.search(first)
