"""Fetching pages and feeds over HTTP, with timeouts and one clear error per URL (httpx, imported by a fetcher)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bilateral import __version__
from bilateral.errors import FetchError, TooLarge
from bilateral.read.bounds import MAX_INPUT_BYTES

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"bilateral/{__version__} (+news event coder)"


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    content: bytes
    content_type: str


class Fetcher:
    """A small HTTP client: redirects followed, timeouts enforced, errors named.

    A host that cannot be reached (no such name, connection refused or timed out) is not tried
    again by the same fetcher: every later URL on it fails at once with the first error, so a feed
    of a hundred teasers linking to a dead site costs one wait, not a hundred.
    """

    def __init__(self, *, timeout: float = 15.0, max_bytes: int | None = None) -> None:
        import httpx

        self._client: httpx.Client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=True, headers={"User-Agent": USER_AGENT}
        )
        self._max_bytes = MAX_INPUT_BYTES if max_bytes is None else max_bytes
        self._unreachable: dict[str, str] = {}

    def get(self, url: str) -> Response:
        """The page at ``url``, its body read as it arrives and refused (:class:`TooLarge`) past ``max_bytes``."""
        import httpx

        host = _host(url)
        if host in self._unreachable:
            raise FetchError(
                f"{self._unreachable[host]} (not tried again: {host} could not be reached earlier in this run)",
                origin=url,
            )
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}", origin=url)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self._max_bytes:
                        raise TooLarge(f"the response is over {self._max_bytes:,} bytes, the most read", origin=url)
        except httpx.ConnectTimeout as error:
            self._unreachable[host] = f"timed out ({type(error).__name__})"
            raise FetchError(self._unreachable[host], origin=url) from error
        except httpx.TimeoutException as error:
            raise FetchError(f"timed out ({type(error).__name__})", origin=url) from error
        except httpx.ConnectError as error:
            self._unreachable[host] = f"request failed: {error}"
            raise FetchError(self._unreachable[host], origin=url) from error
        except httpx.HTTPError as error:
            raise FetchError(f"request failed: {error}", origin=url) from error
        return Response(str(response.url), bytes(body), response.headers.get("content-type", ""))

    def close(self) -> None:
        self._client.close()


def _host(url: str) -> str:
    """The scheme, host and port a URL is fetched from (what one unreachable server shares)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
