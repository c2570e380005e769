"""The store: a bilateral database on SQLite (a path, the default) or PostgreSQL (a ``postgresql://`` URL),
opened and migrated here (the scripts: :mod:`bilateral.store.schema` and :mod:`bilateral.store.postgres`), and
its writes; the reads are in :mod:`bilateral.store.reads`.

Writes are batched, one transaction per batch, and idempotent: article ids
come from content, so storing the same article twice stores it once, and a
run killed mid-batch loses only that uncommitted batch, which the next run
stores again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bilateral.errors import MissingDatabase, SchemaError
from bilateral.records import ActorReading, CodedArticle, Event, Failure, Mention
from bilateral.serialise import event_dict
from bilateral.store import parties, postgres, rollups, sqlite
from bilateral.store.browse import Browse
from bilateral.store.dialect import POSTGRES, SQLITE, Database
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
    fresh: tuple[CodedArticle, ...] = ()  # the new ones, as they were handed in (linking needs not read them back)


class Store(Reads):
    """A bilateral database: an SQLite file, or a PostgreSQL database that a team shares."""

    def __init__(self, target: str | Path, *, read_only: bool = False, create: bool = True) -> None:
        """Open (and create or migrate) the database; ``read_only`` opens an existing, current one that
        refuses every write on this connection, as the server's read requests do.

        With ``create=False`` (implied by ``read_only``) a missing file, or a PostgreSQL database without the
        schema, is :class:`MissingDatabase`, never a new empty database: a command that only reads must not
        leave one behind.
        """
        target = str(target)
        self._sql = POSTGRES if postgres.SCHEME.match(target) else SQLITE
        self.path = postgres.shown(target) if self._sql.postgres else target
        """Where the database is, as messages show it (a URL without its password)."""
        self._db: Database
        self._schema = -1  # SQLite's schema_version as a read-only store found it
        if self._sql.postgres:
            self._pg = postgres.connect(target, read_only=read_only)
            self._db = self._pg
        else:
            self._sqlite = sqlite.connect(target, read_only=read_only, create=create)
            self._db = self._sqlite
        try:
            if read_only:
                self._check_current()
                if not self._sql.postgres:
                    self._sqlite.execute("PRAGMA query_only = ON")
                    self._schema = self._schema_version()
                return
            # what the database is, before anything is written to it: a newer or foreign one is left as it is
            version = self._version()
            if not create and version == 0 and self._sql.postgres:
                raise MissingDatabase(
                    "no bilateral record in this PostgreSQL database: ingest first, or give --db", origin=self.path
                )
            if not self._sql.postgres:
                sqlite.prepare(self._sqlite)
            self._migrate()
            if not self._sql.postgres and self._sqlite.execute("SELECT 1 FROM fts_pending LIMIT 1").fetchone():
                self.index_text()  # what an ingest killed part-way left unindexed
        except BaseException as error:
            self.close()
            translated = store_error(error, path=self.path) if isinstance(error, Exception) else None
            if translated is None:
                raise
            raise translated from error

    def schema_unchanged(self) -> bool:
        """Whether a read-only SQLite store's schema is still the one it checked when it opened (no migration since,
        by this version or another); always true on PostgreSQL, whose stores are opened per use."""
        return self._sql.postgres or self._schema_version() == self._schema

    def _schema_version(self) -> int:
        """SQLite's count of the schema's changes (``PRAGMA schema_version``), not the package's version."""
        found: int = self._sqlite.execute("PRAGMA schema_version").fetchone()[0]
        return found

    def close(self) -> None:
        if self._sql.postgres:
            self._pg.close()
        else:
            self._sqlite.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Database]:
        if self._sql.postgres:
            postgres.begin(self._pg)
        else:
            self._sqlite.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _version(self) -> int:
        """The database's schema version; a newer one, or one that is not ours, is refused (:class:`SchemaError`)."""
        found = postgres.identity(self._pg) if self._sql.postgres else identity(self._sqlite)
        refused = refusal(found, path=self.path)
        if refused is not None:
            raise refused
        return found.version

    def _check_current(self) -> None:
        version = self._version()
        if version < SCHEMA_VERSION:
            raise SchemaError(
                f"schema version {version} is older than this bilateral's ({SCHEMA_VERSION}) or the database is "
                "empty; `bilateral serve` or any ingest migrates it",
                origin=self.path,
            )

    def _migrate(self) -> None:
        """Apply the migrations the database lacks, one transaction each; the version is read again inside each,
        so two processes opening a new database at once migrate it once."""
        scripts = postgres.MIGRATIONS if self._sql.postgres else MIGRATIONS
        while True:
            with self._transaction() as db:
                version = self._version()
                if version >= SCHEMA_VERSION:
                    return
                target = min(number for number in scripts if number > version)
                if self._sql.postgres:
                    self._pg.script(scripts[target])
                else:
                    for statement in statements(scripts[target]):
                        db.execute(statement)
                if version == 0:
                    db.execute("INSERT INTO meta VALUES ('application', ?)", (APPLICATION,))
                if target == SCHEMA_VERSION:
                    # with the code of the current schema: count what was stored before the rollups (6), list
                    # the agreements by their first stage (7) and sum up their entries (11) and summaries (12),
                    # also after a migration stopped between two versions (nothing stale: nothing to do)
                    rollups.refresh(db)
                if self._sql.postgres:
                    self.set_meta_in(db, "schema_version", str(target))
                else:
                    db.execute(f"PRAGMA user_version = {target}")

    # -- meta ---------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as db:
            self.set_meta_in(db, key, value)

    @staticmethod
    def set_meta_in(db: Database, key: str, value: str) -> None:
        db.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value)
        )

    # -- writes -------------------------------------------------------------

    def add(self, coded: Sequence[CodedArticle], failures: Sequence[Failure] = (), *, in_step: bool = True) -> Written:
        """Store a batch of articles with their mentions and events, and failures, atomically.

        ``in_step``: the new articles' words are searchable as the batch commits; without it they wait for
        :meth:`index_text` (an ingest of many batches indexes them in bulk)."""
        unique: dict[str, CodedArticle] = {}
        for item in coded:  # the first copy of an article in the batch is kept, as it is across batches
            unique.setdefault(item.reading.article.id, item)
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
            _insert_failures(db, failures, now)
            if in_step and not self._sql.postgres:
                _index_text(db)
        return Written(new=len(fresh), duplicate=len(coded) - len(fresh), fresh=tuple(fresh))

    def index_text(self) -> None:
        """Put the words of every article stored since the last time into the full-text index, in one pass (SQLite;
        PostgreSQL's index follows each insert)."""
        if not self._sql.postgres:
            with self._transaction() as db:
                _index_text(db)

    def settle(self, batch: Sequence[CodedArticle | str], failures: Sequence[Failure] = ()) -> Written:
        """A batch that workers stored themselves, in input order, left as :meth:`add` would have left it: each
        article stored by its id, or, where a worker found its article stored already, the copy it read. Where that
        copy is the batch's first of an article no earlier batch holds (a worker of a later batch stored another
        copy first: the same content, another origin or date), it takes the stored one's place. Not linked."""
        first: dict[str, CodedArticle | str] = {}
        for item in batch:
            first.setdefault(item if isinstance(item, str) else item.reading.article.id, item)
        with self._transaction() as db:
            earlier = _existing(db, list(first), linked=True)
            taking = [item for key, item in first.items() if key not in earlier and not isinstance(item, str)]
            db.executemany(
                """UPDATE articles SET origin = ?, title = ?, url = ?, source = ?, published = ?, language = ?,
                repairs = ? WHERE id = ?""",
                [(a.origin, a.title, a.url, a.source, day(a.published), a.language, ",".join(a.repairs), a.id)
                 for a in (item.reading.article for item in taking)],
            )  # fmt: skip
            _replace_analysis(db, taking)
            _insert_failures(db, failures, _now())
        new = len(first) - len(earlier)
        return Written(new=new, duplicate=len(batch) - new)

    def replace_analysis(self, coded: Sequence[CodedArticle]) -> None:
        """Swap stored articles' mentions and events for new ones, atomically (re-coding).

        The articles are marked for linking again; stories and agreements left without events go, and the rest are
        counted (and registry entries summed up) from the reports they keep until linking adds the new ones.
        """
        with self._transaction() as db:
            _replace_analysis(db, coded)

    @contextmanager
    def linking(self) -> Iterator[Linking]:
        """One linking transaction (see :mod:`bilateral.stories`)."""
        with self._transaction() as db:
            linking = Linking(db)
            yield linking
            linking.finish()

    def watching(self) -> Watching:
        """The watch tables: sources, items read, alerts, what is new (see :mod:`bilateral.store.watching`)."""
        return Watching(self._db, self._transaction)

    # -- reads --------------------------------------------------------------

    def browse(self) -> Browse:
        """Paged and filtered reads for the API and the dashboard (see :mod:`bilateral.store.browse`)."""
        return Browse(self._db, self._sql)


