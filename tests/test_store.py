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
