"""Tab-separated rows without quoting, as GDELT and POLECAT ship them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO


def clean(value: str) -> str:
    """A value with tabs and line breaks turned into spaces, so that it cannot break its row."""
    return " ".join(value.split()) if any(mark in value for mark in "\t\r\n") else value


def write_rows(rows: Iterable[Sequence[str]], out: TextIO, *, header: Sequence[str] | None = None) -> int:
    """Write ``header`` (if any) and ``rows``; return how many rows."""
    if header is not None:
        out.write("\t".join(header) + "\n")
    count = 0
    for row in rows:
        out.write("\t".join(clean(value) for value in row) + "\n")
        count += 1
    return count
