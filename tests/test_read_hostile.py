"""Hostile and broken inputs: each is its input's failure (or a document), never an exception; the batch goes on."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilateral.actors import Gazetteer
from bilateral.pipeline import ingest
from bilateral.read import read_paths
from bilateral.read import sources as sources_module
from bilateral.records import Document, Failure
from bilateral.store import Store

TREATY = "France and Germany signed a treaty on fishing rights in the North Sea on Monday. " * 6
GOOD = json.dumps({"text": "Spain and Italy signed a treaty on ports on Monday.", "date": "2024-03-06"}) + "\n"


def _feed(item: str, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    channel = f'<rss version="2.0"><channel><title>Wire</title><item><title>T</title>{item}</item></channel></rss>'
    return (declaration + channel).encode("utf-8")


# name, bytes, the failure codes expected ("" where a document may come out instead)
HOSTILE: list[tuple[str, bytes, set[str]]] = [
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, {"input.format"}),
    ("deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n", {"input.format"}),
    ("deep-object.jsonl", b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"\n", {"input.format"}),
    ("long-number.jsonl", b'{"text": "A treaty.", "date": ' + b"9" * 4_400 + b"}\n", {"input.format"}),
    ("long-number.json", b'[{"text": "A treaty.", "n": -' + b"1" * 5_000 + b"}]", {"input.format"}),
    ("beyond-unicode.xml", _feed(f"<description>{TREATY}&#1114112;</description>"), {"input.format"}),
    ("surrogate-ref.xml", _feed(f"<description>{TREATY}&#xD800;</description>"), {"input.format"}),
    ("control-in-tag.xml", _feed("<description>&lt;\x01&gt;</description>"), {""}),
    ("control-in-name.xml", _feed(f"<descr\x02iption>{TREATY}</description>"), {"input.format"}),
    ("punycode.xml", _feed(f"<description>{TREATY}</description>", '<?xml version="1.0" encoding="punycode"?>'),
     {"input.format"}),
    ("nul-encoding.xml", _feed(f"<description>{TREATY}</description>", '<?xml version="1.0" encoding="utf\x00"?>'),
     {"input.format"}),
    ("turkish.txt", b"Fransa ve Almanya \xfdstanbul'da anla\xfema imzalad\xfd; Bak\x9ean ve Ba\x9fkan.\n", {""}),
    ("empty.jsonl", b"", {"input.empty"}),
    ("blank.jsonl", b"  \n\t\n\r\n", {"input.empty"}),
    ("empty-array.json", b" [ ] ", {"input.empty"}),
    ("header-only.csv", b"text,title\r\n", {"input.empty"}),
    ("blank-rows.tsv", b"text\ttitle\n\n\t\n", {"input.empty"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "codes"), HOSTILE, ids=[case[0] for case in HOSTILE])
def test_no_exception_escapes_a_reader(tmp_path: Path, name: str, data: bytes, codes: set[str]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_paths([str(path)]))
    assert items and all(isinstance(item, Document | Failure) for item in items)
    assert {item.code if isinstance(item, Failure) else "" for item in items} == codes
    assert all("\n" not in item.message for item in items if isinstance(item, Failure))


@pytest.mark.parametrize(
    ("argument", "code"),
    [("x" * 5_000, "input.io"), ("x/" * 2_100, "input.io"), ("caf\udce9.txt", "input.encoding"),
     ("*\ud800*.txt", "input.encoding")],
)  # fmt: skip
def test_a_path_argument_no_system_can_open_is_one_failure(argument: str, code: str) -> None:
    (failure,) = read_paths([argument])
    assert isinstance(failure, Failure) and failure.code == code
    failure.origin.encode("utf-8")  # printable and storable


def test_a_file_name_that_is_not_utf8_fails_and_the_folder_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(GOOD, encoding="utf-8")
    (Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))).write_text(TREATY, encoding="utf-8")
    items = list(read_paths([str(tmp_path)]))
    failures = [item for item in items if isinstance(item, Failure)]
    assert [(Path(item.origin).name, item.code) for item in failures] == [("caf\\udce9.txt", "input.encoding")]
    assert sum(isinstance(item, Document) for item in items) == 1


def test_a_reader_that_breaks_unforeseen_fails_its_input_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, *, origin: str) -> Document:
        if "boom" in text:
            raise KeyError("a bug in a reader")
        return Document(origin, text)

    monkeypatch.setattr(sources_module, "parse_text", broken)
    (tmp_path / "a.txt").write_text("boom", encoding="utf-8")
    (tmp_path / "b.txt").write_text(TREATY, encoding="utf-8")
    items = list(read_paths([str(tmp_path)]))
    assert [type(item).__name__ for item in items] == ["Failure", "Document"]
    assert isinstance(items[0], Failure) and items[0].code == "internal" and "KeyError" in items[0].message


LONE_SURROGATES = [
    {"text": TREATY, "source": "\ud800"},
    {"text": TREATY, "url": "https://example.org/\udfff"},
    {"text": TREATY + "\ud83d", "title": "Fishing"},
    {"text": TREATY, "title": "\udc00 Fishing"},
]


def test_every_hostile_input_is_one_failure_and_every_good_one_is_stored(tmp_path: Path, gaz: Gazetteer) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data, _ in HOSTILE:
        (folder / name).write_bytes(data)
    lines = [json.dumps(record) for record in LONE_SURROGATES]  # JSON writes them as \ud800 escapes
    (folder / "surrogates.jsonl").write_text("\n".join([*lines, GOOD]), encoding="utf-8")
    (folder / "zz-good.jsonl").write_text(GOOD.replace("ports", "railways"), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        summary = ingest([str(folder), "x" * 5_000], store, gaz, batch_size=3)
        failures = store.failures()
    failed_files = {Path(re.split("[:#]", failure.origin)[0]).name for failure in failures}
    expected = {name for name, _, codes in HOSTILE if "" not in codes} | {"surrogates.jsonl", "x" * 5_000}
    assert failed_files == expected
    surrogates = [failure for failure in failures if failure.origin.startswith(str(folder / "surrogates.jsonl"))]
    assert [failure.code for failure in surrogates] == ["input.encoding"] * len(LONE_SURROGATES)
    assert summary.read >= 2 and summary.failed == len(failures)


def test_a_folder_that_cannot_be_read_is_one_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.jsonl").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "b-locked"
    locked.mkdir()
    (locked / "inside.jsonl").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(GOOD.replace("ports", "roads"), encoding="utf-8")
    scandir = os.scandir

    def refusing(path: str) -> Iterator[os.DirEntry[str]]:  # a folder without read permission (tests run as root)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    items = list(read_paths([str(tmp_path)]))
    assert [(Path(item.origin).name, type(item).__name__) for item in items] == [
        ("a.jsonl:1", "Document"), ("b-locked", "Failure"), ("c.jsonl:1", "Document")]  # fmt: skip
    assert isinstance(items[1], Failure) and items[1].code == "input.io" and "Permission denied" in items[1].message
