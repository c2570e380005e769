"""What the API and the pages share: settings, the per-request store, country parameters, and the API's own errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi import Path as PathParam

from bilateral.actors import Gazetteer
from bilateral.actors import gazetteer as load_gazetteer
from bilateral.actors.countries import countries
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


_PAIR_HELP = "Two countries joined by '-': ISO 3166-1 alpha-3 or alpha-2 codes, IGO codes or names (TUR-KOR, TR-KR)."


def pair_query(
    request: Request, pair: Annotated[str | None, Query(min_length=3, max_length=120, description=_PAIR_HELP)] = None
) -> tuple[str, str] | None:
    """The ``pair`` query parameter as two codes (a dependency); an unknown country answers 422 with suggestions."""
    return countries(settings(request).actors).pair(pair) if pair else None


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
