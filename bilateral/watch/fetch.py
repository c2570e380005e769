"""Polite fetching for the watcher: at most a few requests at a time to one host, a pause between them,
and conditional GETs (the fetcher itself, with its timeouts, redirect and size bounds, is
:class:`bilateral.read.fetch.Fetcher`, which names the tool and its version in its User-Agent).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from bilateral.read.fetch import Fetcher, Response

PER_HOST = 2
"""Requests in flight to one host at once."""
HOST_INTERVAL = 1.0
"""Seconds between the starts of two requests to one host."""


class HostGate:
    """Holds each request to a host until one of its ``per_host`` slots is free and ``interval`` seconds have
    passed since the last request to that host started."""

    def __init__(
        self,
        *,
        per_host: int = PER_HOST,
        interval: float = HOST_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._per_host = per_host
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def visit(self, host: str) -> Iterator[None]:
        with self._lock:
            slots = self._slots.setdefault(host, threading.Semaphore(self._per_host))
        with slots:
            with self._lock:
                now = self._clock()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self._interval
            if start > now:
                self._sleep(start - now)
            yield


class PoliteFetcher(Fetcher):
    """A :class:`Fetcher` whose every request (a feed, or a page its entries link to) passes a :class:`HostGate`."""

    def __init__(self, *, gate: HostGate, timeout: float = 15.0, max_bytes: int | None = None) -> None:
        super().__init__(timeout=timeout, max_bytes=max_bytes)
        self._gate = gate

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        with self._gate.visit(urlsplit(url).netloc.lower()):
            return super().fetch(url, etag=etag, last_modified=last_modified)
