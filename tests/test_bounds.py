"""Bounds on one input (bilateral.read.bounds, and the article text's in bilateral.repair): each past its bound is
one failure with its code, or a text cut with a warning, and the batch goes on."""

from __future__ import annotations

import gzip
import importlib
import io
import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from bilateral.errors import CompressionRatio
from bilateral.read import bounds, delimited, jsonl, read_paths
from bilateral.read.bounds import bounded_lines
from bilateral.read.fetch import Fetcher
from bilateral.records import Document, Failure
from bilateral.repair import bounded, repair

repair_module = importlib.import_module("bilateral.repair")  # the package binds `repair` to the function
GOOD = json.dumps({"text": "Spain and Italy signed a treaty on ports on Monday.", "date": "2024-03-06"}) + "\n"
SIGNED = "Spain and Italy signed a treaty on ports on Monday."


def read(*paths: Path) -> list[Document | Failure]:
    return list(read_paths([str(path) for path in paths]))


def codes(items: list[Document | Failure]) -> list[str]:
    return [item.code if isinstance(item, Failure) else "document" for item in items]


def bomb(path: Path, line: bytes, *, megabytes: int = 1) -> Path:
    """About ``megabytes`` MB of gzip that inflates a thousandfold: one member of 10 MiB repeated."""
    member = gzip.compress(line * (10 * 2**20 // len(line)), compresslevel=9)
    path.write_bytes(member * (megabytes * 2**20 // len(member) + 1))
    return path


@pytest.mark.parametrize(
    ("name", "line", "code"),
    [
        ("zeros.txt.gz", b"0", "input.too_large"),  # read whole: the first 64 MiB, then refused
        ("zeros.csv.gz", b"0", "input.too_large"),
        ("zeros.jsonl.gz", b"0", "input.compression_ratio"),  # one endless line, read past and never held
        ("empty-objects.jsonl.gz", b"{}\n", "input.too_many_failures"),  # a failure a line, given up
        ("newlines.jsonl.gz", b"\n", "input.too_many_failures"),
    ],
)
def test_a_real_gzip_bomb_fails_alone_and_the_next_file_is_read(
    tmp_path: Path, name: str, line: bytes, code: str
) -> None:
    path = bomb(tmp_path / name, line)
    assert path.stat().st_size < 1.2 * 2**20
    (tmp_path / "next.jsonl").write_text(GOOD)
    items = read(path, tmp_path / "next.jsonl")
    assert codes(items)[-2:] == [code, "document"]
    assert items[-2].origin == str(path)


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounds small enough that a test input past them is a few kilobytes."""
    monkeypatch.setattr(bounds, "MAX_INPUT_BYTES", 1_000)
    monkeypatch.setattr(bounds, "MAX_LINE_BYTES", 200)
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 200)
    monkeypatch.setattr(jsonl, "MAX_LINES_WITHOUT_ARTICLE", 5)
    monkeypatch.setattr(delimited, "MAX_LINES_WITHOUT_ARTICLE", 5)


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("fits.txt", SIGNED.encode() * 19, ["document"]),  # 988 bytes
        ("over.txt", SIGNED.encode() * 20, ["input.too_large"]),
        ("over.txt.gz", gzip.compress(SIGNED.encode() * 20), ["input.too_large"]),
        ("over.html", b"<p>" + SIGNED.encode() * 20 + b"</p>", ["input.too_large"]),
        ("lines.jsonl", (GOOD * 40).encode(), ["document"] * 40),  # streams: no bound on the file
        (
            "long-line.jsonl",
            (GOOD + json.dumps({"text": SIGNED * 5}) + "\n" + GOOD).encode(),
            ["document", "input.line_too_long", "document"],
        ),
        (
            "long-line.jsonl.gz",
            gzip.compress((json.dumps({"text": SIGNED * 50}) + "\n" + GOOD).encode()),
            ["input.line_too_long", "document"],
        ),
        ("failing.jsonl", ("{}\n" * 4 + GOOD).encode(), ["input.format"] * 4 + ["document"]),
        ("failing-more.jsonl", ("{}\n" * 5 + GOOD).encode(), ["input.format"] * 5 + ["input.too_many_failures"]),
        ("blank.jsonl", ("\n" * 4 + GOOD + "\n" * 6 + GOOD).encode(), ["document", "input.too_many_failures"]),
        ("rows.csv", b"title,text\n" + b",\n" * 6 + b"T,A treaty.\n", ["input.too_many_failures"]),
    ],
)
def test_each_bound_fails_its_input_or_line_with_its_code(
    tmp_path: Path, name: str, content: bytes, expected: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert codes(read(path)) == expected


def test_a_long_line_is_never_held_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "MAX_LINE_BYTES", 10)
    stream = io.BytesIO(b"short\n" + b"x" * 5_000 + b"\nexactly10b\n" + b"y" * 11)
    assert [len(line) for line in bounded_lines(stream, origin="s")] == [6, 11, 11, 11]


def test_the_gzip_ratio_counts_what_a_stream_inflates_to(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "MAX_INPUT_BYTES", 100)
    lines = bounded_lines(io.BytesIO(b"{}\n" * 1_000), origin="s", compressed_size=2)  # 100 bytes allowed
    with pytest.raises(CompressionRatio, match="more than 50 times its size"):
        list(lines)
    assert len(list(bounded_lines(io.BytesIO(b"{}\n" * 33), origin="s", compressed_size=2))) == 33


def test_standard_input_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "MAX_INPUT_BYTES", 1_000)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SIGNED.encode() * 30)))
    assert codes(list(read_paths(["-"]))) == ["input.too_large"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One sentence. Two more here. Three and beyond", "One sentence. Two more here."),
        ("He said “go.” Then it ended and more", "He said “go.”"),
        ("no sentence end at all in this text", "no sentence end at all in"),
        ("x" * 60, "x" * 30),
        ("Short enough.", "Short enough."),
    ],
)
def test_a_long_text_is_cut_at_a_sentence_end(monkeypatch: pytest.MonkeyPatch, text: str, expected: str) -> None:
    monkeypatch.setattr(repair_module, "MAX_TEXT", 30)
    cut, was_cut = bounded(text, origin="a")
    assert (cut, was_cut) == (expected, len(text) > 30)


def test_a_cut_article_says_so_in_its_repairs_and_the_log(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(repair_module, "MAX_TEXT", 200)
    with caplog.at_level(logging.WARNING, logger="bilateral.repair"):
        article = repair(Document("long.txt", SIGNED + " " + "France and Germany met in Paris. " * 20))
    assert "truncated" in article.repairs and article.text.endswith("in Paris.") and len(article.text) <= 200
    assert "long.txt: the text holds 712 characters, over the 200 read" in caplog.text
    assert "truncated" not in repair(Document("short.txt", SIGNED)).repairs


def test_a_csv_field_longer_than_the_text_bound_is_read_and_cut(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    path.write_text('title,text\nT,"' + SIGNED * 25_000 + '"\n')  # 1.3 million characters in one field
    (document,) = read(path)
    assert isinstance(document, Document)
    article = repair(document)
    assert "truncated" in article.repairs and 999_000 < len(article.text) <= 1_000_000


def test_a_page_is_read_as_it_arrives_and_refused_past_the_bound(http_server: Callable[..., str]) -> None:
    page = b"<html><body><p>" + SIGNED.encode() * 40 + b"</p></body></html>"
    base = http_server({"/big.html": (200, "text/html", page), "/small.txt": (200, "text/plain", SIGNED.encode())})
    fetcher = Fetcher(max_bytes=1_000)
    try:
        items = list(read_paths([f"{base}/big.html", f"{base}/small.txt"], fetcher=fetcher))
    finally:
        fetcher.close()
    assert codes(items) == ["input.too_large", "document"]
    assert items[0].origin == f"{base}/big.html"
