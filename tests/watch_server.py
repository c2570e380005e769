"""A loopback site for the watch tests: pages and a feed that change between rounds, answering conditional
GETs (ETag, Last-Modified) with 304, and a log of every request with its headers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    validators: bool = True
    version: int = 0

    @property
    def etag(self) -> str:
        return f'"v{self.version}-{len(self.body)}"'

    @property
    def last_modified(self) -> str:
        return formatdate(1_700_000_000 + self.version * 60, usegmt=True)


@dataclass
class Site:
    base: str = ""
    resources: dict[str, Resource] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    on_request: Callable[[str], None] | None = None

    def put(self, path: str, body: str, content_type: str = "text/html; charset=utf-8", **options: Any) -> None:
        """Serve ``body`` at ``path``, as a new version when it changed."""
        old = self.resources.get(path)
        version = (old.version + 1) if old else 0
        self.resources[path] = Resource(body.encode(), content_type, version=version, **options)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def take(self) -> list[tuple[str, dict[str, str]]]:
        """The requests since the last call."""
        taken, self.requests[:] = list(self.requests), []
        return taken


def start(site: Site, port: int = 0) -> ThreadingHTTPServer:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                site.requests.append((self.path, {key.lower(): value for key, value in self.headers.items()}))
            if site.on_request is not None:
                site.on_request(self.path)
            resource = site.resources.get(self.path)
            if resource is None:
                self._send(404, "text/plain", b"not here", {})
                return
            headers = {}
            if resource.validators:
                headers = {"ETag": resource.etag, "Last-Modified": resource.last_modified}
                if self.headers.get("If-None-Match") == resource.etag:
                    self._send(304, resource.content_type, b"", headers)
                    return
            self._send(resource.status, resource.content_type, resource.body, headers)

        def _send(self, status: int, content_type: str, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for key, value in headers.items():
                self.send_header(key, value)
            if status == 302:
                self.send_header("Location", body.decode())
                body = b""
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


FEED_HEAD = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Wire</title><link>{base}/</link><description>Test wire</description>
"""

FULL_ITEM = """<item><title>{title}</title><guid>{guid}</guid><link>{base}/story/{guid}</link>
<pubDate>{date}</pubDate><content:encoded><![CDATA[<p>{text}</p><p>{filler}</p>]]></content:encoded></item>
"""

TEASER_ITEM = """<item><title>{title}</title><guid>{guid}</guid><link>{base}{page}</link>
<pubDate>{date}</pubDate><description>A short teaser.</description></item>
"""

PAGE = """<html><head><title>{title}</title>
<meta property="article:published_time" content="{day}"></head><body>
<article><h1>{title}</h1><p>{text}</p><p>{filler}</p></article></body></html>"""

FILLER = (
    "Officials on both sides described the talks as constructive, and a spokesperson said that a joint "
    "statement listing the areas of work would follow once the delegations had returned home. "
    "Observers noted that the two governments had held several rounds of working-level meetings this year, "
    "and that the ministries concerned were expected to publish a timetable for the next steps before summer."
)


def feed(base: str, items: list[dict[str, str]]) -> str:
    """A feed of ``items``: each a full-text item, or a teaser when it names a ``page``."""
    parts = [FEED_HEAD.format(base=base)]
    for item in items:
        template = TEASER_ITEM if "page" in item else FULL_ITEM
        parts.append(template.format(base=base, filler=FILLER, **item))
    parts.append("</channel></rss>")
    return "".join(parts)


def page(title: str, text: str, day: str) -> str:
    return PAGE.format(title=title, text=text, day=day, filler=FILLER)
