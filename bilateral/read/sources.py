"""Where documents come from: files, folders, globs, URLs, standard input.

The format is taken from the file name (``.txt``, ``.jsonl``, ``.html``,
``.xml``/``.rss``/``.atom``, ``.urls``, each optionally ``.gz``) and, where the
name says nothing, sniffed from the content.
"""

from __future__ import annotations

import glob
import gzip
import logging
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO

from bilateral.errors import BilateralError, CompressionError, FormatError, NotFound
from bilateral.read.decode import decode
from bilateral.read.feed import parse_feed
from bilateral.read.fetch import Fetcher
from bilateral.read.html import parse_html
from bilateral.read.jsonl import parse_array, parse_lines
from bilateral.read.newsrecord import parse_text
from bilateral.records import Document, Failure

log = logging.getLogger(__name__)

Item = Document | Failure

SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".urls": "urls",
}
_GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)


def read_paths(paths: Iterable[str], *, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Yield a document or a failure for every article found under ``paths``.

    ``-`` reads standard input; ``http(s)://`` arguments are fetched; folders
    are walked in sorted order; glob patterns are expanded.
    """
    reader = _Reader(fetcher)
    try:
        for path in paths:
            yield from reader.read(path)
    finally:
        reader.close()


def read_text(text: str, *, origin: str = "<text>") -> Document:
    """A document from text given directly (the CLI's TEXT_OR_FILE)."""
    return parse_text(text, origin=origin)


class _Reader:
    def __init__(self, fetcher: Fetcher | None) -> None:
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()

    def read(self, path: str) -> Iterator[Item]:
        if path == "-":
            yield from self._guarded("<stdin>", partial(self._read_stdin))
        elif path.startswith(("http://", "https://")):
            yield from self._guarded(path, partial(self._read_url, path))
        elif Path(path).is_dir():
            for file in sorted(Path(path).rglob("*")):
                if file.is_file() and _is_news_file(file):
                    yield from self._guarded(str(file), partial(self._read_file, file))
        elif Path(path).is_file():
            yield from self._guarded(path, partial(self._read_file, Path(path)))
        elif glob.has_magic(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield Failure(path, NotFound.code, "no file matches this pattern")
            for match in matches:
                yield from self.read(match)
        else:
            yield Failure(path, NotFound.code, "no such file or folder")

    def _guarded(self, origin: str, produce: Callable[[], Iterable[Item]]) -> Iterator[Item]:
        """Run a reader; turn its errors into one failure naming the input."""
        try:
            yield from produce()
        except BilateralError as error:
            yield Failure(error.origin or origin, error.code, error.message)
        except _GZIP_ERRORS as error:
            yield Failure(origin, CompressionError.code, f"broken gzip data: {error or type(error).__name__}")
        except OSError as error:
            yield Failure(origin, "input.io", error.strerror or str(error))

    def _read_stdin(self) -> Iterator[Item]:
        yield from self._read_bytes(sys.stdin.buffer.read(), "<stdin>", None)

    def _read_file(self, path: Path) -> Iterator[Item]:
        name = path.name.lower()
        compressed = name.endswith(".gz")
        kind = SUFFIX_FORMATS.get(Path(name.removesuffix(".gz")).suffix)
        origin = str(path)
        if kind == "jsonl":
            with _open(path, compressed=compressed) as stream:
                yield from parse_lines(stream, origin=origin)
            return
        data = path.read_bytes()
        if compressed:
            data = gzip.decompress(data)
        yield from self._read_bytes(data, origin, kind)

    def _read_bytes(self, data: bytes, origin: str, kind: str | None) -> Iterator[Item]:
        if kind == "feed":
            yield from parse_feed(data, origin=origin, read_link=self._read_link)
            return
        text, _ = decode(data, origin=origin)
        kind = kind or _sniff(text)
        if kind == "text":
            yield parse_text(text, origin=origin)
        elif kind == "html":
            yield parse_html(text, origin=origin)
        elif kind == "jsonl":
            yield from parse_lines(text.encode("utf-8").splitlines(), origin=origin)
        elif kind == "json":
            yield from parse_array(text, origin=origin)
        elif kind == "feed":
            yield from parse_feed(text.encode("utf-8"), origin=origin, read_link=self._read_link)
        elif kind == "urls":
            for line in text.splitlines():
                url = line.strip()
                if url and not url.startswith("#"):
                    yield from self._guarded(url, partial(self._read_url, url))
        else:
            raise FormatError(f"unknown input format {kind!r}", origin=origin)

    def _read_url(self, url: str) -> Iterator[Item]:
        response = self._client().get(url)
        kind = _kind_from_content_type(response.content_type)
        yield from self._read_bytes(response.content, url, kind)

    def _read_link(self, url: str) -> Document:
        response = self._client().get(url)
        text, _ = decode(response.content, origin=url)
        return parse_html(text, origin=url, url=response.url)

    def _client(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher()
        return self._fetcher


def _open(path: Path, *, compressed: bool) -> BinaryIO:
    if compressed:
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _is_news_file(path: Path) -> bool:
    if path.name.startswith("."):
        return False
    name = path.name.lower().removesuffix(".gz")
    suffix = Path(name).suffix
    return suffix in SUFFIX_FORMATS or suffix == ""


def _kind_from_content_type(content_type: str) -> str | None:
    media = content_type.split(";", maxsplit=1)[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media in ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml"):
        return "feed"
    if media in ("application/x-ndjson", "application/jsonl", "application/json-lines"):
        return "jsonl"
    if media == "application/json":
        return "json"
    if media == "text/plain":
        return "text"
    return None


def _sniff(text: str) -> str:
    head = text.lstrip()[:500].lower()
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "feed"
        return "html"
    return "text"