def _index_text(db: Database) -> None:
    """SQLite: the articles waiting in ``fts_pending`` (schema 13) put into the full-text index."""
    db.execute(
        """INSERT INTO articles_fts (article_id, title, text)
        SELECT id, title, text FROM articles WHERE id IN (SELECT article_id FROM fts_pending)"""
    )
    db.execute("DELETE FROM fts_pending")


def _existing(db: Database, ids: list[str], *, linked: bool = False) -> set[str]:
    """Those of ``ids`` whose articles are stored (with ``linked``: stored and linked)."""
    found: set[str] = set()
    only = "linked = 1 AND " if linked else ""
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        found.update(row[0] for row in db.execute(f"SELECT id FROM articles WHERE {only}id IN ({marks})", part))
    return found


def _replace_analysis(db: Database, coded: Sequence[CodedArticle]) -> None:
    """Swap stored articles' mentions and events for those of ``coded`` and mark them for linking again."""
    if not coded:
        return
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
    rollups.refresh(db)  # what is left of the stories and registry entries, until linking adds the new


def _insert_failures(db: Database, failures: Sequence[Failure], now: str) -> None:
    db.executemany(
        """INSERT INTO failures VALUES (?, ?, ?, ?, ?, 1)
        ON CONFLICT (origin, code) DO UPDATE SET
            message = excluded.message, last_seen = excluded.last_seen, seen = failures.seen + 1""",
        [(_storable(item.origin), item.code, _storable(item.message), now, now) for item in failures],
    )


def _insert_analysis(db: Database, coded: Sequence[CodedArticle]) -> None:
    db.executemany(
        "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_mention_row(item.reading.article.id, mention) for item in coded for mention in item.reading.mentions],
    )
    events = [event for item in coded for event in item.events]
    db.executemany(
        """INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET
            article_id = excluded.article_id, event = excluded.event, cameo = excluded.cameo, quad = excluded.quad,
            modality = excluded.modality, date_start = excluded.date_start, date_end = excluded.date_end,
            background = excluded.background, coder_version = excluded.coder_version, record = excluded.record""",
        [_event_row(event) for event in events],
    )
    parties.write(
        db,
        "event",
        [
            (event.id, {party.country for party in (*event.actor, *event.recipient) if party.country},
             day(event.when.start), event.background)
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
