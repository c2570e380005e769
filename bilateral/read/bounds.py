"""How much one input may hold: each bound one constant, and past it one failure code (README: Bounds on input).

Inputs read whole (every format but JSON Lines) are read, and gzip decompressed, only up to
:data:`MAX_INPUT_BYTES`; JSON Lines stream, one line of at most :data:`MAX_LINE_BYTES` at a time, and a
gzipped stream may inflate only :data:`MAX_GZIP_RATIO` times its size. Memory stays bounded by these
whatever the input claims (a ``.txt.gz`` of 1 MB of zeros inflates to a gigabyte). The article text's
own bound, :data:`bilateral.records.MAX_TEXT`, is kept by the repair stage, which cuts a longer text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from bilateral.errors import CompressionRatio, TooLarge, TooManyFailures
from bilateral.records import Failure

MIB = 1024 * 1024
MAX_INPUT_BYTES = 64 * MIB
"""A file, standard input, a fetched page, or a ``.gz``'s decompressed content, read whole."""
MAX_LINE_BYTES = 8 * MIB
"""One JSON Lines line (a million-character article with every character escaped is about 6 MiB)."""
MAX_GZIP_RATIO = 50
"""How many times its size a streamed ``.jsonl.gz`` may inflate beyond ``MAX_INPUT_BYTES`` (news: 3 to 10)."""

MAX_LINES_WITHOUT_ARTICLE = 1_000
"""Lines (JSON Lines) or rows (CSV/TSV) in a row that are blank or fail, after which the rest of a file is not read."""

MAX_FEED_TAGS = 100_000
"""Markup (``<``) one feed may hold: the feed parser spends 25 to 40 µs on each element, nested or not."""
MAX_FEED_LINKS = 200
"""Linked pages one feed may have fetched (for entries too short to be the article); later entries fail alone."""

_SKIP = MIB


def given_up(origin: str) -> Failure:
    """The failure that ends a file after :data:`MAX_LINES_WITHOUT_ARTICLE` lines in a row held no article."""
    return Failure(
        origin,
        TooManyFailures.code,
        f"{MAX_LINES_WITHOUT_ARTICLE:,} lines in a row held no article (blank, or failed as named above): "
        "the rest of the file is not read",
    )


def read_whole(stream: BinaryIO, *, origin: str) -> bytes:
    """All of ``stream`` (decompressing as it goes when it is a gzip file), or :class:`TooLarge` past the bound,
    having read no more than the bound and one byte."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise TooLarge(
            f"holds over {MAX_INPUT_BYTES // MIB} MiB (decompressed), the most read whole; split it, or give the "
            "articles as JSON Lines, which are read a line at a time",
            origin=origin,
        )
    return data


def bounded_lines(stream: BinaryIO, *, origin: str, compressed_size: int | None = None) -> Iterator[bytes]:
    """The lines of ``stream``, each cut after ``MAX_LINE_BYTES`` and one byte (the rest of a longer line is read
    past, never held), so that the reader fails that line alone.

    With ``compressed_size`` (a gzip stream), reading stops with :class:`CompressionRatio` once the stream
    has inflated past ``MAX_INPUT_BYTES`` and ``MAX_GZIP_RATIO`` times that size.
    """
    allowed = max(MAX_INPUT_BYTES, MAX_GZIP_RATIO * compressed_size) if compressed_size is not None else None
    inflated = 0

    def count(chunk: bytes) -> bytes:
        nonlocal inflated
        inflated += len(chunk)
        if allowed is not None and inflated > allowed:
            raise CompressionRatio(
                f"inflates to over {allowed // MIB} MiB, more than {MAX_GZIP_RATIO} times its size: no news "
                "compresses so well (the lines before were read)",
                origin=origin,
            )
        return chunk

    while line := count(stream.readline(MAX_LINE_BYTES + 1)):
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):  # a longer line: read past the rest of it
            while (rest := count(stream.readline(_SKIP))) and not rest.endswith(b"\n"):
                pass
        yield line
