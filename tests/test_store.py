"""The SQLite store: idempotent writes, failures, schema guard."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bilateral.errors import SchemaError, StoreError
from bilateral.records import ActorKind, ActorReading, Article, CodedArticle, Failure, Field, Mention
from bilateral.store import SCHEMA_VERSION, Store


def reading(key: str, *, published: str | None = "2024-01-02") -> CodedArticle:
    from datetime import date

    article = Article(
        id=key,
        origin=f"{key}.txt",
        title=f"Title {key}",
        text="Türkiye and Korea met.",
        published=date.fromisoformat(published) if published else None,
        repairs=("codepage",),
    )
    mention = Mention(
        Field.TEXT, 0, 7, "Türkiye", ActorKind.COUNTRY, "Türkiye", "TUR", form="name", source="countries.tsv:1"
    )
    return CodedArticle(ActorReading(article, (mention,)), ())


def copy(item: CodedArticle, origin: str, published: str) -> CodedArticle:
    """The same article (the same content, so the same id) from another source on another day."""
    from dataclasses import replace
    from datetime import date

    article = replace(item.reading.article, origin=origin, published=date.fromisoformat(published))
    return CodedArticle(replace(item.reading, article=article), item.events)


def test_the_first_copy_of_an_article_in_a_batch_is_the_one_kept(db: str) -> None:
    with Store(db) as store:
        store.add([copy(reading("a"), "first.txt", "2024-01-02"), copy(reading("a"), "second.txt", "2024-01-05")])
        (article,) = store.articles()
    assert (article.origin, str(article.published)) == ("first.txt", "2024-01-02")


def test_settling_a_batch_workers_stored_keeps_the_first_copy_in_input_order(db: str) -> None:
    from bilateral.link import link

    early, late = copy(reading("a"), "early.txt", "2024-01-02"), copy(reading("a"), "late.txt", "2024-01-09")
    with Store(db) as store:
        store.add([late, reading("c")])  # a worker of a later batch stored its copy of "a" first
        store.add([reading("b")])  # and one of this batch stored "b"
        # this batch, in input order: the copy of "a" its worker found stored, "b", and "a" again
        written = store.settle([early, "b", "a"], [Failure("bad.txt", "empty", "nothing to read")])
        assert (written.new, written.duplicate) == (2, 1)
        (kept,) = [article for article in store.articles() if article.id == "a"]
        assert (kept.origin, str(kept.published)) == ("early.txt", "2024-01-02")
        assert store.counts().mentions == 3 and store.counts().failures == 1
        assert link(store, among=["a", "b"]) == 2  # "c" waits for its own batch
        written = store.settle([copy(reading("a"), "later.txt", "2024-03-01")])  # a later batch's copy: linked
        assert (written.new, written.duplicate) == (0, 1)
        (kept,) = [article for article in store.articles() if article.id == "a"]
        assert kept.origin == "early.txt"
        assert link(store) == 1


def test_same_article_twice_is_one(db: str) -> None:
    with Store(db) as store:
        assert store.add([reading("a"), reading("b"), reading("a")]).new == 2
        written = store.add([reading("a"), reading("c")])
        assert (written.new, written.duplicate) == (1, 1)
        assert store.counts().articles == 3
        assert store.counts().mentions == 3
        (article, *_) = store.articles()
        assert article.repairs == ("codepage",)
        assert store.mentions("a")[0].country == "TUR"
        assert store.top_countries() == [("TUR", 3)]


def test_failures_are_kept_once_per_input(db: str) -> None:
    failure = Failure("inbox/x.bin", "input.binary", "binary data, not text")
    with Store(db) as store:
        store.add([], [failure])
        store.add([], [failure])
        assert store.failures() == [failure]


def test_reopening_keeps_data(db: str) -> None:
    with Store(db) as store:
        store.add([reading("a", published=None)])
    with Store(db) as store:
        assert store.counts().undated == 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaError, match="newer"):
        Store(path)


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(SchemaError, match="not a bilateral database"):
        Store(path)


def test_garbage_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database, just text that got here somehow" * 100)
    with pytest.raises(StoreError) as raised:
        Store(path)
    assert str(path) in str(raised.value)


def test_a_read_only_store_reads_and_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    with Store(db) as store:
        store.add([reading("a")])
    with Store(db, read_only=True) as store:
        assert store.counts().articles == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.add([reading("b")])
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()
    sqlite3.connect(tmp_path / "empty.db").close()
    with pytest.raises(SchemaError, match="migrates it"):
        Store(tmp_path / "empty.db", read_only=True)
