"""Readers: each input shape, and bad input as one failure naming it."""

from __future__ import annotations

import gzip
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from bilateral.read import read_paths
from bilateral.read.jsonl import parse_lines
from bilateral.read.newsrecord import parse_text
from bilateral.records import Document, Failure

RECORD = (
    " date 2024-03-05 120\nMinisters meet in Paris\n"
    "The French foreign minister met her German counterpart on Tuesday.\nThey agreed to meet again.\n"
)


@pytest.mark.parametrize(
    ("text", "title", "published", "body_start"),
    [
        (RECORD, "Ministers meet in Paris", date(2024, 3, 5), "The French"),
        ("\n\n" + RECORD, "Ministers meet in Paris", date(2024, 3, 5), "The French"),
        (
            "Ministers meet in Paris\nThe French minister met her counterpart.",
            "Ministers meet in Paris",
            None,
            "The French",
        ),
        ("The French minister met her counterpart on Friday.\n\nThey talked.", "", None, "The French"),
        (" date 2024-13-45 12\nA title\nBody text here.", "A title", None, "Body"),
        # A stored page whose header runs on into its first line: a sentence, or a title.
        (" date 2024-03-05 The French minister met her counterpart.\nMore.", "", date(2024, 3, 5), "The French"),
        (
            " date 2024-03-05 Ministers meet in Paris\n\nThe French minister met.",
            "Ministers meet in Paris",
            date(2024, 3, 5),
            "The French",
        ),
        (" date 2024-03-05 7\nMinisters meet\nThe French minister met.", "Ministers meet", date(2024, 3, 5), "The"),
    ],
)
def test_news_record_and_plain_text(text: str, title: str, published: date | None, body_start: str) -> None:
    document = parse_text(text, origin="a.txt")
    assert (document.title, document.published) == (title, published)
    assert document.text.startswith(body_start)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"text": "Body.", "title": "T", "date": "2024-03-05"}, ("Body.", "T", date(2024, 3, 5), None)),
        (
            {"maintext": "Body.", "date_publish": "2024-03-05 09:12:00", "source_domain": "x.org"},
            ("Body.", "", date(2024, 3, 5), "x.org"),
        ),
        (
            {"content": "Body.", "published": "Tue, 05 Mar 2024 09:12:00 GMT", "domain": "y.com"},
            ("Body.", "", date(2024, 3, 5), "y.com"),
        ),
        (
            {"body": "Body.", "published_at": "2024-03-05T23:59:00Z", "source": {"name": "Wire"}},
            ("Body.", "", date(2024, 3, 5), "Wire"),
        ),
        ({"text": "Body.", "date": "not a date"}, ("Body.", "", None, None)),
    ],
)
def test_jsonl_field_names(record: dict[str, object], expected: tuple[object, ...]) -> None:
    (document,) = parse_lines([json.dumps(record).encode()], origin="dump.jsonl")
    assert isinstance(document, Document)
    assert (document.text, document.title, document.published, document.source) == expected


def test_jsonl_bad_lines_fail_alone() -> None:
    lines = [b'{"text": "One."}', b"{broken", b'{"title": "no text"}', b"[1, 2]", b"", b'{"text": "Two."}']
    items = list(parse_lines(lines, origin="dump.jsonl"))
    assert [item.text for item in items if isinstance(item, Document)] == ["One.", "Two."]
    failures = [item for item in items if isinstance(item, Failure)]
    assert [failure.origin for failure in failures] == ["dump.jsonl:2", "dump.jsonl:3", "dump.jsonl:4"]
    assert all(failure.code == "input.format" for failure in failures)


PAGE = """<html><head><title>Site | Leaders meet</title>
<meta property="og:title" content="Leaders meet in Paris">
{meta}
</head><body><nav><ul><li>Home</li><li>World</li><li>Sport</li></ul></nav>
<article><h1>Leaders meet in Paris</h1>
<p>The French president met the German chancellor in Paris on Tuesday to discuss a joint fighter programme.</p>
<p>Both leaders said the talks had been productive and that officials would meet again next month.</p>
</article><footer>Copyright 2024 Example Media</footer><script>var x = 1;</script></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(meta='<meta property="article:published_time" content="2024-03-05T10:00:00Z">'))
    (document,) = read_paths([str(page)])
    assert isinstance(document, Document)
    assert document.title == "Leaders meet in Paris"
    assert document.published == date(2024, 3, 5)
    assert document.text.startswith("The French president")
    assert "Home" not in document.text and "var x" not in document.text


def test_html_without_date_has_no_date(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(meta=""))
    (document,) = read_paths([str(page)])
    assert isinstance(document, Document)
    assert document.published is None


def test_folder_with_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(RECORD)
    (tmp_path / "latin.txt").write_bytes(
        " date 2024-03-06 9\nTitel\nDie Außenministerin traf ihren Amtskollegen in München.\n".encode("latin-1")
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(RECORD.encode())[:-12])
    (tmp_path / "notes.md").write_text("not news")
    items = list(read_paths([str(tmp_path)]))
    documents = {Path(item.origin).name: item for item in items if isinstance(item, Document)}
    failures = {Path(item.origin).name: item.code for item in items if isinstance(item, Failure)}
    assert set(documents) == {"good.txt", "latin.txt"}
    assert "Außenministerin" in documents["latin.txt"].text
    assert failures == {"empty.txt": "input.empty", "image.txt": "input.binary", "cut.txt.gz": "input.compression"}


def test_gzip_jsonl_streams_until_truncation(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"Article number {n} about trade."}) + "\n" for n in range(2000))
    data = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(read_paths([str(tmp_path / "cut.jsonl.gz")]))
    assert isinstance(items[-1], Failure) and items[-1].code == "input.compression"
    assert 0 < sum(isinstance(item, Document) for item in items) < 2000


def test_glob_missing_path_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(RECORD)
    (tmp_path / "b.txt").write_text(RECORD.replace("Paris", "Rome"))
    assert len(list(read_paths([str(tmp_path / "*.txt")]))) == 2
    (missing,) = read_paths([str(tmp_path / "nope.txt")])
    assert isinstance(missing, Failure) and missing.code == "input.not_found"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "From a pipe."}\n')))
    (piped,) = read_paths(["-"])
    assert isinstance(piped, Document) and piped.text == "From a pipe."


def test_menu_line_is_not_a_title() -> None:
    document = parse_text(
        "Home | World | Europe | Opinion | Sport\nTalks resume in Geneva\nThe envoys met.", origin="x"
    )
    assert document.title == "Talks resume in Geneva"


@pytest.mark.parametrize(
    ("body", "outlet"),
    [
        ("ANKARA, Nov 24 (Meridian Wire) - Türkiye and South Korea agreed on Monday.", "Meridian Wire"),
        ("(MENAFN- Kuwait News Agency (KUNA)) ANKARA, Nov 24 (KUNA) -- The president said.", "KUNA"),
        ("WASHINGTON (AP) — The talks ended.", "AP"),
        ("The Turkish (foreign) minister - met his counterpart.", None),
        ("Officials in Seoul (the capital) said - nothing.", None),
    ],
)
def test_a_wire_dateline_names_the_outlet(body: str, outlet: str | None) -> None:
    assert parse_text(f" date 2025-11-24 10\nTitle\n{body}", origin="x").source == outlet
