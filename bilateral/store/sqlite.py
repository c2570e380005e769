"""SQLite, the embedded default: opening a file and the settings of a connection that writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bilateral.errors import MissingDatabase, StoreError


def connect(path: str, *, read_only: bool, create: bool) -> sqlite3.Connection:
    """A connection to the file at ``path`` in autocommit mode (the store opens its own transactions).

    Without ``create`` (implied by ``read_only``) a missing file is :class:`MissingDatabase`: a command that only
    reads must not leave an empty database behind.
    """
    if (read_only or not create) and not Path(path).is_file():
        raise MissingDatabase(
            "no such database: ingest first (`bilateral ingest PATH…` or `bilateral demo`), or give --db", origin=path
        )
    try:
        if read_only:
            uri = f"{Path(path).resolve().as_uri()}?mode=rw"  # never creates a missing file
            db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"cannot open the database: {error}", origin=path) from error
    db.execute("PRAGMA busy_timeout = 10000")
    return db


def prepare(db: sqlite3.Connection) -> None:
    """Settings for a connection that writes: write-ahead log, foreign keys enforced, and 64 MiB of the file's pages
    cached (not SQLite's 2 MiB: ids from content put each insert in a random page of an index)."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA cache_size = -65536")
