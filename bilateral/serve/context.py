"""What the API and the pages share: settings, the per-request store, country parameters, and the API's own errors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi import Path as PathParam

from bilateral.actors.countries import countries
from bilateral.store import Store


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


def open_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request (a FastAPI dependency): a read endpoint cannot write."""
    with Store(settings(request).db, read_only=True) as store:
        yield store


def error_body(code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}
