"""What the API and the pages share: settings, the per-request store, and the API's own errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request

from bilateral.actors import Gazetteer
from bilateral.actors import gazetteer as load_gazetteer
from bilateral.store import Store


class ApiError(Exception):
    """An error the API answers with its own status and stable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class Settings:
    """What every request needs: the database, the ingest token, and the gazetteer (loaded on first ingest)."""

    db: Path
    token: str | None = None
    actors: tuple[Path, ...] = ()
    _gazetteer: Gazetteer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def gazetteer(self) -> Gazetteer:
        with self._lock:
            if self._gazetteer is None:
                self._gazetteer = load_gazetteer(self.actors)
            return self._gazetteer


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def open_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request (a FastAPI dependency): a read endpoint cannot write."""
    with Store(settings(request).db, read_only=True) as store:
        yield store


def open_writer(request: Request) -> Iterator[Store]:
    """A writable store for the token-guarded ingest request."""
    with Store(settings(request).db) as store:
        yield store


def error_body(code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}
