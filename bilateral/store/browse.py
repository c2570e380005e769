"""SQL for reading the record page by page: one event, country pairs, articles and full-text search.

The HTTP API and the dashboard call these; every query is read-only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bilateral.records import Article, Event
from bilateral.serialise import event_from
from bilateral.store.dialect import Database, Dialect
from bilateral.store.rollups import PeriodRow, entry_counts, period_rows
from bilateral.store.rows import ARTICLE_COLUMNS, article_from_row
from bilateral.vocab import By

MATCH_START = "\ue000"
MATCH_END = "\ue001"
"""Private-use characters around each matched term in a search snippet."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Dyad:
    """Two countries and how many events join them."""

    first: str
    second: str
    events: int
    first_date: date | None
    last_date: date | None


@dataclass(frozen=True, slots=True)
class Hit:
    """An article found by full-text search, with a snippet whose matches sit between MATCH_START and MATCH_END."""

    article_id: str
    title: str
    source: str | None
    published: date | None
    snippet: str


def match_expression(text: str) -> str | None:
    """An FTS5 query for every word of ``text`` (each quoted, so no input is FTS syntax); ``None`` if no words."""
    words = _WORD.findall(text)
    return " ".join(f'"{word}"' for word in words) if words else None


class Browse:
    """Read queries over one connection."""

    def __init__(self, db: Database, sql: Dialect) -> None:
        self._db = db
        self._sql = sql

    def event(self, event_id: str) -> Event | None:
        row = self._db.execute("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
        return event_from(json.loads(row[0])) if row else None

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return article_from_row(row) if row else None

    def article_events(self, article_id: str) -> list[Event]:
        """Every event read in one article, background history included, in text order."""
        rows = self._db.execute("SELECT record FROM events WHERE article_id = ? ORDER BY id", (article_id,))
        events = [event_from(json.loads(row[0])) for row in rows]
        return sorted(events, key=lambda event: (event.evidence.field != "title", event.evidence.start, event.id))

    def articles(self, *, limit: int, offset: int = 0) -> tuple[list[Article], int]:
        total = self._db.execute("SELECT count(*) FROM articles").fetchone()[0]
        rows = self._db.execute(
            f"""SELECT {ARTICLE_COLUMNS} FROM articles
            ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?""",
            (limit, offset),
        )
        return [article_from_row(row) for row in rows], total

    def dyads(self, *, limit: int, offset: int = 0) -> tuple[list[Dyad], int]:
        """Country pairs by the number of events between them (background history left out), with the first and
        last dated event (an undated report's office-holder window dates neither): the pairs and their counts
        from ``party_counts``, each pair's two dates from the ``parties`` index in date order."""
        rows = self._db.execute(
            """SELECT first, second, n, count(*) OVER () FROM party_counts
            WHERE kind = 'event' AND hidden = 0 AND second != '' AND n > 0
            ORDER BY n DESC, first, second LIMIT ? OFFSET ?""",
            (limit, offset),
        ).fetchall()
        if not rows and offset:
            return [], self.dyads(limit=1)[1]
        dyads = [Dyad(a, b, n, self._dated(a, b, latest=False), self._dated(a, b, latest=True)) for a, b, n, _ in rows]
        return dyads, rows[0][3] if rows else 0

    def _dated(self, first: str, second: str, *, latest: bool) -> date | None:
        """The first (or last) day of an event between the two countries that its sentence dates (not background,
        not an office-holder window), walking the rarer country's events in date order."""
        counts = dict(
            self._db.execute(
                """SELECT first, n FROM party_counts
                WHERE kind = 'event' AND hidden = 0 AND second = '' AND first IN (?, ?)""",
                (first, second),
            ).fetchall()
        )
        walked, other = sorted((first, second), key=lambda country: (counts.get(country, 0), country))
        precision = self._sql.text("events.record", "date_precision")
        row = self._db.execute(
            f"""SELECT walked.day FROM parties AS walked
            JOIN parties AS other ON other.kind = 'event' AND other.id = walked.id AND other.country = ?
            JOIN events ON events.id = walked.id
            WHERE walked.kind = 'event' AND walked.country = ? AND walked.day IS NOT NULL AND walked.hidden = 0
                AND {precision} != 'window'
            ORDER BY walked.day IS NULL, walked.day{" DESC" if latest else ""} LIMIT 1""",
            (other, walked),
        ).fetchone()
        return date.fromisoformat(row[0]) if row else None

    def periods(
        self, pair: tuple[str, str], by: By, *, since: date | None = None, until: date | None = None
    ) -> list[PeriodRow]:
        """The pair's stories summed per period of length ``by``, type and QuadClass (a range read of the rollups),
        for the whole periods that touch ``since``–``until``."""
        return period_rows(self._db, pair, by, since, until)

    def stages(
        self, pair: tuple[str, str], by: By, *, since: date | None = None, until: date | None = None
    ) -> Counter[date]:
        """Agreement stages between the pair per period (each kind of step of an agreement once, when first told)."""
        return entry_counts(self._db, "agreement", [" ".join(sorted(pair))], by, since, until)

    def milestones(
        self, projects: Sequence[str], by: By, *, since: date | None = None, until: date | None = None
    ) -> Counter[date]:
        """Milestones of these projects per period (one per story that reports a step)."""
        return entry_counts(self._db, "project", projects, by, since, until)

    def search(self, text: str, *, limit: int, offset: int = 0) -> tuple[list[Hit], int]:
        """Articles whose title or text hold every word of ``text``, best first, with a snippet each."""
        expression = match_expression(text)
        if expression is None:
            return [], 0
        if self._sql.postgres:
            return self._search_postgres(" ".join(_WORD.findall(text)), limit=limit, offset=offset)
        total = self._db.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (expression,)
        ).fetchone()[0]
        rows = self._db.execute(
            """SELECT articles.id, articles.title, articles.source, articles.published,
                snippet(articles_fts, -1, ?, ?, '…', 24)
            FROM articles_fts JOIN articles ON articles.id = articles_fts.article_id
            WHERE articles_fts MATCH ? ORDER BY articles_fts.rank, articles.id LIMIT ? OFFSET ?""",
            (MATCH_START, MATCH_END, expression, limit, offset),
        )
        return _hits(rows), int(total)

    def _search_postgres(self, words: str, *, limit: int, offset: int) -> tuple[list[Hit], int]:
        """The same search on PostgreSQL: every word (accents ignored) in the article's ``tsvector``, ranked by
        ``ts_rank``, the snippet from the text (or the title, when the words are all there) by ``ts_headline``."""
        query = "plainto_tsquery('bilateral_words', ?)"
        total = self._db.execute(f"SELECT count(*) FROM articles WHERE search @@ {query}", (words,)).fetchone()[0]
        options = f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords=24, MinWords=8, MaxFragments=1, ShortWord=1"
        rows = self._db.execute(
            f"""SELECT id, title, source, published, ts_headline('bilateral_words',
                    CASE WHEN to_tsvector('bilateral_words', text) @@ q THEN text ELSE title END, q, ?)
            FROM (SELECT articles.*, {query} AS q FROM articles) AS found
            WHERE search @@ q ORDER BY ts_rank(search, q) DESC, id LIMIT ? OFFSET ?""",
            (options, words, limit, offset),  # in the order of their marks
        )
        return _hits(rows), int(total)


def _hits(rows: Iterable[Sequence[object]]) -> list[Hit]:
    return [
        Hit(str(key), str(title), source if isinstance(source, str) else None,
            date.fromisoformat(published) if isinstance(published, str) else None, str(snippet))
        for key, title, source, published, snippet in rows
    ]  # fmt: skip
