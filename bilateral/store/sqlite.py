"""SQLite storage: opening and migrating a database (the scripts are in :mod:`bilateral.store.schema`),
writes, and the reads the commands run.

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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bilateral.errors import MissingDatabase, SchemaError, StoreError
from bilateral.records import (
    ActorKind,
    ActorReading,
    Article,
    ArticleRef,
    CodedArticle,
    Event,
    Failure,
    Field,
    Mention,
    SourcedEvent,
)
from bilateral.serialise import event_dict, event_from
from bilateral.store import rollups
from bilateral.store.browse import Browse, event_filter
from bilateral.store.health import identity, refusal, store_error
from bilateral.store.links import Linking
from bilateral.store.rows import ARTICLE_COLUMNS, article_from_row, day
from bilateral.store.schema import APPLICATION, MIGRATIONS, SCHEMA_VERSION, statements
from bilateral.store.watching import Watching


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    undated: int
    mentions: int
    events: int
    failures: int
    stories: int
    copy_groups: int
    agreements: int


@dataclass(frozen=True, slots=True)
class Written:
    new: int
    duplicate: int


class Store:
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
                if target == 6:
                    rollups.refresh(db)  # count the stories stored before rollups existed
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

    def counts(self) -> Counts:
        row = self._db.execute(
            """SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles WHERE published IS NULL),
                      (SELECT count(*) FROM mentions), (SELECT count(*) FROM events), (SELECT count(*) FROM failures),
                      (SELECT count(*) FROM stories), (SELECT count(DISTINCT copy_group) FROM copies),
                      (SELECT count(*) FROM agreements)"""
        ).fetchone()
        return Counts(*row)

    def articles(self, *, limit: int | None = None, offset: int = 0) -> list[Article]:
        rows = self._db.execute(
            f"""SELECT {ARTICLE_COLUMNS} FROM articles
            ORDER BY published IS NULL, published, origin LIMIT ? OFFSET ?""",
            (-1 if limit is None else limit, offset),
        )
        return [article_from_row(row) for row in rows]

    def article_batches(self, *, since: date | None = None, size: int = 500) -> Iterator[list[Article]]:
        """Stored articles in batches (for re-coding), optionally published on or after ``since``."""
        last = ""
        while True:
            rows = self._db.execute(
                f"""SELECT {ARTICLE_COLUMNS} FROM articles
                WHERE id > ? AND (? IS NULL OR published >= ?) ORDER BY id LIMIT ?""",
                (last, day(since), day(since), size),
            ).fetchall()
            if not rows:
                return
            yield [article_from_row(row) for row in rows]
            last = rows[-1][0]

    def events(
        self,
        *,
        pair: tuple[str, str] | None = None,
        since: date | None = None,
        until: date | None = None,
        event: str | None = None,
        include_background: bool = False,
        limit: int | None = None,
    ) -> list[Event]:
        """Stored events, oldest first, filtered by country pair, date range and type."""
        where, values = event_filter(pair, since, until, event, include_background)
        rows = self._db.execute(
            f"SELECT record FROM events WHERE {where} ORDER BY date_start IS NULL, date_start, id LIMIT ?",
            (*values, -1 if limit is None else limit),
        )
        return [event_from(json.loads(row[0])) for row in rows]

    def story_rows(
        self,
        *,
        pair: tuple[str, str] | None = None,
        since: date | None = None,
        until: date | None = None,
        event: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[tuple[Any, ...]]:
        """Stories and their members: (story id, direction, date_start, date_end, precision, date_method,
        event record, placed, source, copy group), ordered by story date; ``limit`` stories from ``offset``."""
        clauses, values = _story_filters(pair, since, until, event)
        if limit is not None:
            clauses.append(
                f"""stories.id IN (SELECT stories.id FROM stories WHERE {" AND ".join(clauses)}
                ORDER BY stories.date_start IS NULL, stories.date_start, stories.id LIMIT ? OFFSET ?)"""
            )
            values += [*values, limit, offset]
        return self._db.execute(
            f"""SELECT stories.id, stories.direction, stories.date_start, stories.date_end, stories.precision,
                stories.date_method, events.record, story_events.placed, articles.source, copies.copy_group
            FROM stories JOIN story_events ON story_events.story_id = stories.id
            JOIN events ON events.id = story_events.event_id JOIN articles ON articles.id = story_events.article_id
            LEFT JOIN copies ON copies.article_id = story_events.article_id
            WHERE {" AND ".join(clauses)}
            ORDER BY stories.date_start IS NULL, stories.date_start, stories.id, events.id""",
            values,
        ).fetchall()

    def count_stories(
        self,
        *,
        pair: tuple[str, str] | None = None,
        since: date | None = None,
        until: date | None = None,
        event: str | None = None,
    ) -> int:
        clauses, values = _story_filters(pair, since, until, event)
        (count,) = self._db.execute(f"SELECT count(*) FROM stories WHERE {' AND '.join(clauses)}", values).fetchone()
        return int(count)

    def placements(self) -> dict[str, date]:
        """Undated articles placed in time by a dated story of the same event: article id → the story's day."""
        rows = self._db.execute(
            """SELECT story_events.article_id, min(stories.date_start) FROM story_events
            JOIN stories ON stories.id = story_events.story_id
            WHERE story_events.placed = 1 GROUP BY story_events.article_id"""
        )
        return {key: date.fromisoformat(day) for key, day in rows if day}

    def link_rows(self, event_ids: Sequence[str]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """For events: (event id, story id, story date, story date end, story precision, story date method, member
        article, outlet, copy group) rows of their stories' reports, and (event id, 'agreement' or 'project', entry
        id) rows of the registry entries they report."""
        stories: list[tuple[Any, ...]] = []
        entries: list[tuple[Any, ...]] = []
        for chunk in range(0, len(event_ids), 400):
            part = list(event_ids[chunk : chunk + 400])
            marks = ",".join("?" * len(part))
            stories += self._db.execute(
                f"""SELECT mine.event_id, stories.id, stories.date_start, stories.date_end, stories.precision,
                    stories.date_method, member.article_id, articles.source, copies.copy_group
                FROM story_events AS mine JOIN stories ON stories.id = mine.story_id
                JOIN story_events AS member ON member.story_id = mine.story_id
                JOIN articles ON articles.id = member.article_id
                LEFT JOIN copies ON copies.article_id = member.article_id
                WHERE mine.event_id IN ({marks})""",
                part,
            ).fetchall()
            entries += self._db.execute(
                f"""SELECT event_id, 'agreement', agreement_id FROM agreement_events WHERE event_id IN ({marks})
                UNION ALL SELECT event_id, 'project', project FROM project_events WHERE event_id IN ({marks})""",
                part + part,
            ).fetchall()
        return stories, entries

    def agreement_rows(self, *, pair: tuple[str, str] | None = None) -> list[tuple[Any, ...]]:
        """Agreement entries and their reports: (id, countries, topic, context, stage, kind, phrase, value,
        event record, source, copy group, story date, story date end, story precision, story date method)."""
        clauses, values = _country_filters("agreements", pair)
        return self._db.execute(
            f"""SELECT agreements.id, agreements.countries, agreements.topic, agreements.context,
                agreement_events.stage, agreement_events.kind, agreement_events.phrase, agreement_events.value,
                events.record, articles.source, copies.copy_group,
                stories.date_start, stories.date_end, stories.precision, stories.date_method
            FROM agreements JOIN agreement_events ON agreement_events.agreement_id = agreements.id
            JOIN events ON events.id = agreement_events.event_id
            JOIN articles ON articles.id = agreement_events.article_id
            LEFT JOIN copies ON copies.article_id = agreement_events.article_id
            LEFT JOIN story_events ON story_events.event_id = events.id
            LEFT JOIN stories ON stories.id = story_events.story_id
            WHERE {" AND ".join(clauses)}
            ORDER BY agreements.id, coalesce(stories.date_start, events.date_start), events.id""",
            values,
        ).fetchall()

    def project_rows(self, *, project: str | None = None) -> list[tuple[Any, ...]]:
        """Project reports: (project, event record, story id, story date, story date end, story precision,
        story date method, source, copy group)."""
        return self._db.execute(
            """SELECT project_events.project, events.record, stories.id, stories.date_start, stories.date_end,
                stories.precision, stories.date_method, articles.source, copies.copy_group
            FROM project_events JOIN events ON events.id = project_events.event_id
            JOIN articles ON articles.id = project_events.article_id
            LEFT JOIN copies ON copies.article_id = project_events.article_id
            LEFT JOIN story_events ON story_events.event_id = events.id
            LEFT JOIN stories ON stories.id = story_events.story_id
            WHERE ? IS NULL OR project_events.project = ?
            ORDER BY project_events.project, coalesce(stories.date_start, events.date_start), events.id""",
            (project, project),
        ).fetchall()

    def sourced_events(
        self,
        *,
        pair: tuple[str, str] | None = None,
        since: date | None = None,
        until: date | None = None,
        event: str | None = None,
        include_background: bool = False,
        per_story: bool = False,
    ) -> Iterator[SourcedEvent]:
        """The same events as ``events``, one at a time (for exports), each with its article's reference.

        ``per_story`` keeps one event per story (an event in no story is its own): the report that
        gives the story its date, else the first by id.
        """
        where, values = event_filter(pair, since, until, event, include_background)
        chosen = "SELECT * FROM events WHERE " + where
        if per_story:
            chosen = f"""SELECT * FROM (
                SELECT e.*, row_number() OVER (
                    PARTITION BY coalesce(story_events.story_id, e.id)
                    ORDER BY e.date_start IS stories.date_start
                        AND json_extract(e.record, '$.date_precision') IS stories.precision DESC, e.id
                ) AS nth
                FROM ({chosen}) AS e LEFT JOIN story_events ON story_events.event_id = e.id
                LEFT JOIN stories ON stories.id = story_events.story_id
            ) WHERE nth = 1"""
        rows = self._db.execute(
            f"""SELECT e.record, a.id, a.origin, a.title, a.url, a.source, a.language, a.published, a.ingested_at
            FROM ({chosen}) AS e JOIN articles AS a ON a.id = e.article_id
            ORDER BY e.date_start IS NULL, e.date_start, e.id""",
            values,
        )
        for record, key, origin, title, url, source, language, published, ingested in rows:
            article = ArticleRef(
                key, origin, title, url, source, language, date.fromisoformat(published) if published else None,
                datetime.fromisoformat(ingested),
            )  # fmt: skip
            yield SourcedEvent(event_from(json.loads(record)), article)

    def article_refs(self, ids: Sequence[str]) -> dict[str, ArticleRef]:
        """What a citation needs about each of ``ids`` (origin, title, URL, outlet, date), by article id."""
        found: dict[str, ArticleRef] = {}
        unique = sorted(set(ids))
        for chunk in range(0, len(unique), 500):
            part = unique[chunk : chunk + 500]
            rows = self._db.execute(
                f"""SELECT id, origin, title, url, source, language, published FROM articles
                WHERE id IN ({",".join("?" * len(part))})""",
                part,
            )
            for key, origin, title, url, source, language, published in rows:
                found[key] = ArticleRef(
                    key, origin, title, url, source, language, date.fromisoformat(published) if published else None
                )
        return found

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


def _country_filters(table: str, pair: tuple[str, str] | None) -> tuple[list[str], list[object]]:
    clauses: list[str] = ["1 = 1"]
    values: list[object] = []
    for country in pair or ():
        clauses.append(f"instr(' ' || {table}.countries || ' ', ?) > 0")
        values.append(f" {country} ")
    return clauses, values


def _story_filters(
    pair: tuple[str, str] | None, since: date | None, until: date | None, event: str | None = None
) -> tuple[list[str], list[object]]:
    clauses, values = _country_filters("stories", pair)
    if event is not None:
        clauses.append("stories.event = ?")
        values.append(event)
    if since is not None:
        clauses.append("stories.date_end >= ?")
        values.append(since.isoformat())
    if until is not None:
        clauses.append("stories.date_start <= ?")
        values.append(until.isoformat())
    return clauses, values


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
    db.executemany(
        "INSERT OR IGNORE INTO event_countries VALUES (?, ?, ?)",
        [
            (event.id, party.country, role)
            for event in events
            for role, parties in (("actor", event.actor), ("recipient", event.recipient))
            for party in parties
            if party.country
        ],
    )


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
