"""SQLite storage: schema, migrations and every query the package runs.

Writes are batched, one transaction per batch, and idempotent: article ids
come from content, so storing the same article twice stores it once, and a
run killed mid-batch loses only that uncommitted batch, which the next run
stores again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from bilateral.errors import SchemaError, StoreError
from bilateral.records import ActorKind, ActorReading, Article, Failure, Field, Mention

SCHEMA_VERSION = 1
APPLICATION = "bilateral"

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        url TEXT,
        source TEXT,
        published TEXT,
        language TEXT,
        repairs TEXT NOT NULL,
        window_start TEXT,
        window_end TEXT,
        window_because TEXT,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles (published);
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT,
        country TEXT,
        sector TEXT,
        office TEXT,
        role TEXT,
        form TEXT NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (article_id, field, start)
    );
    CREATE INDEX mentions_country ON mentions (country);
    CREATE TABLE failures (
        origin TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        seen INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (origin, code)
    );
    """,
}


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    undated: int
    mentions: int
    failures: int


@dataclass(frozen=True, slots=True)
class Written:
    new: int
    duplicate: int


class Store:
    """A bilateral database in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA busy_timeout = 10000")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open the database: {error}", origin=self.path) from error

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaError(
                f"schema version {version} is newer than this bilateral reads ({SCHEMA_VERSION}); upgrade bilateral",
                origin=self.path,
            )
        if version == 0 and self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise SchemaError("this SQLite file is not a bilateral database", origin=self.path)
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction() as db:
                for statement in _MIGRATIONS[target].split(";"):
                    if statement.strip():
                        db.execute(statement)
                if target == 1:
                    db.execute("INSERT INTO meta VALUES ('application', ?)", (APPLICATION,))
                db.execute(f"PRAGMA user_version = {target}")

    # -- meta ---------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value)
            )

    # -- writes -------------------------------------------------------------

    def add(self, readings: Sequence[ActorReading], failures: Sequence[Failure] = ()) -> Written:
        """Store a batch of read articles with their mentions, and failures, atomically."""
        unique = {reading.article.id: reading for reading in readings}
        now = _now()
        with self._transaction() as db:
            known = _existing(db, list(unique))
            fresh = [reading for key, reading in unique.items() if key not in known]
            db.executemany(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_article_row(reading, now) for reading in fresh],
            )
            db.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_mention_row(reading.article.id, mention) for reading in fresh for mention in reading.mentions],
            )
            db.executemany(
                """INSERT INTO failures VALUES (?, ?, ?, ?, ?, 1)
                ON CONFLICT (origin, code) DO UPDATE SET
                    message = excluded.message, last_seen = excluded.last_seen, seen = seen + 1""",
                [(failure.origin, failure.code, failure.message, now, now) for failure in failures],
            )
        return Written(new=len(fresh), duplicate=len(readings) - len(fresh))

    # -- reads --------------------------------------------------------------

    def counts(self) -> Counts:
        row = self._db.execute(
            """SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles WHERE published IS NULL),
                      (SELECT count(*) FROM mentions), (SELECT count(*) FROM failures)"""
        ).fetchone()
        return Counts(*row)

    def articles(self, *, limit: int | None = None, offset: int = 0) -> list[Article]:
        rows = self._db.execute(
            """SELECT id, origin, title, text, url, source, published, language, repairs FROM articles
            ORDER BY published IS NULL, published, origin LIMIT ? OFFSET ?""",
            (-1 if limit is None else limit, offset),
        )
        return [_article(row) for row in rows]

    def mentions(self, article_id: str) -> list[Mention]:
        rows = self._db.execute(
            """SELECT field, start, "end", text, kind, name, country, sector, office, role, form, source
            FROM mentions WHERE article_id = ? ORDER BY field DESC, start""",
            (article_id,),
        )
        return [
            Mention(
                Field(field),
                start,
                end,
                text,
                ActorKind(kind),
                name,
                country,
                sector=sector,
                office=office,
                role=role,
                form=form,
                source=source,
            )
            for field, start, end, text, kind, name, country, sector, office, role, form, source in rows
        ]

    def top_countries(self, *, limit: int = 10) -> list[tuple[str, int]]:
        """Countries by the number of articles that mention them."""
        rows = self._db.execute(
            """SELECT country, count(DISTINCT article_id) AS n FROM mentions
            WHERE kind = 'country' GROUP BY country ORDER BY n DESC, country LIMIT ?""",
            (limit,),
        )
        return [(row[0], row[1]) for row in rows]

    def failures(self) -> list[Failure]:
        rows = self._db.execute("SELECT origin, code, message FROM failures ORDER BY origin, code")
        return [Failure(*row) for row in rows]


def _existing(db: sqlite3.Connection, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        found.update(row[0] for row in db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", part))
    return found


def _article_row(reading: ActorReading, now: str) -> tuple[object, ...]:
    article, window = reading.article, reading.window
    return (
        article.id,
        article.origin,
        article.title,
        article.text,
        article.url,
        article.source,
        _day(article.published),
        article.language,
        ",".join(article.repairs),
        _day(window.start) if window else None,
        _day(window.end) if window else None,
        "|".join(window.because) if window else None,
        now,
    )


def _mention_row(article_id: str, mention: Mention) -> tuple[object, ...]:
    return (
        article_id,
        mention.field.value,
        mention.start,
        mention.end,
        mention.text,
        mention.kind.value,
        mention.name,
        mention.country,
        mention.sector,
        mention.office,
        mention.role,
        mention.form,
        mention.source,
    )


def _article(row: Iterable[object]) -> Article:
    key, origin, title, text, url, source, published, language, repairs = row
    return Article(
        id=str(key),
        origin=str(origin),
        title=str(title),
        text=str(text),
        url=url if isinstance(url, str) else None,
        source=source if isinstance(source, str) else None,
        published=date.fromisoformat(published) if isinstance(published, str) else None,
        language=language if isinstance(language, str) else None,
        repairs=tuple(str(repairs).split(",")) if repairs else (),
    )


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
