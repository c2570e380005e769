"""What ``bilateral watch`` follows: feed and page URLs, ``.urls`` lists of them (read again each round, so
a line added is followed from the next round), and drop folders (each new or changed file read once).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bilateral.errors import UsageError
from bilateral.read.sources import listed_urls, names_a_file, walk
from bilateral.records import Failure


class SourceKind(StrEnum):
    url = "url"
    folder = "folder"


@dataclass(frozen=True, slots=True)
class Source:
    """One source as the store names it: a URL, or a folder's absolute path."""

    kind: SourceKind
    name: str


@dataclass(frozen=True, slots=True)
class Given:
    """A source as given on the command line: a URL, a ``.urls`` file (``listing``), or a folder."""

    text: str
    listing: bool = False

    def expand(self) -> tuple[list[Source], list[Failure]]:
        """The sources it names now, and a failure where a ``.urls`` list or a folder cannot be read this round."""
        if self.text.startswith(("http://", "https://")):
            return [Source(SourceKind.url, self.text)], []
        path = Path(self.text)
        if not self.listing:
            if not path.is_dir():
                return [], [Failure(self.text, "input.io", "the drop folder is gone")]
            return [Source(SourceKind.folder, str(path.resolve()))], []
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            return [], [Failure(self.text, "input.io", f"cannot read this list of URLs: {error}")]
        return [Source(SourceKind.url, url) for url in listed_urls(text)], []


def given(texts: list[str]) -> list[Given]:
    """The sources of the command line, each checked: a URL, an existing ``.urls`` file, or a folder."""
    found = []
    for text in texts:
        path = Path(text)
        listing = text.endswith(".urls")
        if not (text.startswith(("http://", "https://")) or path.is_dir() or listing):
            raise UsageError(
                "a watched source is a feed or page URL (http:// or https://), a .urls file or a folder", origin=text
            )
        if listing and not path.is_file():
            raise UsageError("no such list of URLs", origin=text)
        found.append(Given(text, listing=listing))
    return found


@dataclass(frozen=True, slots=True)
class Dropped:
    """A file in a drop folder, keyed by its name, size and time of change (a file rewritten is read again)."""

    path: Path
    key: str


def dropped(folder: str) -> tuple[list[Dropped], list[Failure]]:
    """The files of a drop folder that a reader reads (hidden files and other names passed over), in order."""
    files: list[Dropped] = []
    failures: list[Failure] = []
    for item in walk(Path(folder)):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        if item.name.startswith(".") or not names_a_file(item.name) or not item.is_file():
            continue
        info = item.stat()
        relative = os.path.relpath(item, folder)
        files.append(Dropped(item, f"{relative}|{info.st_size}|{info.st_mtime_ns}"))
    return files, failures
