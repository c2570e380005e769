"""Fetching pages and feeds over HTTP, with timeouts and one clear error per URL (httpx, imported by a fetcher)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bilateral import __version__
from bilateral.errors import FetchError

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"bilateral/{__version__} (+news event coder)"


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    content: bytes
    content_type: str


class Fetcher:
    """A small HTTP client: redirects followed, timeouts enforced, errors named."""

    def __init__(self, *, timeout: float = 15.0, max_bytes: int = 20_000_000) -> None:
        import httpx

        self._client: httpx.Client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=True, headers={"User-Agent": USER_AGENT}
        )
        self._max_bytes = max_bytes

    def get(self, url: str) -> Response:
        import httpx

        try:
            response = self._client.get(url)
        except httpx.TimeoutException as error:
            raise FetchError(f"timed out ({type(error).__name__})", origin=url) from error
        except httpx.HTTPError as error:
            raise FetchError(f"request failed: {error}", origin=url) from error
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}", origin=url)
        if len(response.content) > self._max_bytes:
            raise FetchError(f"response larger than {self._max_bytes} bytes", origin=url)
        return Response(str(response.url), response.content, response.headers.get("content-type", ""))

    def close(self) -> None:
        self._client.close()
