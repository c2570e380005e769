"""What a request must pass before the app reads it: an allowed Host, the ingest token, a body within the limit.

:class:`Guard` is a plain ASGI middleware, so each check runs on the headers alone, before one byte of the
body is read: a page whose DNS name was rebound to this machine (its requests carry that name as their Host)
is refused, an ingest without the token is refused whatever it sends, a body that says it is too large is
refused unread, and any other body is counted as it arrives and cut off at the limit.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilateral.serve.context import ANY_HOST, LOOPBACK, ApiError, Settings, error_body
from bilateral.serve.pages import error_page

WRITES = frozenset({"/api/ingest"})
"""The paths that write, each refused without the token before its body is read."""


def answer(request: Request, status: int, code: str, message: str, details: list[Any] | None = None) -> Response:
    """The one error shape: JSON under ``/api`` (and for the schema), an HTML page elsewhere."""
    if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
        return JSONResponse(error_body(code, message, details), status_code=status)
    return HTMLResponse(error_page(status, code, message), status_code=status)


def host_name(header: str) -> str:
    """The name in a Host header or a ``--allow-host`` value, lower-cased, without its port
    (``LocalHost:8000`` → ``localhost``, ``[::1]:8000`` and ``::1`` → ``[::1]``)."""
    name = header.strip().lower()
    if name.startswith("["):
        return name.partition("]")[0] + "]"
    if name.count(":") > 1:  # a bare IPv6 address
        return f"[{name}]"
    return name.partition(":")[0]


def allowed_hosts(names: Iterable[str]) -> frozenset[str]:
    """The loopback names and ``names`` (``*``: any host)."""
    return LOOPBACK | {host_name(name) if name != ANY_HOST else ANY_HOST for name in names}


def too_large(limit: int) -> str:
    return f"the request body is over the server's limit of {limit:,} bytes (bilateral serve --max-body)"


def refusal(settings: Settings, request: Request) -> ApiError | None:
    """Why the request is refused on its headers alone, or None: Host, then the token of a write, then size."""
    host = request.headers.get("host", "")
    if ANY_HOST not in settings.hosts and host_name(host) not in settings.hosts:
        return ApiError(400, "host.refused", f"this server does not answer to the Host {host!r}: reach it as localhost "
                        "or 127.0.0.1, or start it with --allow-host NAME")  # fmt: skip
    if request.url.path in WRITES and request.method not in ("GET", "HEAD", "OPTIONS"):
        token = settings.token
        if token is None:
            return ApiError(403, "ingest.disabled", "ingest is disabled: start the server with --token or "
                            "BILATERAL_TOKEN")  # fmt: skip
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
            return ApiError(401, "unauthorized", "a valid 'Authorization: Bearer TOKEN' header is needed")
    length = request.headers.get("content-length")
    if length is not None and not length.isdigit():
        return ApiError(400, "bad_request", f"the Content-Length {length!r} is not a number of bytes")
    if length is not None and int(length) > settings.max_body:
        return ApiError(413, "too_large", too_large(settings.max_body))
    return None


class Guard:
    """Refuses a request on its headers (:func:`refusal`), and stops reading a body at ``max_body`` bytes."""

    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refused = refusal(self.settings, request)
        if refused is not None:
            await answer(request, refused.status, refused.code, refused.message)(scope, receive, send)
            return
        await self.app(scope, counted(receive, self.settings.max_body), send)


def counted(receive: Receive, limit: int) -> Receive:
    """``receive`` that counts the body's bytes and raises a 413 once they pass ``limit`` (a chunked body has no
    Content-Length to check first); the request's reader answers it in the one error shape."""
    seen = 0

    async def receive_counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise HTTPException(413, too_large(limit))
        return message

    return receive_counted
