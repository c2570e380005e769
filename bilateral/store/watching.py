"""What ``bilateral watch`` keeps in the store: each source's state and lease, the items it has read, the alerts
that fired, and what is new since a time (``/api/changes``).

Times are UTC ISO strings to the second (``2026-01-05T09:15:00+00:00``), compared as text. A source is
claimed for one watcher with a lease (:meth:`Watching.claim`), in one transaction with the check that it is
due, so two watchers on one database never fetch the same source at once; a watcher killed while it holds a
lease loses it when the lease runs out.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bilateral.records import Event
from bilateral.serialise import event_from
from bilateral.store.dialect import Database
from bilateral.store.rows import EVERY_ROW

Transaction = Callable[[], AbstractContextManager[Database]]

_CHUNK = 400


def stamp(moment: datetime) -> str:
    """A time as stored: UTC, to the second."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class SourceState:
    """One watched source as the store has it (a source never fetched has only its name)."""

    source: str
    etag: str | None = None
    last_modified: str | None = None
    digest: str | None = None
    last_attempt: str | None = None
    last_success: str | None = None
    failures: int = 0
    last_error: str | None = None
    next_due: str | None = None
    lease_owner: str | None = None
    lease_until: str | None = None

    def due(self, every: timedelta) -> datetime | None:
        """When the source is due: ``every`` after its last success, or at the end of its back-off."""
        if self.failures == 0:
            return datetime.fromisoformat(self.last_success) + every if self.last_success else None
        return datetime.fromisoformat(self.next_due) if self.next_due else None


_STATE_COLUMNS = """source, etag, last_modified, digest, last_attempt, last_success, failures, last_error, next_due,
    lease_owner, lease_until"""


@dataclass(frozen=True, slots=True)
class FiredAlert:
    id: int
    rule: str
    story: str
    stages: str
    fired_at: str
    alert: str
    """The alert as JSON, as its outputs were given it."""


@dataclass(frozen=True, slots=True)
class NewArticle:
    id: str
    title: str
    url: str | None
    source: str | None
    ingested_at: str


@dataclass(frozen=True, slots=True)
class StoryFacts:
    """What the alert rules look at in a story: its type, countries and day, its reports, the agreement stages
    and project milestones they report."""

    id: str
    event: str
    countries: tuple[str, ...]
    day: date | None
    events: tuple[Event, ...]
    stages: tuple[tuple[str, str, str], ...]
    """(agreement id, topic, stage) for each stage its reports give an agreement."""
    projects: tuple[str, ...]


