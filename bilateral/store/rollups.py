"""Rollups: each country pair's stories counted per day, week, month and year, so a timeline is a range read.

A story adds to the rollup of every pair among its countries, in the period of each length that
holds its whole date (a window longer than the period counts in none, as in the timeline):
one story, its PLOVER type and QuadClass, its Goldstein and PLOVER scores, its articles and its
independent sources. What a story added is kept on the story (the ``counted_*`` columns), so it
can be taken back whatever changed since. Linking marks a story ``stale`` when it gains a report
or a date; :func:`refresh` takes back what each stale story had added and adds it as it is now,
in the linking transaction. Scores are summed in hundredths, as integers, so taking back is exact.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from bilateral.copies import independent_sources
from bilateral.days import period_of, period_start
from bilateral.ontology import plover_score
from bilateral.records import Event, EventDate, Precision
from bilateral.serialise import event_from
from bilateral.vocab import By

_CHUNK = 500
PERIODS_QUERY = """SELECT period, event, quad, stories, goldstein, intensity, scored, articles, sources
    FROM pair_periods WHERE first = ? AND second = ? AND by = ? AND period BETWEEN ? AND ?
    ORDER BY period, event, quad"""
"""A pair's rollup rows for one period length and a range of periods."""


def lead(events: Sequence[Event]) -> Event:
    """The report that speaks for a story: the first (by id) of its most common CAMEO code."""
    ordered = sorted(events, key=lambda event: event.id)
    commonest = Counter(event.cameo for event in ordered).most_common(1)[0][0]
    return next(event for event in ordered if event.cameo == commonest)


@dataclass(frozen=True, slots=True)
class Tally:
    """What one story adds to a pair's period."""

    event: str
    quad: int
    goldstein: int
    """Hundredths."""
    intensity: int | None
    """Hundredths; ``None`` where PLOVER gives the type no score."""
    articles: int
    sources: int


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """One pair's stories of one type and QuadClass in one period, summed."""

    period: date
    event: str
    quad: int
    stories: int
    goldstein: int
    intensity: int
    scored: int
    """Stories with a PLOVER score (the denominator of ``intensity``)."""
    articles: int
    sources: int


def _hundredths(value: float) -> int:
    return round(value * 100)


def _pairs(countries: str) -> Iterator[tuple[str, str]]:
    yield from combinations(sorted(set(countries.split())), 2)


def _when(first: str | None, last: str | None, precision: str | None) -> EventDate:
    """A story's date as its row holds it (an open window's end is stored far in the future: no period)."""
    return EventDate(
        date.fromisoformat(first) if first else None,
        date.fromisoformat(last) if last else None,
        Precision(precision) if precision else None,
        "",
    )


def _apply(db: sqlite3.Connection, countries: str, when: EventDate, tally: Tally, sign: int) -> None:
    scored = tally.intensity is not None
    rows = []
    for by in By:
        period = period_of(when, by)
        if period is None:
            continue
        for first, second in _pairs(countries):
            rows.append((
                first, second, by.value, period.isoformat(), tally.event, tally.quad, sign,
                sign * tally.goldstein, sign * (tally.intensity or 0), sign * scored,
                sign * tally.articles, sign * tally.sources,
            ))  # fmt: skip
    db.executemany(
        """INSERT INTO pair_periods VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO UPDATE SET stories = stories + excluded.stories, goldstein = goldstein + excluded.goldstein,
            intensity = intensity + excluded.intensity, scored = scored + excluded.scored,
            articles = articles + excluded.articles, sources = sources + excluded.sources""",
        rows,
    )


