"""Where documents come from: files, folders, globs, URLs, standard input.

The format is taken from the file name (``.txt``, ``.jsonl``, ``.json``, ``.csv``,
``.tsv``, ``.html``, ``.xml``/``.rss``/``.atom``, ``.pdf``, ``.urls``, each optionally
``.gz``) and, where there is no extension, sniffed from the content. A file named
on its own with another extension is refused (:class:`UnsupportedFormat`) unless
a format is given (``as_format``, the CLI's ``ingest --as``); a folder walk skips
such files. A format given applies to files and standard input only: a URL, named
or listed, is read in the format its content type says.
"""

from __future__ import annotations

import glob
import gzip
import logging
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO, TypeVar

from bilateral.errors import (
    BilateralError,
    CompressionError,
    EncodingError,
    InternalError,
    NotFound,
    UnsupportedFormat,
)
from bilateral.read.bounds import bounded_lines, read_whole
from bilateral.read.decode import decode
from bilateral.read.delimited import parse_delimited
from bilateral.read.feed import Wanted, parse_feed
from bilateral.read.fetch import Fetcher, Response
from bilateral.read.html import parse_html
from bilateral.read.jsonl import parse_array, parse_lines
from bilateral.read.newsrecord import parse_text
from bilateral.read.pdf import is_pdf, parse_pdf
from bilateral.records import Document, Failure
from bilateral.vocab import InputFormat as InputFormat  # noqa: PLC0414 (re-exported)

log = logging.getLogger(__name__)

Item = Document | Failure
T = TypeVar("T")


SUFFIX_FORMATS = {
    ".txt": InputFormat.text,
    ".text": InputFormat.text,
    ".jsonl": InputFormat.jsonl,
    ".ndjson": InputFormat.jsonl,
    ".json": InputFormat.json,
    ".csv": InputFormat.csv,
    ".tsv": InputFormat.tsv,
    ".tab": InputFormat.tsv,
    ".html": InputFormat.html,
    ".htm": InputFormat.html,
    ".xml": InputFormat.feed,
    ".rss": InputFormat.feed,
    ".atom": InputFormat.feed,
    ".pdf": InputFormat.pdf,
    ".urls": InputFormat.urls,
}
_GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def read_paths(
    paths: Iterable[str], *, fetcher: Fetcher | None = None, as_format: InputFormat | None = None
) -> Iterator[Item]:
    """Yield a document or a failure for every article found under ``paths``.

    ``-`` reads standard input; ``http(s)://`` arguments are fetched; folders
    are walked in sorted order, past hidden files and folders; glob patterns are
    expanded. ``as_format`` reads every file and standard input in that format,
    whatever its name (and a folder walk then takes every file that is not
    hidden); URLs keep the format of their content type.
    """
    reader = _Reader(fetcher, as_format)
    try:
        for found in inputs(paths, as_format=as_format):
            if isinstance(found, Failure):
                yield found
            else:
                yield from reader.read(found)
    finally:
        reader.close()


def read_response(response: Response, *, fetcher: Fetcher, wanted: Wanted | None = None) -> Iterator[Item]:
    """The documents of a page or feed already fetched, read in the format its content type says (a feed's
    teaser entries read their linked pages with ``fetcher``); ``wanted`` passes over feed entries already read.

    An entry that fails is a :class:`Failure`; a response that cannot be read at all raises its error.
    """
    kind = _kind_from_content_type(response.content_type)
    yield from _Reader(fetcher, None, wanted)._read_bytes(response.content, response.url, kind)


def listed_urls(text: str) -> list[str]:
    """The URLs of a ``.urls`` list: one a line, past blank lines and ``#`` comments."""
    return [url for line in text.splitlines() if (url := line.strip()) and not url.startswith("#")]


def inputs(paths: Iterable[str], *, as_format: InputFormat | None = None) -> Iterator[str | Failure]:
    """Each file, URL or ``-`` that ``paths`` name, in the order :func:`read_paths` reads them, and a failure
    for each path that names nothing read here (or a folder that cannot be read)."""
    for path in paths:
        yield from _expand(path, as_format)


def read_text(text: str, *, origin: str = "<text>") -> Document:
    """A document from text given directly (the CLI's TEXT_OR_FILE)."""
    return parse_text(text, origin=origin)


def reads_lines(path: str, as_format: InputFormat | None) -> bool:
    """Whether the file ``path`` (one that :func:`inputs` gave) is read as JSON Lines, a line at a time."""
    return (as_format or SUFFIX_FORMATS.get(_suffix(Path(path)))) is InputFormat.jsonl


