"""What the API and the pages share: settings, the per-request store, country parameters, and the API's own errors."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi import Path as PathParam

from bilateral.actors.countries import countries
from bilateral.store import Store
from bilateral.store.postgres import SCHEME


class ApiError(Exception):
    """An error the API answers with its own status and stable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


LOOPBACK = frozenset({"localhost", "127.0.0.1", "[::1]"})
"""The Host names a server answers to by default: only a client on this machine reaches it by name."""
ANY_HOST = "*"
"""Given as an allowed host, any Host header is answered (behind a proxy that checks it)."""
MAX_BODY = 16 * 1024 * 1024
"""Bytes of one request body by default (a thousand long articles fit)."""
INGEST_SECONDS = 60.0
"""Seconds one ``POST /api/ingest`` may spend coding by default."""


@dataclass(frozen=True)
class Settings:
    """What every request needs: the database (a path or a URL), the ingest token, the actor folders and the
    bounds on a request."""

    db: str
    token: str | None = None
    actors: tuple[Path, ...] = ()
    hosts: frozenset[str] = LOOPBACK
    max_body: int = MAX_BODY
    ingest_seconds: float = INGEST_SECONDS


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


_PAIR_HELP = "Two countries joined by '-': ISO 3166-1 alpha-3 or alpha-2 codes, IGO codes or names (TUR-KOR, TR-KR)."


def pair_query(
    request: Request, pair: Annotated[str | None, Query(min_length=3, max_length=120, description=_PAIR_HELP)] = None
) -> tuple[str, str] | None:
    """The ``pair`` query parameter as two codes (a dependency); an unknown country answers 422 with suggestions."""
    return countries(settings(request).actors).pair(pair) if pair else None


def direction_query(
    request: Request,
    direction: Annotated[
        str | None,
        Query(min_length=3, max_length=120, description="Who acted toward whom: ACTOR-RECIPIENT, e.g. TUR-KOR."),
    ] = None,
) -> tuple[str, str] | None:
    """The ``direction`` query parameter as (actor country, recipient country) (a dependency)."""
    return countries(settings(request).actors).pair(direction) if direction else None


def pair_path(
    request: Request, pair: Annotated[str, PathParam(min_length=3, max_length=120, description=_PAIR_HELP)]
) -> tuple[str, str]:
    """The ``{pair}`` path parameter as two codes (a dependency)."""
    return countries(settings(request).actors).pair(pair)


def country_query(
    request: Request,
    country: Annotated[
        str | None, Query(min_length=2, max_length=60, description="One party: a code (TUR, TR, NATO) or a name.")
    ] = None,
) -> str | None:
    """The ``country`` query parameter as a code (a dependency)."""
    return countries(settings(request).actors).resolve(country) if country else None


PairQuery = Annotated[tuple[str, str] | None, Depends(pair_query)]
PairPath = Annotated[tuple[str, str], Depends(pair_path)]
CountryQuery = Annotated[str | None, Depends(country_query)]
DirectionQuery = Annotated[tuple[str, str] | None, Depends(direction_query)]


class Readers:
    """Read-only stores of an SQLite file kept open between requests, one request at a time each: a new connection
    cost 0.6 ms to open and started with an empty page cache (1.3 ms more for a timeline at 100,000 events).
    A store is used again only while the path names the very file it opened, unchanged on disk since (device, inode,
    size and time of change: not replaced, not copied over; in WAL mode a write changes the file only at a
    checkpoint), and its schema is the one it checked (no migration since); otherwise it is closed and a new one
    opened, which checks the schema as every store does. At most :data:`IDLE` wait at once. On PostgreSQL each
    request opens its own store (its connections are pooled already)."""

    IDLE = 16

    def __init__(self, db: str) -> None:
        self._db = db
        self._pooled = not SCHEME.match(db)
        self._idle: list[Store] = []
        self._files: dict[Store, _File] = {}  # what each store opened, as the path named it just before
        self._closed = False
        self._lock = threading.Lock()

    def take(self) -> Store:
        if not self._pooled:
            return Store(self._db, read_only=True)
        now = _file(self._db)
        while True:
            with self._lock:
                if not self._idle:
                    break
                store = self._idle.pop()
                opened = self._files.get(store)
            if opened == now and _same_schema(store):
                return store
            self.discard(store)
        before = _file(self._db)  # read before opening: a file replaced in between is never taken for this one
        store = Store(self._db, read_only=True)
        with self._lock:
            self._files[store] = before
        return store

    def give(self, store: Store) -> None:
        """A store back after a request that ended well (one that failed is discarded instead)."""
        with self._lock:
            keep = self._pooled and not self._closed and len(self._idle) < self.IDLE
            if keep:
                self._idle.append(store)
        if not keep:
            self.discard(store)

    def discard(self, store: Store) -> None:
        with self._lock:
            self._files.pop(store, None)
        store.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for store in idle:
            self.discard(store)


_File = tuple[int, int, int, int]


def _file(path: str) -> _File:
    """The file ``path`` names as it stands: device, inode, size and time of change; zeros when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return 0, 0, 0, 0
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


def _same_schema(store: Store) -> bool:
    try:
        return store.schema_unchanged()
    except sqlite3.Error:  # damaged since: a new store says so, as an error the API answers
        return False


def open_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request (a FastAPI dependency): a read endpoint cannot write."""
    readers: Readers = request.app.state.readers
    store = readers.take()
    try:
        yield store
    except BaseException:
        readers.discard(store)
        raise
    readers.give(store)


def error_body(code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}
