"""Feeds and URL lists over HTTP, against a loopback server the test starts."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from bilateral.errors import TooLarge
from bilateral.read import InputFormat, read_paths
from bilateral.read.feed import parse_feed
from bilateral.read.fetch import Fetcher
from bilateral.records import Document, Failure

ARTICLE = """<html><head><meta property="og:title" content="{title}">
<meta property="article:published_time" content="2024-06-0{day}"></head><body>
<nav>Home | World | Business</nav><article><h1>{title}</h1>
<p>{body} Officials from both governments said the meeting in the capital had lasted two hours and covered trade.</p>
<p>A joint statement is expected later in the week, according to a spokesperson for the foreign ministry.</p>
</article></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example wire</title>
<item><title>Teaser only</title><link>{base}/a</link><pubDate>Mon, 03 Jun 2024 08:00:00 GMT</pubDate>
<description>Short teaser.</description></item>
<item><title>Full story</title><link>{base}/never-fetched</link><pubDate>Tue, 04 Jun 2024 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{long}</p><p>Second paragraph of the full story.</p>]]></content:encoded></item>
<item><title>Broken link</title><link>{base}/missing</link><description>Gone.</description></item>
</channel></rss>"""


def page(title: str, body: str, day: int) -> tuple[int, str, bytes]:
    return 200, "text/html; charset=utf-8", ARTICLE.format(title=title, body=body, day=day).encode()


def test_feed_uses_full_content_or_fetches_the_page(http_server: Callable[..., str]) -> None:
    routes: dict[str, object] = {"/a": page("Envoys meet", "The two envoys met on Monday.", 3)}
    base = http_server(routes)
    long_text = "The Japanese and South Korean leaders held talks in Tokyo on Tuesday. " * 8
    routes["/feed.xml"] = (200, "application/rss+xml", FEED.format(base=base, long=long_text).encode())
    items = list(read_paths([f"{base}/feed.xml"]))
    documents = [item for item in items if isinstance(item, Document)]
    failures = [item for item in items if isinstance(item, Failure)]
    assert [document.title for document in documents] == ["Teaser only", "Full story"]
    assert documents[0].text.startswith("The two envoys met on Monday.")
    assert documents[0].published == date(2024, 6, 3)
    assert documents[1].text.startswith("The Japanese and South Korean leaders")
    assert documents[1].text.endswith("Second paragraph of the full story.")
    assert len(failures) == 1 and failures[0].origin == f"{base}/missing"
    assert failures[0].code == "input.fetch" and "404" in failures[0].message


def test_url_list_names_each_failed_url(http_server: Callable[..., str], tmp_path: Path) -> None:
    def slow() -> tuple[int, str, bytes]:
        time.sleep(1.5)
        return page("Late", "Too late.", 5)

    base = http_server({"/ok": page("Ministers talk", "The ministers talked by phone.", 4), "/slow": slow})
    listing = tmp_path / "links.urls"
    listing.write_text(f"# reading list\n{base}/ok\n{base}/gone\n{base}/slow\nhttp://127.0.0.1:9/closed\n")
    fetcher = Fetcher(timeout=0.5)
    try:
        items = list(read_paths([str(listing)], fetcher=fetcher))
    finally:
        fetcher.close()
    assert [item.title for item in items if isinstance(item, Document)] == ["Ministers talk"]
    failures = {item.origin: item.message for item in items if isinstance(item, Failure)}
    assert set(failures) == {f"{base}/gone", f"{base}/slow", "http://127.0.0.1:9/closed"}
    assert "404" in failures[f"{base}/gone"]
    assert "timed out" in failures[f"{base}/slow"]


def test_a_format_given_reads_the_list_not_the_pages_it_names(http_server: Callable[..., str], tmp_path: Path) -> None:
    base = http_server({"/ok": page("Ministers talk", "The ministers talked by phone.", 4)})
    listing = tmp_path / "links.txt"  # a list of URLs under a name that says text
    listing.write_text(f"{base}/ok\n")
    (document,) = read_paths([str(listing)], as_format=InputFormat.urls)
    assert isinstance(document, Document), document  # the page is HTML, not another list of URLs
    assert document.title == "Ministers talk" and document.text.startswith("The ministers talked by phone.")
    (named,) = read_paths([f"{base}/ok"], as_format=InputFormat.text)
    assert isinstance(named, Document) and "<html>" not in named.text


def test_a_host_that_cannot_be_reached_is_tried_once(tmp_path: Path) -> None:
    listing = tmp_path / "links.urls"
    listing.write_text("http://127.0.0.1:9/first\nhttp://127.0.0.1:9/second\n")
    fetcher = Fetcher(timeout=0.5)
    tries: list[str] = []
    original = fetcher._client.stream

    def counted(method: str, url: str, **kwargs: object) -> object:
        tries.append(url)
        return original(method, url, **kwargs)  # type: ignore[arg-type]

    fetcher._client.stream = counted  # type: ignore[method-assign]
    try:
        failures = [item for item in read_paths([str(listing)], fetcher=fetcher) if isinstance(item, Failure)]
    finally:
        fetcher.close()
    assert tries == ["http://127.0.0.1:9/first"]
    assert [failure.origin for failure in failures] == ["http://127.0.0.1:9/first", "http://127.0.0.1:9/second"]
    assert all(failure.code == "input.fetch" for failure in failures)
    assert "not tried again: http://127.0.0.1:9 could not be reached" in failures[1].message


def test_a_feed_fetches_a_bounded_number_of_linked_pages(
    http_server: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bilateral.read.feed.MAX_FEED_LINKS", 2)
    routes: dict[str, object] = {
        f"/{n}": page(f"Envoys meet {n}", "The two envoys met on Monday.", 3) for n in range(4)
    }
    base = http_server(routes)
    entries = "".join(f"<item><title>Teaser {n}</title><link>{base}/{n}</link></item>" for n in range(4))
    routes["/feed.xml"] = (
        200,
        "application/rss+xml",
        f'<?xml version="1.0"?><rss><channel>{entries}</channel></rss>'.encode(),
    )
    items = list(read_paths([f"{base}/feed.xml"]))
    assert [item.title for item in items if isinstance(item, Document)] == ["Teaser 0", "Teaser 1"]
    failures = [item for item in items if isinstance(item, Failure)]
    assert [(failure.origin, failure.code) for failure in failures] == [
        (f"{base}/2", "input.too_large"),
        (f"{base}/3", "input.too_large"),
    ]
    assert "first 2 linked pages" in failures[0].message


def test_a_feed_of_too_many_tags_fails_before_it_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bilateral.read.feed.MAX_FEED_TAGS", 50)
    body = "<b>France</b> " * 30
    item = f"<item><title>x</title><description>{body}</description></item>"
    feed = f'<?xml version="1.0"?><rss><channel>{item}</channel></rss>'
    with pytest.raises(TooLarge, match="over 50 tags"):
        list(parse_feed(feed.encode(), origin="deep.rss"))
    assert len(list(parse_feed(feed.replace(body, "France and Germany met.").encode(), origin="flat.rss"))) == 1