def lines_of(path: str) -> Iterator[bytes]:
    """The lines of a JSON Lines file (decompressed when it ends in ``.gz``), each bounded as
    :func:`~bilateral.read.bounds.bounded_lines` says."""
    compressed = path.lower().endswith(".gz")
    size = Path(path).stat().st_size if compressed else None
    with _open(Path(path), compressed=compressed) as stream:
        yield from bounded_lines(stream, origin=path, compressed_size=size)


def guarded(origin: str, produce: Callable[[], Iterable[T]]) -> Iterator[T | Failure]:
    """Run a reader; turn its errors into one failure naming the input."""
    try:
        yield from produce()
    except BilateralError as error:
        yield Failure(error.origin or origin, error.code, error.message)
    except _GZIP_ERRORS as error:
        yield Failure(origin, CompressionError.code, f"broken gzip data: {error or type(error).__name__}")
    except OSError as error:
        yield Failure(origin, "input.io", error.strerror or str(error))
    except Exception as error:  # what no check foresaw: this input's failure, and the batch goes on
        log.exception("%s: failed while reading", origin)
        yield Failure(origin, InternalError.code, f"{type(error).__name__}: {error}")


def _expand(path: str, as_format: InputFormat | None) -> Iterator[str | Failure]:
    if not _is_utf8(path):
        yield _misnamed(path)
    elif path == "-" or path.startswith(("http://", "https://")):
        yield path
    else:
        yield from guarded(path, partial(_local, path, as_format))


