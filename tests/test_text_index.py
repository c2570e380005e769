"""The full-text index (SQLite, schema 13): an article's words wait in ``fts_pending`` until the batch that stores it
commits (``Store.add``) or, in an ingest, until :data:`bilateral.pipeline.TEXT_BULK` new articles or the ingest's end;
each article is in the index once, whichever way it got there."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bilateral import pipeline
from bilateral.actors.gazetteer import Gazetteer
from bilateral.pipeline import analyse, ingest_documents
from bilateral.read import read_paths
from bilateral.records import CodedArticle, Document
from bilateral.samples import corpus_dir
from bilateral.store import Store
from tests.conftest import UNDO_TEXT_PENDING

_WORDS = ("anchovy", "basalt", "cobalt", "dulcimer", "ember", "fjord", "granite", "heron", "iris", "juniper")


def _documents(count: int, *, start: int = 0) -> list[Document]:
    """Articles each holding one word no other holds (``_WORDS`` crossed with a number), and a visit to index."""
    return [
        Document(
            f"test#{number}",
            f"Turkish Foreign Minister Hakan Fidan met South Korean officials in Seoul on Monday. The talks covered "
            f"shipbuilding and {_WORDS[number % 10]}{number} exports.",
            title=f"Report {number}",
            published=date(2025, 3, 3),
        )
        for number in range(start, start + count)
    ]


def _coded(documents: list[Document], gaz: Gazetteer) -> list[CodedArticle]:
    found = [analyse(document, gaz) for document in documents]
    assert all(isinstance(item, CodedArticle) for item in found)
    return found  # type: ignore[return-value]


def _found(store: Store, word: str) -> int:
    return store.browse().search(word, limit=5)[1]


def _indexed(path: Path) -> tuple[int, int, int, int]:
    """(articles, rows in the index, distinct articles in it, articles still waiting)."""
    with sqlite3.connect(path) as db:
        return (
            db.execute("SELECT count(*) FROM articles").fetchone()[0],
            db.execute("SELECT count(*) FROM articles_fts").fetchone()[0],
            db.execute("SELECT count(DISTINCT article_id) FROM articles_fts").fetchone()[0],
            db.execute("SELECT count(*) FROM fts_pending").fetchone()[0],
        )


def test_a_batch_stored_in_step_is_searchable_at_once(tmp_path: Path, gaz: Gazetteer) -> None:
    with Store(tmp_path / "r.db") as store:
        store.add(_coded(_documents(3), gaz))
        assert _found(store, "ember4") == 0 and _found(store, "cobalt2") == 1
    assert _indexed(tmp_path / "r.db") == (3, 3, 3, 0)


def test_a_batch_stored_out_of_step_waits_for_the_index(tmp_path: Path, gaz: Gazetteer) -> None:
    with Store(tmp_path / "r.db") as store:
        store.add(_coded(_documents(3), gaz), in_step=False)
        assert _found(store, "cobalt2") == 0
        assert _indexed(tmp_path / "r.db") == (3, 0, 0, 3)
        store.index_text()
        store.index_text()  # nothing left waiting: nothing indexed twice
        assert _found(store, "cobalt2") == 1
    assert _indexed(tmp_path / "r.db") == (3, 3, 3, 0)


def test_an_ingest_indexes_in_bulk_and_at_its_end(
    tmp_path: Path, gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed: list[int] = []
    monkeypatch.setattr(pipeline, "TEXT_BULK", 10)
    original = Store.index_text

    def counting(store: Store) -> None:
        indexed.append(_indexed(tmp_path / "r.db")[3])
        original(store)

    monkeypatch.setattr(Store, "index_text", counting)
    with Store(tmp_path / "r.db") as store:
        summary = ingest_documents(_documents(25), store, gaz, batch_size=4)
        assert summary.new == 25
        assert _found(store, "juniper19") == 1 and _found(store, "anchovy20") == 1
    assert indexed == [12, 12, 1]  # every 10 new articles or more (batches of 4), then what the end left
    assert _indexed(tmp_path / "r.db") == (25, 25, 25, 0)


def test_an_ingest_ended_by_an_error_indexes_what_it_stored(tmp_path: Path, gaz: Gazetteer) -> None:
    def documents() -> Iterator[Document]:
        yield from _documents(7)
        raise KeyboardInterrupt  # ^C while reading the eighth

    with Store(tmp_path / "r.db") as store, pytest.raises(KeyboardInterrupt):
        ingest_documents(documents(), store, gaz, batch_size=3)
    assert _indexed(tmp_path / "r.db") == (6, 6, 6, 0)  # two batches committed, the seventh article in neither


def test_what_a_killed_ingest_left_is_indexed_when_the_store_opens_again(tmp_path: Path, gaz: Gazetteer) -> None:
    with Store(tmp_path / "r.db") as store:
        store.add(_coded(_documents(3), gaz), in_step=False)  # stored; the process dies before indexing
    assert _indexed(tmp_path / "r.db") == (3, 0, 0, 3)
    with Store(tmp_path / "r.db", create=False) as store:  # as `bilateral serve` opens it, or the next ingest
        assert _found(store, "cobalt2") == 1
    assert _indexed(tmp_path / "r.db") == (3, 3, 3, 0)


def test_a_migration_stopped_before_the_last_version_still_sums_up_the_registry(tmp_path: Path, gaz: Gazetteer) -> None:
    with Store(tmp_path / "r.db") as store:
        ingest_documents([item for item in read_paths([str(corpus_dir())]) if isinstance(item, Document)], store, gaz)
    with sqlite3.connect(tmp_path / "r.db") as db:  # as a migration from version 11 leaves it, stopped after 12
        db.executescript(UNDO_TEXT_PENDING + "UPDATE agreements SET stale = 1, summary = NULL;")
        db.execute("PRAGMA user_version = 12")
        assert db.execute("SELECT count(*) FROM agreements").fetchone()[0] > 0
    with Store(tmp_path / "r.db"):
        pass
    with sqlite3.connect(tmp_path / "r.db") as db:
        assert db.execute("SELECT count(*) FROM agreements WHERE stale = 1 OR summary IS NULL").fetchone() == (0,)


def test_a_changed_title_is_indexed_again_once(tmp_path: Path, gaz: Gazetteer) -> None:
    with Store(tmp_path / "r.db") as store:
        store.add(_coded(_documents(2), gaz))
    with sqlite3.connect(tmp_path / "r.db") as db:
        db.execute("UPDATE articles SET title = 'Quokka sighting' WHERE id = (SELECT min(id) FROM articles)")
    with Store(tmp_path / "r.db") as store:
        store.index_text()
        assert _found(store, "quokka") == 1
    assert _indexed(tmp_path / "r.db") == (2, 2, 2, 0)


def test_a_version_12_database_keeps_its_index_and_indexes_what_comes(tmp_path: Path, gaz: Gazetteer) -> None:
    with Store(tmp_path / "r.db") as store:
        store.add(_coded(_documents(3), gaz), in_step=False)  # one article left waiting when the version changes
        store.add(_coded(_documents(1, start=3), gaz))
    with sqlite3.connect(tmp_path / "r.db") as db:
        db.executescript(UNDO_TEXT_PENDING + "PRAGMA user_version = 12;")
        assert db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 4
    with Store(tmp_path / "r.db") as store:  # migrated to 13
        assert _found(store, "cobalt2") == 1 and _found(store, "dulcimer3") == 1
        ingest_documents(_documents(2, start=4), store, gaz)
        assert _found(store, "fjord5") == 1
    assert _indexed(tmp_path / "r.db") == (6, 6, 6, 0)