class Watching:
    """The watch tables of one open store (see :meth:`bilateral.store.Store.watching`)."""

    def __init__(self, db: Database, transaction: Transaction) -> None:
        self._db = db
        self._transaction = transaction

    # -- sources -------------------------------------------------------------

    def claim(self, source: str, *, owner: str, now: datetime, every: timedelta, until: datetime) -> bool:
        """Lease ``source`` to ``owner`` until ``until`` when it is due and no other watcher holds it (or its lease
        ran out). A healthy source is due ``every`` after its last success (so a new interval applies at once),
        a failing one at the end of its back-off; either is taken up to a tenth of ``every`` early, so that a
        cron round is not missed by seconds."""
        due_by = now + every / 10
        moment = stamp(now)
        with self._transaction() as db:
            db.execute("INSERT INTO watch_sources (source) VALUES (?) ON CONFLICT DO NOTHING", (source,))
            claimed = db.execute(
                """UPDATE watch_sources SET lease_owner = ?, lease_until = ?, last_attempt = ?
                WHERE source = ?
                AND CASE WHEN failures = 0 THEN last_success IS NULL OR last_success <= ?
                    ELSE next_due IS NULL OR next_due <= ? END
                AND (lease_until IS NULL OR lease_until <= ? OR lease_owner = ?)""",
                (owner, stamp(until), moment, source, stamp(due_by - every), stamp(due_by), moment, owner),
            ).rowcount
        return claimed == 1

    def succeeded(
        self,
        source: str,
        *,
        owner: str,
        now: datetime,
        next_due: datetime,
        etag: str | None,
        last_modified: str | None,
        digest: str | None,
    ) -> int:
        """Record a good fetch and give up the lease; returns the failures in a row that this one ended."""
        with self._transaction() as db:
            row = db.execute("SELECT failures FROM watch_sources WHERE source = ?", (source,)).fetchone()
            db.execute(
                """UPDATE watch_sources SET etag = ?, last_modified = ?, digest = ?, last_success = ?, failures = 0,
                last_error = NULL, next_due = ?, lease_owner = NULL, lease_until = NULL
                WHERE source = ? AND lease_owner = ?""",
                (etag, last_modified, digest, stamp(now), stamp(next_due), source, owner),
            )
        return int(row[0]) if row else 0

    def failed(self, source: str, *, owner: str, next_due: datetime, error: str) -> int:
        """Record a failed fetch and give up the lease; returns the failures in a row, this one counted."""
        with self._transaction() as db:
            db.execute(
                """UPDATE watch_sources SET failures = failures + 1, last_error = ?, next_due = ?,
                lease_owner = NULL, lease_until = NULL WHERE source = ? AND lease_owner = ?""",
                (error, stamp(next_due), source, owner),
            )
            row = db.execute("SELECT failures FROM watch_sources WHERE source = ?", (source,)).fetchone()
        return int(row[0]) if row else 0

    def release(self, source: str, *, owner: str) -> None:
        """Give up the lease without recording anything (a watcher stopped while reading the source)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE watch_sources SET lease_owner = NULL, lease_until = NULL WHERE source = ? AND lease_owner = ?",
                (source, owner),
            )

    def state(self, source: str) -> SourceState:
        row = self._db.execute(f"SELECT {_STATE_COLUMNS} FROM watch_sources WHERE source = ?", (source,)).fetchone()
        return SourceState(*row) if row else SourceState(source)

    def sources(self, *, limit: int = EVERY_ROW, offset: int = 0) -> list[SourceState]:
        rows = self._db.execute(
            f"SELECT {_STATE_COLUMNS} FROM watch_sources ORDER BY source LIMIT ? OFFSET ?", (limit, offset)
        )
        return [SourceState(*row) for row in rows]

    def count_sources(self) -> int:
        (count,) = self._db.execute("SELECT count(*) FROM watch_sources").fetchone()
        return int(count)

    # -- items ---------------------------------------------------------------

    def seen(self, source: str, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` (feed entry ids or links, dropped files) ``source`` has read before."""
        found: set[str] = set()
        for part in _chunks(sorted(set(keys))):
            rows = self._db.execute(
                f"SELECT key FROM watch_items WHERE source = ? AND key IN ({','.join('?' * len(part))})",
                [source, *part],
            )
            found.update(key for (key,) in rows)
        return found

    def remember(self, source: str, keys: Iterable[str], *, now: datetime) -> None:
        moment = stamp(now)
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO watch_items VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(source, key, moment) for key in keys],
            )

    # -- alerts --------------------------------------------------------------

    def fired_stages(self, rule: str, story: str) -> str | None:
        """The stages the story had when ``rule`` last fired on it, or ``None`` when it never did."""
        row = self._db.execute(
            "SELECT stages FROM alerts WHERE rule = ? AND story = ? ORDER BY id DESC LIMIT 1", (rule, story)
        ).fetchone()
        return str(row[0]) if row else None

    def fire(self, rule: str, story: str, *, stages: str, now: datetime, alert: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO alerts (rule, story, stages, fired_at, alert) VALUES (?, ?, ?, ?, ?)",
                (rule, story, stages, stamp(now), alert),
            )

    def alerts(self, *, since: str | None = None, limit: int = EVERY_ROW, offset: int = 0) -> list[FiredAlert]:
        """Fired alerts, oldest first, at or after ``since`` (a stored time or its leading part: a day)."""
        rows = self._db.execute(
            """SELECT id, rule, story, stages, fired_at, alert FROM alerts WHERE ? IS NULL OR fired_at >= ?
            ORDER BY id LIMIT ? OFFSET ?""",
            (since, since, limit, offset),
        )
        return [FiredAlert(*row) for row in rows]

    def count_alerts(self, *, since: str | None = None) -> int:
        (count,) = self._db.execute(
            "SELECT count(*) FROM alerts WHERE ? IS NULL OR fired_at >= ?", (since, since)
        ).fetchone()
        return int(count)

    # -- what is new ---------------------------------------------------------

    def new_articles(self, *, since: str, limit: int = EVERY_ROW, offset: int = 0) -> list[NewArticle]:
        """Articles stored at or after ``since``, oldest first."""
        rows = self._db.execute(
            """SELECT id, title, url, source, ingested_at FROM articles WHERE ingested_at >= ?
            ORDER BY ingested_at, id LIMIT ? OFFSET ?""",
            (since, limit, offset),
        )
        return [NewArticle(*row) for row in rows]

    def count_new_articles(self, *, since: str) -> int:
        (count,) = self._db.execute("SELECT count(*) FROM articles WHERE ingested_at >= ?", (since,)).fetchone()
        return int(count)

    def stories_of(self, article_ids: Iterable[str]) -> list[str]:
        """The stories the events of these articles belong to, each once, in order of id."""
        found: set[str] = set()
        for part in _chunks(sorted(set(article_ids))):
            rows = self._db.execute(
                f"SELECT DISTINCT story_id FROM story_events WHERE article_id IN ({','.join('?' * len(part))})", part
            )
            found.update(story for (story,) in rows)
        return sorted(found)

    def story_facts(self, story_ids: Iterable[str]) -> list[StoryFacts]:
        """The facts of each story (a story no longer stored is left out), in order of id."""
        found: list[StoryFacts] = []
        for part in _chunks(sorted(set(story_ids))):
            marks = ",".join("?" * len(part))
            heads = self._db.execute(
                f"SELECT id, event, countries, date_start FROM stories WHERE id IN ({marks})", part
            ).fetchall()
            events: dict[str, list[Event]] = defaultdict(list)
            for story, record in self._db.execute(
                f"""SELECT story_events.story_id, events.record FROM story_events
                JOIN events ON events.id = story_events.event_id WHERE story_events.story_id IN ({marks})
                ORDER BY events.id""",
                part,
            ):
                events[story].append(event_from(json.loads(record)))
            stages: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
            for story, agreement, topic, stage in self._db.execute(
                f"""SELECT story_events.story_id, agreements.id, agreements.topic, agreement_events.stage
                FROM story_events JOIN agreement_events ON agreement_events.event_id = story_events.event_id
                JOIN agreements ON agreements.id = agreement_events.agreement_id
                WHERE story_events.story_id IN ({marks})""",
                part,
            ):
                stages[story].add((agreement, topic, stage))
            projects: dict[str, set[str]] = defaultdict(set)
            for story, project in self._db.execute(
                f"""SELECT story_events.story_id, project_events.project FROM story_events
                JOIN project_events ON project_events.event_id = story_events.event_id
                WHERE story_events.story_id IN ({marks})""",
                part,
            ):
                projects[story].add(project)
            for key, event, countries, start in heads:
                day = date.fromisoformat(start) if start else None
                facts = (tuple(events[key]), tuple(sorted(stages[key])), tuple(sorted(projects[key])))
                found.append(StoryFacts(key, event, tuple(countries.split()), day, *facts))
        return sorted(found, key=lambda facts: facts.id)

    def pair_days(self, first: str, second: str, *, start: date, end: date) -> dict[date, int]:
        """A pair's stories per day from ``start`` to ``end`` (days with none left out), from the rollups."""
        low, high = sorted((first, second))
        rows = self._db.execute(
            """SELECT period, sum(stories) FROM pair_periods WHERE first = ? AND second = ? AND by = 'day'
            AND period BETWEEN ? AND ? GROUP BY period""",
            (low, high, start.isoformat(), end.isoformat()),
        )
        return {date.fromisoformat(period): int(count) for period, count in rows}


def _chunks(keys: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(keys), _CHUNK):
        yield keys[start : start + _CHUNK]