def _local(path: str, as_format: InputFormat | None) -> Iterator[str | Failure]:
    if Path(path).is_dir():
        for file in walk(Path(path)):
            if isinstance(file, Failure):
                yield file
            elif not file.is_file():
                continue  # a pipe, a socket or a broken link
            elif file.name.startswith(".") or not (as_format or _is_known(file)):
                log.info("%s: skipped (not a format read here)", file)
            elif not _is_utf8(str(file)):
                yield _misnamed(str(file))
            else:
                yield str(file)
    elif Path(path).is_file():
        yield path
    elif glob.has_magic(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield Failure(path, NotFound.code, "no file matches this pattern")
        for match in matches:
            yield from _expand(match, as_format)
    else:
        yield Failure(path, NotFound.code, "no such file or folder")


class _Reader:
    def __init__(self, fetcher: Fetcher | None, as_format: InputFormat | None, wanted: Wanted | None = None) -> None:
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None
        self._as = as_format
        self._wanted = wanted

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()

    def read(self, found: str) -> Iterator[Item]:
        """Read one input that :func:`inputs` gave: standard input, a URL or a file."""
        if found == "-":
            yield from guarded("<stdin>", self._read_stdin)
        elif found.startswith(("http://", "https://")):
            yield from guarded(found, partial(self._read_url, found))
        else:
            yield from guarded(found, partial(self._read_file, Path(found)))

    def _read_stdin(self) -> Iterator[Item]:
        if self._as is InputFormat.jsonl:
            yield from parse_lines(bounded_lines(sys.stdin.buffer, origin="<stdin>"), origin="<stdin>")
            return
        yield from self._read_bytes(read_whole(sys.stdin.buffer, origin="<stdin>"), "<stdin>", self._as)

    def _read_file(self, path: Path) -> Iterator[Item]:
        compressed = path.name.lower().endswith(".gz")
        origin = str(path)
        if not (self._as or _is_known(path)):
            raise UnsupportedFormat(
                f"{_suffix(path)!r} is not a format read here ({', '.join(SUFFIX_FORMATS)}, each optionally .gz); "
                "rename the file, or give its format (ingest --as text)",
                origin=origin,
            )
        kind = self._as or SUFFIX_FORMATS.get(_suffix(path))
        if kind is InputFormat.jsonl:
            yield from parse_lines(lines_of(origin), origin=origin)
            return
        with _open(path, compressed=compressed) as stream:
            data = read_whole(stream, origin=origin)
        yield from self._read_bytes(data, origin, kind)

    def _read_bytes(self, data: bytes, origin: str, kind: InputFormat | None) -> Iterator[Item]:
        if kind is InputFormat.feed:
            yield from parse_feed(data, origin=origin, read_link=self._read_link, wanted=self._wanted)
            return
        if kind is InputFormat.pdf or (kind is None and is_pdf(data)):
            yield parse_pdf(data, origin=origin)
            return
        text, _ = decode(data, origin=origin)
        kind = kind or _sniff(text)
        if kind is InputFormat.text:
            yield parse_text(text, origin=origin)
        elif kind is InputFormat.html:
            yield parse_html(text, origin=origin)
        elif kind is InputFormat.jsonl:
            yield from parse_lines(text.encode("utf-8").splitlines(), origin=origin)
        elif kind is InputFormat.json:
            yield from parse_array(text, origin=origin)
        elif kind in (InputFormat.csv, InputFormat.tsv):
            yield from parse_delimited(text, origin=origin, kind=kind.value)
        elif kind is InputFormat.feed:
            yield from parse_feed(text.encode("utf-8"), origin=origin, read_link=self._read_link, wanted=self._wanted)
        else:  # a list of URLs, one a line
            for url in listed_urls(text):
                yield from guarded(url, partial(self._read_url, url))

    def _read_url(self, url: str) -> Iterator[Item]:
        """A page read in the format its content type says: ``as_format`` names what files and stdin hold."""
        response = self._client().get(url)
        yield from self._read_bytes(response.content, url, _kind_from_content_type(response.content_type))

    def _read_link(self, url: str) -> Document:
        response = self._client().get(url)
        text, _ = decode(response.content, origin=url)
        return parse_html(text, origin=url, url=response.url)

    def _client(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher()
        return self._fetcher


def walk(folder: Path) -> list[Path | Failure]:
    """The files under ``folder`` in sorted order, and a failure for each folder that cannot be read.

    Hidden folders (``.git``, ``.cache``) are not entered: what they hold is no news. Symbolic
    links to folders are not followed (nor were they by ``Path.rglob``, which this replaces
    because it skips an unreadable folder without a word).
    """
    found: list[Path] = []
    unreadable: dict[Path, Failure] = {}

    def refused(error: OSError) -> None:
        where = Path(error.filename)
        unreadable[where] = Failure(str(where), "input.io", f"cannot read this folder: {error.strerror or error}")

    for root, folders, files in os.walk(folder, onerror=refused):
        for name in [name for name in folders if name.startswith(".")]:
            log.info("%s: skipped (a hidden folder)", Path(root, name))
            folders.remove(name)
        found.extend(Path(root, name) for name in files)
    return [unreadable.get(path, path) for path in sorted([*found, *unreadable])]


def _is_utf8(path: str) -> bool:
    """Whether a path is text (a name in another encoding arrives with lone surrogates, which no store holds)."""
    return not _SURROGATE.search(path)


def _misnamed(path: str) -> Failure:
    shown = path.encode("utf-8", "backslashreplace").decode("utf-8")
    return Failure(shown, EncodingError.code, "the name is not valid UTF-8; rename the file or folder")


def _open(path: Path, *, compressed: bool) -> BinaryIO:
    if compressed:
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _suffix(path: Path) -> str:
    """The extension that names the format: ``.jsonl`` for ``dump.jsonl.gz``."""
    return Path(path.name.lower().removesuffix(".gz")).suffix


def names_a_file(name: str) -> bool:
    """Whether a name ends as the files read here do: a format's extension in any case (``NEWS.TXT``,
    ``dump.ndjson.gz``) or ``.gz``. A word such as ``Ankara`` or ``U.S.`` does not."""
    path = Path(name)
    return path.name.lower().endswith(".gz") or _suffix(path) in SUFFIX_FORMATS


def _is_known(path: Path) -> bool:
    """Whether the name says a format read here, or says none (then the content is sniffed)."""
    suffix = _suffix(path)
    return not suffix or suffix in SUFFIX_FORMATS


_CONTENT_TYPES = {
    "text/html": InputFormat.html,
    "application/xhtml+xml": InputFormat.html,
    "application/rss+xml": InputFormat.feed,
    "application/atom+xml": InputFormat.feed,
    "application/xml": InputFormat.feed,
    "text/xml": InputFormat.feed,
    "application/x-ndjson": InputFormat.jsonl,
    "application/jsonl": InputFormat.jsonl,
    "application/json-lines": InputFormat.jsonl,
    "application/json": InputFormat.json,
    "text/csv": InputFormat.csv,
    "text/tab-separated-values": InputFormat.tsv,
    "application/pdf": InputFormat.pdf,
    "text/plain": InputFormat.text,
}


def _kind_from_content_type(content_type: str) -> InputFormat | None:
    return _CONTENT_TYPES.get(content_type.split(";", maxsplit=1)[0].strip().lower())


def _sniff(text: str) -> InputFormat:
    head = text.lstrip()[:500].lower()
    if head.startswith("["):
        return InputFormat.json
    if head.startswith("{"):
        return InputFormat.jsonl
    if head.startswith("<"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return InputFormat.feed
        return InputFormat.html
    return InputFormat.text
