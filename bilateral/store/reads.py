"""The reads the commands, the API and the frames run, returning typed records (JSON is decoded here).

Lists take a :class:`~bilateral.store.query.Query`; see :mod:`bilateral.store.query` for how it pages
through an index.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bilateral.records import (
    ActorKind,
    Agreement,
    Article,
    ArticleRef,
    Event,
    EventDate,
    Failure,
    Field,
    Mention,
    SourcedEvent,
)  # fmt: skip
from bilateral.serialise import agreement_from, event_from
from bilateral.store.dialect import Database, Dialect
from bilateral.store.query import EVERYTHING, Query, counting, listing
from bilateral.store.rows import ARTICLE_COLUMNS, EVERY_ROW, article_from_row, day, stored_when, story_when

_CHUNK = 400


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
class StoryMember:
    """One report of a story: the story's fields, the event and the article's outlet and copy group."""

    story_id: str
    direction: str
    when: EventDate
    event: Event
    placed: bool
    """The report is undated and the story placed it in time."""
    source: str | None
    copy_group: str | None


@dataclass(frozen=True, slots=True)
class StoryLink:
    """One article reporting the story of an event."""

    event_id: str
    story_id: str
    story_when: EventDate
    article_id: str
    source: str | None
    copy_group: str | None


@dataclass(frozen=True, slots=True)
class EntryLink:
    """A registry entry an event reports: ``kind`` 'agreement' (``entry`` its id) or 'project' (its name)."""

    event_id: str
    kind: str
    entry: str


@dataclass(frozen=True, slots=True)
class ProjectReport:
    """One report of a project's step, with the date of the report's story."""

    project: str
    event: Event
    story_id: str | None
    story_when: EventDate | None
    source: str | None
    copy_group: str | None


def _event(record: str) -> Event:
    return event_from(json.loads(record))


class Reads:
    """Read queries over one connection (the store's)."""

    _db: Database
    _sql: Dialect

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
            (EVERY_ROW if limit is None else limit, offset),
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

    def events(self, query: Query = EVERYTHING) -> list[Event]:
        """One page of stored events matching ``query``, oldest first (newest with ``newest_first``)."""
        sql, values = listing("event", query, "events.record", self._sql)
        return [_event(record) for (record,) in self._db.execute(sql, values)]

    def count(self, kind: str, query: Query) -> int:
        """How many events, stories or agreements (``kind``) match ``query``, whatever its page."""
        sql, values = counting(kind, query, self._sql)
        return int(self._db.execute(sql, values).fetchone()[0])

    def story_members(self, query: Query) -> list[StoryMember]:
        """One page of stories matching ``query`` (oldest first, or newest), each with all its reports."""
        page, values = listing("story", query, "stories.id", self._sql)
        rows = self._db.execute(
            f"""SELECT stories.id, stories.direction, stories.date_start, stories.date_end, stories.precision,
                stories.date_method, events.record, story_events.placed, articles.source, copies.copy_group
            FROM stories JOIN story_events ON story_events.story_id = stories.id
            JOIN events ON events.id = story_events.event_id JOIN articles ON articles.id = story_events.article_id
            LEFT JOIN copies ON copies.article_id = story_events.article_id
            WHERE stories.id IN ({page})
            ORDER BY stories.date_start IS NULL, stories.date_start{" DESC" if query.newest_first else ""}, stories.id,
                events.id""",
            values,
        )
        return [
            StoryMember(key, way, stored_when(first, last, precision, method), _event(record), bool(placed), source,
                        group)
            for key, way, first, last, precision, method, record, placed, source, group in rows
        ]  # fmt: skip

    def placements(self) -> dict[str, date]:
        """Undated articles placed in time by a dated story of the same event: article id → the story's day."""
        rows = self._db.execute(
            """SELECT story_events.article_id, min(stories.date_start) FROM story_events
            JOIN stories ON stories.id = story_events.story_id
            WHERE story_events.placed = 1 GROUP BY story_events.article_id"""
        )
        return {key: date.fromisoformat(day) for key, day in rows if day}

    def story_links(self, event_ids: Sequence[str]) -> list[StoryLink]:
        """For events in a story: every article that reports the story."""
        found: list[StoryLink] = []
        for chunk in range(0, len(event_ids), _CHUNK):
            part = list(event_ids[chunk : chunk + _CHUNK])
            rows = self._db.execute(
                f"""SELECT mine.event_id, stories.id, stories.date_start, stories.date_end, stories.precision,
                    stories.date_method, member.article_id, articles.source, copies.copy_group
                FROM story_events AS mine JOIN stories ON stories.id = mine.story_id
                JOIN story_events AS member ON member.story_id = mine.story_id
                JOIN articles ON articles.id = member.article_id
                LEFT JOIN copies ON copies.article_id = member.article_id
                WHERE mine.event_id IN ({",".join("?" * len(part))})""",
                part,
            )
            found += [
                StoryLink(event_id, story_id, stored_when(first, last, precision, method), article, source, group)
                for event_id, story_id, first, last, precision, method, article, source, group in rows
            ]
        return found

    def entry_links(self, event_ids: Sequence[str]) -> list[EntryLink]:
        """The agreements and projects each of ``event_ids`` reports."""
        found: list[EntryLink] = []
        for chunk in range(0, len(event_ids), _CHUNK):
            part = list(event_ids[chunk : chunk + _CHUNK])
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"""SELECT event_id, 'agreement', agreement_id FROM agreement_events WHERE event_id IN ({marks})
                UNION ALL SELECT event_id, 'project', project FROM project_events WHERE event_id IN ({marks})""",
                part + part,
            )
            found += [EntryLink(event_id, kind, entry) for event_id, kind, entry in rows]
        return found

    def agreement_entries(self, query: Query = EVERYTHING, *, key: str | None = None) -> list[Agreement]:
        """Registry entries as linking last summed them up (see :mod:`bilateral.registry.lifecycle`): one page of
        them (between ``query``'s countries) in the order they are listed, by their first stage (latest first with
        ``query.newest_first``); or the one entry ``key``."""
        if key is None:
            page, values = listing("agreement", query, "agreements.entry", self._sql)
        else:
            page, values = "SELECT entry FROM agreements WHERE id = ?", [key]
        return [agreement_from(json.loads(entry)) for (entry,) in self._db.execute(page, values) if entry]

    def project_reports(self, *, project: str | None = None) -> list[ProjectReport]:
        """Reports of each project's steps (of one ``project``, if given), by project then report date."""
        rows = self._db.execute(
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
        )
        return [
            ProjectReport(name, _event(record), story, story_when(first, last, precision, method), source, group)
            for name, record, story, first, last, precision, method, source, group in rows
        ]

    def sourced_events(self, query: Query = EVERYTHING, *, per_story: bool = False) -> Iterator[SourcedEvent]:
        """The same events as ``events``, one at a time (for exports), each with its article's reference.

        ``per_story`` keeps one event per story (an event in no story is its own): the report that
        gives the story its date, else the first by id.
        """
        chosen, values = listing("event", query, "events.*", self._sql)
        if per_story:
            chosen = f"""SELECT * FROM (
                SELECT e.*, row_number() OVER (
                    PARTITION BY coalesce(story_events.story_id, e.id)
                    ORDER BY e.date_start IS NOT DISTINCT FROM stories.date_start
                        AND {self._sql.text("e.record", "date_precision")} IS NOT DISTINCT FROM stories.precision DESC,
                        e.id
                ) AS nth
                FROM ({chosen}) AS e LEFT JOIN story_events ON story_events.event_id = e.id
                LEFT JOIN stories ON stories.id = story_events.story_id
            ) AS ranked WHERE nth = 1"""
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
            yield SourcedEvent(_event(record), article)

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
            Mention(Field(field), start, end, text, ActorKind(kind), name, country, sector=sector, office=office,
                    role=role, form=form, source=source)
            for field, start, end, text, kind, name, country, sector, office, role, form, source in rows
        ]  # fmt: skip

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
