"""SQLite storage: opening and migrating a database (the scripts are in :mod:`bilateral.store.schema`) and
writes; the reads are in :mod:`bilateral.store.reads`.

Writes are batched, one transaction per batch, and idempotent: article ids
come from content, so storing the same article twice stores it once, and a
run killed mid-batch loses only that uncommitted batch, which the next run
stores again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bilateral.errors import MissingDatabase, SchemaError, StoreError
from bilateral.records import ActorReading, CodedArticle, Event, Failure, Mention
from bilateral.serialise import event_dict
from bilateral.store import parties, rollups
from bilateral.store.browse import Browse
from bilateral.store.health import identity, refusal, store_error
from bilateral.store.links import Linking
from bilateral.store.reads import Reads
from bilateral.store.rows import day
from bilateral.store.schema import APPLICATION, MIGRATIONS, SCHEMA_VERSION, statements
from bilateral.store.watching import Watching


@dataclass(frozen=True, slots=True)
class Written:
    new: int
    duplicate: int


class Store(Reads):
    """A bilateral database in one SQLite file."""

    def __init__(self, path: str | Path, *, read_only: bool = False, create: bool = True) -> None:
        """Open (and create or migrate) the database; ``read_only`` opens an existing, current one that
        refuses every write on this connection (``PRAGMA query_only``), as the server's read requests do.

        With ``create=False`` (implied by ``read_only``) a missing file is :class:`MissingDatabase`, never a new
        empty database: a command that only reads must not leave one behind.
        """
        self.path = str(path)
        if (read_only or not create) and not Path(self.path).is_file():
            raise MissingDatabase(
                "no such database: ingest first (`bilateral ingest PATH…` or `bilateral demo`), or give --db",
                origin=self.path,
            )
        try:
            if read_only:
                uri = f"{Path(self.path).resolve().as_uri()}?mode=rw"  # never creates a missing file
                self._db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open the database: {error}", origin=self.path) from error
        try:
            self._db.execute("PRAGMA busy_timeout = 10000")
            if read_only:
                self._check_current()
                self._db.execute("PRAGMA query_only = ON")
                return
            # what the file is, before anything is written to it: a newer or foreign file is left byte for byte
            self._version()
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except BaseException as error:
            self._db.close()
            translated = store_error(error, path=self.path) if isinstance(error, sqlite3.DatabaseError) else None
            if translated is None:
                raise
            raise translated from error

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

    def _version(self) -> int:
        """The file's schema version; a newer file, or one that is not ours, is refused (:class:`SchemaError`)."""
        found = identity(self._db)
        refused = refusal(found, path=self.path)
        if refused is not None:
            raise refused
        return found.version

    def _check_current(self) -> None:
        version = self._version()
        if version < SCHEMA_VERSION:
            raise SchemaError(
                f"schema version {version} is older than this bilateral's ({SCHEMA_VERSION}) or the file is empty; "
                "`bilateral serve` or any ingest migrates it",
                origin=self.path,
            )

    def _migrate(self) -> None:
        version = self._version()
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction() as db:
                for statement in statements(MIGRATIONS[target]):
                    db.execute(statement)
                if target == 1:
                    db.execute("INSERT INTO meta VALUES ('application', ?)", (APPLICATION,))
                if target == SCHEMA_VERSION and version < 7:
                    # with the code of the current schema: count what was stored before the rollups (6), and list
                    # the agreements by their first stage (7)
                    rollups.refresh(db)
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

    def add(self, coded: Sequence[CodedArticle], failures: Sequence[Failure] = ()) -> Written:
        """Store a batch of articles with their mentions and events, and failures, atomically."""
        unique = {item.reading.article.id: item for item in coded}
        now = _now()
        with self._transaction() as db:
            known = _existing(db, list(unique))
            fresh = [item for key, item in unique.items() if key not in known]
            db.executemany(
                """INSERT INTO articles (id, origin, title, text, url, source, published, language, repairs,
                window_start, window_end, window_because, ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [_article_row(item.reading, now) for item in fresh],
            )
            _insert_analysis(db, fresh)
            db.executemany(
                """INSERT INTO failures VALUES (?, ?, ?, ?, ?, 1)
                ON CONFLICT (origin, code) DO UPDATE SET
                    message = excluded.message, last_seen = excluded.last_seen, seen = seen + 1""",
                [(_storable(item.origin), item.code, _storable(item.message), now, now) for item in failures],
            )
        return Written(new=len(fresh), duplicate=len(coded) - len(fresh))

    def replace_analysis(self, coded: Sequence[CodedArticle]) -> None:
        """Swap stored articles' mentions and events for new ones, atomically (re-coding).

        The articles are marked for linking again; stories left without events go.
        """
        with self._transaction() as db:
            ids = [(item.reading.article.id,) for item in coded]
            stories, agreements = rollups.discount_articles(db, [key for (key,) in ids])
            db.executemany("DELETE FROM mentions WHERE article_id = ?", ids)
            db.executemany("DELETE FROM events WHERE article_id = ?", ids)
            db.executemany(
                """DELETE FROM stories
                WHERE id = ? AND NOT EXISTS (SELECT 1 FROM story_events WHERE story_id = stories.id)""",
                [(key,) for key in stories],
            )
            db.executemany(
                """DELETE FROM agreements
                WHERE id = ? AND NOT EXISTS (SELECT 1 FROM agreement_events WHERE agreement_id = agreements.id)""",
                [(key,) for key in agreements],
            )
            db.executemany("UPDATE articles SET linked = 0 WHERE id = ?", ids)
            db.executemany(
                "UPDATE articles SET window_start = ?, window_end = ?, window_because = ? WHERE id = ?",
                [(*_window_columns(item.reading), item.reading.article.id) for item in coded],
            )
            _insert_analysis(db, list(coded))

    @contextmanager
    def linking(self) -> Iterator[Linking]:
        """One linking transaction (see :mod:`bilateral.stories`)."""
        with self._transaction() as db:
            yield Linking(db)

    def watching(self) -> Watching:
        """The watch tables: sources, items read, alerts, what is new (see :mod:`bilateral.store.watching`)."""
        return Watching(self._db, self._transaction)

    # -- reads --------------------------------------------------------------

    def browse(self) -> Browse:
        """Paged and filtered reads for the API and the dashboard (see :mod:`bilateral.store.browse`)."""
        return Browse(self._db)


def _existing(db: sqlite3.Connection, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        found.update(row[0] for row in db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", part))
    return found


def _insert_analysis(db: sqlite3.Connection, coded: Sequence[CodedArticle]) -> None:
    db.executemany(
        "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_mention_row(item.reading.article.id, mention) for item in coded for mention in item.reading.mentions],
    )
    events = [event for item in coded for event in item.events]
    db.executemany(
        "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_event_row(event) for event in events],
    )
    parties.write(
        db,
        "event",
        [
            (event.id, {party.country for party in (*event.actor, *event.recipient) if party.country},
             day(event.when.start))
            for event in events
        ],
    )  # fmt: skip


def _event_row(event: Event) -> tuple[object, ...]:
    return (
        event.id, event.evidence.article_id, event.event, event.cameo, event.quad, event.modality.value,
        day(event.when.start), day(event.when.end), int(event.background), event.coder_version,
        json.dumps(event_dict(event), ensure_ascii=False),
    )  # fmt: skip


def _window_columns(reading: ActorReading) -> tuple[str | None, str | None, str | None]:
    window = reading.window
    if window is None:
        return None, None, None
    return day(window.start), day(window.end), "|".join(window.because)


def _article_row(reading: ActorReading, now: str) -> tuple[object, ...]:
    article = reading.article
    return (
        article.id, article.origin, article.title, article.text, article.url, article.source,
        day(article.published), article.language, ",".join(article.repairs), *_window_columns(reading), now,
    )  # fmt: skip


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


def _storable(text: str) -> str:
    """``text`` with any lone surrogate written as ``\\udXXX``: a failure quoting a broken input is still stored."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