def discount(db: sqlite3.Connection, story_ids: Sequence[str]) -> None:
    """Take back what these stories added, and mark them stale (before they lose reports or are deleted)."""
    for start in range(0, len(story_ids), _CHUNK):
        part = list(story_ids[start : start + _CHUNK])
        marks = ",".join("?" * len(part))
        rows = db.execute(
            f"""SELECT id, countries, event, counted_quad, counted_goldstein, counted_intensity, counted_articles,
                counted_sources, counted_start, counted_end, counted_precision
            FROM stories WHERE id IN ({marks}) AND counted_quad IS NOT NULL""",
            part,
        ).fetchall()
        for _, countries, event, quad, goldstein, intensity, articles, sources, first, last, precision in rows:
            tally = Tally(event, quad, goldstein, intensity, articles, sources)
            _apply(db, countries, _when(first, last, precision), tally, -1)
        db.execute(
            f"""UPDATE stories SET stale = 1, counted_quad = NULL, counted_goldstein = NULL, counted_intensity = NULL,
                counted_articles = NULL, counted_sources = NULL, counted_start = NULL, counted_end = NULL,
                counted_precision = NULL
            WHERE id IN ({marks})""",
            part,
        )
    db.execute("DELETE FROM pair_periods WHERE stories = 0")


def _tally(event: str, members: list[tuple[str, str | None, str | None, str]]) -> Tally:
    events = [event_from(json.loads(record)) for _, _, _, record in members]
    speaker = lead(events)
    intensity = plover_score(speaker.event, speaker.mode)
    reports = {(article, source, group) for article, source, group, _ in members}
    return Tally(
        event=event,
        quad=speaker.quad,
        goldstein=_hundredths(speaker.goldstein),
        intensity=None if intensity is None else _hundredths(intensity),
        articles=len({article for article, _, _ in reports}),
        sources=independent_sources(reports),
    )


def refresh(db: sqlite3.Connection) -> int:
    """Count every stale story as it is now (taking back what it had added); returns how many."""
    done = 0
    while stale := [row[0] for row in db.execute(f"SELECT id FROM stories WHERE stale = 1 LIMIT {_CHUNK}")]:
        discount(db, stale)
        marks = ",".join("?" * len(stale))
        members: dict[str, list[tuple[str, str | None, str | None, str]]] = {}
        for story_id, article, source, group, record in db.execute(
            f"""SELECT story_events.story_id, story_events.article_id, articles.source, copies.copy_group, events.record
            FROM story_events JOIN events ON events.id = story_events.event_id
            JOIN articles ON articles.id = story_events.article_id
            LEFT JOIN copies ON copies.article_id = story_events.article_id
            WHERE story_events.story_id IN ({marks})""",
            stale,
        ):
            members.setdefault(story_id, []).append((article, source, group, record))
        rows = db.execute(
            f"SELECT id, countries, event, date_start, date_end, precision FROM stories WHERE id IN ({marks})", stale
        ).fetchall()
        for story_id, countries, event, first, last, precision in rows:
            if story_id not in members:  # no report left: nothing to count until one joins
                db.execute("UPDATE stories SET stale = 0 WHERE id = ?", (story_id,))
                continue
            tally = _tally(event, members[story_id])
            _apply(db, countries, _when(first, last, precision), tally, +1)
            db.execute(
                """UPDATE stories SET stale = 0, counted_quad = ?, counted_goldstein = ?, counted_intensity = ?,
                    counted_articles = ?, counted_sources = ?, counted_start = ?, counted_end = ?,
                    counted_precision = ?
                WHERE id = ?""",
                (tally.quad, tally.goldstein, tally.intensity, tally.articles, tally.sources, first, last, precision,
                 story_id),
            )  # fmt: skip
        done += len(stale)
    return done


def period_rows(
    db: sqlite3.Connection, pair: tuple[str, str], by: By, since: date | None, until: date | None
) -> list[PeriodRow]:
    """A pair's rollup rows for periods of length ``by``, those touching ``since``–``until`` (whole periods)."""
    first, second = sorted(pair)
    low = period_start(since, by).isoformat() if since else "0000"
    high = period_start(until, by).isoformat() if until else "9999-99"
    rows = db.execute(PERIODS_QUERY, (first, second, by.value, low, high))
    return [PeriodRow(date.fromisoformat(period), *rest) for period, *rest in rows]
