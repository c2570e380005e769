"""Feeds and URL lists over HTTP, against a loopback server the test starts."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bilateral.read import InputFormat, read_paths
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
