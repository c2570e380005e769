"""Where an exported row's article can be found: its URL, else a ``file://`` link to the file it was read from."""

from __future__ import annotations

import re
from pathlib import Path

from bilateral.records import ArticleRef

_WITHIN = re.compile(r"(?::\d+|#\d+)$")
"""The line or item of a JSONL, CSV or JSON file an article came from ('news.jsonl:12', 'dump.json#3')."""


def source_link(article: ArticleRef) -> str:
    """The article's URL; for a local file an absolute ``file://`` URI (a relative origin is taken from the
    folder the export runs in); empty for text given on standard input or the command line."""
    if article.url:
        return article.url
    origin = article.origin
    if re.match(r"[a-z][a-z0-9+.-]*://", origin, re.IGNORECASE):
        return origin
    if origin in ("-", "") or origin.startswith("<"):
        return ""
    path = Path(origin)
    if not path.exists():
        path = Path(_WITHIN.sub("", origin))
    return path.resolve().as_uri()
