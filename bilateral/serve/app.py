"""The web app: the JSON API under ``/api``, the dashboard pages, static assets, and one error shape.

Each request opens its own :class:`~bilateral.store.Store` (SQLite connections are
not shared between threads). Nothing writes unless a token is configured, and then
only ``POST /api/ingest`` with that token.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from bilateral import __version__
from bilateral.errors import BilateralError
from bilateral.serve.api import router as api_router
from bilateral.serve.coder import Coder
from bilateral.serve.context import INGEST_SECONDS, MAX_BODY, ApiError, Readers, Settings
from bilateral.serve.guard import Guard, allowed_hosts, answer
from bilateral.serve.pages import router as pages_router
from bilateral.store import Store
from bilateral.store.health import store_error
from bilateral.store.postgres import SCHEME, shown

log = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
SECURITY_HEADERS = {
    # Only the package's own scripts and styles run; article text could not run script even if it escaped.
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               413: "too_large"}  # fmt: skip


def _install_errors(app: FastAPI, db: str) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        return answer(request, error.status, error.code, error.message)

    @app.exception_handler(BilateralError)
    async def package_error(request: Request, error: BilateralError) -> Response:
        return answer(request, error.status, error.code, str(error))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        code = _HTTP_CODES.get(error.status_code, "http")
        return answer(request, error.status_code, code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        details = [
            {"location": list(item.get("loc", ())), "message": item.get("msg", ""), "type": item.get("type", "")}
            for item in error.errors()
        ]
        first = details[0] if details else {"location": [], "message": "invalid request"}
        if first.get("type") == "json_invalid":  # not JSON at all, as a body nested past the parser's depth is
            return answer(request, 400, "bad_request", "the body is not valid JSON", details)
        where = ".".join(str(part) for part in first["location"])
        return answer(request, 422, "validation", f"{where}: {first['message']}", details)

    async def database_error(request: Request, error: Exception) -> Response:
        translated = store_error(error, path=shown(request.app.state.settings.db))  # damaged, locked: 503
        if translated is None:
            return await internal_error(request, error)
        return answer(request, translated.status, translated.code, str(translated))

    app.add_exception_handler(sqlite3.DatabaseError, database_error)
    if SCHEME.match(db):
        import psycopg

        app.add_exception_handler(psycopg.Error, database_error)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return answer(request, 500, "internal", "internal server error")


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    actors: tuple[Path, ...] = (),
    hosts: Iterable[str] = (),
    max_body: int = MAX_BODY,
    ingest_seconds: float = INGEST_SECONDS,
) -> FastAPI:
    """The app over an existing database; ``token`` enables ``POST /api/ingest``.

    It answers requests whose Host is a loopback name or one of ``hosts`` (``*``: any), reads a request body
    of at most ``max_body`` bytes, and gives one ingest request ``ingest_seconds`` to code its articles.
    """
    db = str(db_path)
    with Store(db, create=False):
        pass  # migrates an older database (the search index) before the first request
    coder = Coder()

    readers = Readers(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        coder.close()
        readers.close()

    app = FastAPI(
        lifespan=lifespan,
        title="bilateral",
        version=__version__,
        description="A source-cited record of events between countries: events, stories, agreements, projects, "
        "timelines, articles with their evidence, and full-text search.",
        docs_url=None,
        redoc_url=None,
    )
    settings = Settings(db, token or None, actors, allowed_hosts(hosts), max_body, ingest_seconds)
    app.state.settings = settings
    app.state.coder = coder
    app.state.readers = readers
    _install_errors(app, db)
    app.add_middleware(Guard, settings=settings)  # inside the headers' middleware: its refusals carry them too

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
