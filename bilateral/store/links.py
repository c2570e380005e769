"""SQL for linking: copy groups, stories and registry links, written inside one transaction."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from bilateral.copies import Signature
from bilateral.days import shift
from bilateral.records import Article, Event, EventDate, Precision
from bilateral.serialise import event_from
from bilateral.store import parties, rollups
from bilateral.store.dialect import Database
from bilateral.store.rows import ARTICLE_COLUMNS, OPEN_END, article_from_row, day, stored_when

_LONGEST = timedelta(days=367)
"""The longest span of a dated story (a year, a day of slack)."""
_SHORT = timedelta(days=40)
"""Most stories span a day, a week or a month: those are found by their start."""
RECENT = 20
"""Articles per band key considered as copies: copies of a story appear close together."""


class Signed(NamedTuple):
    """The first and the last day an agreement's entry was signed on (``None`` before a signing with a known day)."""

    first: date | None
    last: date | None


def _signed(first: str | None, last: str | None) -> Signed:
    return Signed(date.fromisoformat(first) if first else None, date.fromisoformat(last) if last else None)


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    direction: str
    start: date
    end: date
    when: EventDate
    cameo: str | None  # the CAMEO code of its first event
    article: str | None  # the article of its first event


def _bounds(when: EventDate) -> tuple[str | None, str | None, int]:
    """A story's first and last day as stored, and whether it is a dated one that spans more than :data:`_SHORT`."""
    if when.start is None:
        return None, None, 0
    end = when.end or (OPEN_END if when.precision is Precision.WINDOW else when.start)
    return day(when.start), day(end), int(when.precision is not Precision.WINDOW and end - when.start > _SHORT)


class Linking:
    """One linking transaction: reads see what this transaction wrote."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._lookup = getattr(db, "prepared", db.execute)
        """For the statements linking runs for every event or article: prepared on PostgreSQL (SQLite keeps every
        statement it ran prepared in its own cache)."""
        self._new_stories: list[str] = []
        self._linked = rollups.Linked()
        """What was linked since the last count."""
        self._attached: dict[str, tuple[str, str, str, int]] = {}
        """Reports put in stories and not written yet: each is written in one round trip (see :meth:`_write`)."""

    def finish(self) -> None:
        """The countries of the stories this transaction started, at their dates as they now stand, in one write
        (called as the transaction commits)."""
        self._write()
        for start in range(0, len(self._new_stories), 500):
            part = self._new_stories[start : start + 500]
            rows = self._db.execute(
                f"SELECT id, countries, date_start FROM stories WHERE id IN ({','.join('?' * len(part))})", part
            ).fetchall()
            parties.write(self._db, "story", [(key, countries.split(), first, False) for key, countries, first in rows])
        self._new_stories.clear()

    # -- articles -----------------------------------------------------------

    def pending(self, limit: int, among: Sequence[str] | None = None) -> list[Article]:
        """Up to ``limit`` articles not linked yet, dated ones first in order of publication; only those ``among``
        the ids given, where given."""
        if among is not None and not among:
            return []
        only = "" if among is None else f"AND id IN ({','.join('?' * len(among))})"
        rows = self._db.execute(
            f"""SELECT {ARTICLE_COLUMNS} FROM articles WHERE linked = 0 {only}
            ORDER BY published IS NULL, published, id LIMIT ?""",
            (*(among or ()), limit),
        )
        return [article_from_row(row) for row in rows]

    def events_of(self, article_ids: Sequence[str]) -> list[Event]:
        events: list[Event] = []
        for chunk in range(0, len(article_ids), 500):
            part = list(article_ids[chunk : chunk + 500])
            marks = ",".join("?" * len(part))
            rows = self._db.execute(f"SELECT record FROM events WHERE article_id IN ({marks})", part)
            events.extend(event_from(json.loads(row[0])) for row in rows)
        return events

    def done(self, article_ids: Sequence[str]) -> None:
        """Mark the articles linked, and count their stories in the rollups."""
        self._write()
        self._db.executemany("UPDATE articles SET linked = 1 WHERE id = ?", [(key,) for key in article_ids])
        rollups.refresh(self._db, self._linked)
        self._linked = rollups.Linked()

    # -- copies -------------------------------------------------------------

    def has_copy(self, article_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM copies WHERE article_id = ?", (article_id,)).fetchone() is not None

    def copy_candidates(self, bands: Sequence[tuple[int, int]], limit: int = 8) -> list[tuple[str, str, bytes]]:
        """(article id, copy group, signature) of the stored articles sharing most band keys with ``bands``.

        Each band key contributes its :data:`RECENT` latest articles only, so a key that stock
        phrases make common costs no more than a rare one.
        """
        lookups = " UNION ALL ".join(
            f"SELECT * FROM (SELECT article_id FROM copy_bands WHERE band = ? AND key = ? ORDER BY rowid DESC LIMIT ?)"
            f" AS band{n}"
            for n in range(len(bands))
        )
        hits = Counter(row[0] for row in self._lookup(lookups, [n for band in bands for n in (*band, RECENT)]))
        found = []
        for article_id, _ in hits.most_common(limit):
            row = self._lookup(
                "SELECT copy_group, signature FROM copies WHERE article_id = ?", (article_id,)
            ).fetchone()
            if row is not None:
                found.append((article_id, row[0], row[1]))
        return found

    def add_copy(self, article_id: str, group: str, signature: Signature | None) -> None:
        self._db.execute(
            """INSERT INTO copies VALUES (?, ?, ?) ON CONFLICT (article_id) DO UPDATE
            SET copy_group = excluded.copy_group, signature = excluded.signature""",
            (article_id, group, signature.to_bytes() if signature is not None else None),
        )
        if signature is not None:
            self._db.executemany(
                "INSERT INTO copy_bands VALUES (?, ?, ?)",
                [(band, band_key, article_id) for band, band_key in signature.bands()],
            )

    # -- stories ------------------------------------------------------------

    def story_candidates(self, event: str, countries: str, negated: bool, start: date, end: date) -> list[StoryRow]:
        """Stories of this kind whose dates overlap ``start``–``end``.

        Two index ranges, each bounded as the store grows, whatever the order in which dates arrive: stories that
        began at most :data:`_SHORT` before the range, by their start; and the few that span longer (flagged
        ``long_span``; a dated story spans at most a year), by their end, which lies after ``start``. Window
        stories (undated reports only) are few.
        """
        columns = (
            "id, direction, date_start, date_end, precision, date_method, "
            "(SELECT cameo FROM events WHERE events.id = first_event), "
            "(SELECT article_id FROM events WHERE events.id = first_event)"
        )
        key = (event, countries, int(negated))
        early = shift(start, -_SHORT).isoformat()
        rows = self._lookup(
            f"""SELECT {columns} FROM stories INDEXED BY stories_key WHERE event = ? AND countries = ? AND negated = ?
                AND date_start BETWEEN ? AND ? AND date_end >= ? AND precision IS DISTINCT FROM 'window'
            UNION ALL
            SELECT {columns} FROM stories INDEXED BY stories_long WHERE event = ? AND countries = ? AND negated = ?
                AND long_span = 1 AND date_end BETWEEN ? AND ? AND date_start < ?
            UNION ALL
            SELECT {columns} FROM stories INDEXED BY stories_window WHERE event = ? AND countries = ? AND negated = ?
                AND precision = 'window' AND date_start <= ? AND date_end >= ?""",
            (*key, early, end.isoformat(), start.isoformat(),
             *key, start.isoformat(), shift(end, _LONGEST).isoformat(), early,
             *key, end.isoformat(), start.isoformat()),
        )  # fmt: skip
        stories = []
        for key, way, first, last, precision, method, cameo, article in rows:
            start, end = date.fromisoformat(first), date.fromisoformat(last)
            when = EventDate(start, end, Precision(precision) if precision else None, method)
            stories.append(StoryRow(key, way, start, end, when, cameo, article))
        return stories

    def article_placement(self, article_id: str) -> EventDate | None:
        """The date of a dated story that placed one of an undated article's reports, if one did."""
        self._write()
        row = self._db.execute(
            """SELECT stories.date_start, stories.date_end, stories.precision, stories.date_method
            FROM events JOIN story_events ON story_events.event_id = events.id
            JOIN stories ON stories.id = story_events.story_id
            WHERE events.article_id = ? AND story_events.placed = 1 ORDER BY stories.date_start, stories.id LIMIT 1""",
            (article_id,),
        ).fetchone()
        return stored_when(*row) if row else None

    def add_story(self, event: Event, countries: str, negated: bool, direction: str) -> str:
        key = hashlib.blake2b(event.id.encode(), digest_size=8).hexdigest()
        start, end, long_span = _bounds(event.when)
        added = self._lookup(
            """INSERT INTO stories (id, event, countries, negated, direction, date_start, date_end, precision,
                date_method, first_event, long_span) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
            (key, event.event, countries, int(negated), direction, start, end,
             event.when.precision.value if event.when.precision else None, event.when.method, event.id, long_span),
        )  # fmt: skip
        if added.rowcount:
            self._new_stories.append(key)
        self.attach(key, event, placed=False)
        return key

    def narrow_story(self, story_id: str, when: EventDate) -> None:
        """Date a story more precisely; the agreement stages and project milestones its reports date move with it."""
        start, end, long_span = _bounds(when)
        self._write()
        self._db.execute(
            """UPDATE stories SET date_start = ?, date_end = ?, precision = ?, date_method = ?, long_span = ?, stale = 1
            WHERE id = ?""",
            (start, end, when.precision.value if when.precision else None, when.method, long_span, story_id),
        )
        self._linked.redated.add(story_id)
        self._db.execute(
            """UPDATE project_counts SET stale = 1 WHERE stale = 0 AND project IN (SELECT project FROM project_events
            WHERE event_id IN (SELECT event_id FROM story_events WHERE story_id = ?))""",
            (story_id,),
        )

    def attach(self, story_id: str, event: Event, *, placed: bool) -> None:
        """Put a report in a story; written with the others before anything reads the reports of stories."""
        self._attached[event.id] = (event.id, story_id, event.evidence.article_id, int(placed))
        self._linked.events[event.id] = event

    def _write(self) -> None:
        """The reports put in stories since the last write, and their stories marked stale, in one round trip
        each (two statements an event, one at a time, were two in five of linking's round trips to PostgreSQL)."""
        if not self._attached:
            return
        rows = list(self._attached.values())
        self._db.executemany(
            """INSERT INTO story_events VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE
            SET story_id = excluded.story_id, article_id = excluded.article_id, placed = excluded.placed""",
            rows,
        )
        stories = sorted({story_id for _, story_id, _, _ in rows})
        self._db.executemany("UPDATE stories SET stale = 1 WHERE id = ? AND stale = 0", [(key,) for key in stories])
        self._attached.clear()

    # -- registry -----------------------------------------------------------

    def agreement_candidates(self, countries: str, topic: str) -> list[tuple[str, Signed]]:
        """(id, days of signing) of registry entries about ``topic`` between ``countries``."""
        rows = self._db.execute(
            "SELECT id, signed, last_signed FROM agreements WHERE countries = ? AND topic = ? ORDER BY id",
            (countries, topic),
        )
        return [(key, _signed(first, last)) for key, first, last in rows]

    def agreements_reported_in(self, article_id: str, countries: str) -> list[tuple[str, str, str, Signed]]:
        """(id, topic, stage, days of signing) of the entries between ``countries`` that ``article_id`` reports,
        one row per stage it reports (read from the article's events, through their indexes, and filtered here)."""
        rows = self._db.execute(
            """SELECT DISTINCT agreements.id, agreements.countries, agreements.topic, agreement_events.stage,
                agreements.signed, agreements.last_signed
            FROM events
            JOIN agreement_events ON agreement_events.event_id = events.id
            JOIN agreements ON agreements.id = agreement_events.agreement_id
            WHERE events.article_id = ?""",
            (article_id,),
        )
        return sorted(
            (key, topic, stage, _signed(first, last))
            for key, between, topic, stage, first, last in rows
            if between == countries
        )

    def add_agreement(self, key: str, countries: str, topic: str, context: str) -> None:
        added = self._db.execute(
            "INSERT INTO agreements (id, countries, topic, context) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (key, countries, topic, context),
        )
        if added.rowcount:
            parties.write(self._db, "agreement", [(key, countries.split(), None, False)])

    def attach_agreement(
        self, agreement_id: str, event: Event, *, stage: str, kind: str, phrase: str, value: str | None,
        when: date | None,
    ) -> None:  # fmt: skip
        """Link ``event`` to an entry as one of its stages; a signing dated ``when`` dates the entry's signature.

        A new report is added to the entry's kept summary when the batch is counted; one told again differently
        has the entry summed up anew from all its reports.
        """
        added = self._db.execute(
            "INSERT INTO agreement_events VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (agreement_id, event.id, event.evidence.article_id, stage, kind, phrase, value),
        )
        if added.rowcount:
            self._linked.reports.setdefault(agreement_id, []).append(event.id)
        else:
            self._db.execute(
                """UPDATE agreement_events SET article_id = ?, stage = ?, kind = ?, phrase = ?, value = ?
                WHERE agreement_id = ? AND event_id = ?""",
                (event.evidence.article_id, stage, kind, phrase, value, agreement_id, event.id),
            )
            self._db.execute("UPDATE agreements SET stale = 1 WHERE id = ? AND stale = 0", (agreement_id,))
        if stage == "signed" and when is not None:
            day = when.isoformat()
            self._db.execute(
                """UPDATE agreements SET signed = CASE WHEN signed IS NULL OR signed > ? THEN ? ELSE signed END,
                    last_signed = CASE WHEN last_signed IS NULL OR last_signed < ? THEN ? ELSE last_signed END
                WHERE id = ? AND (signed IS NULL OR signed > ? OR last_signed IS NULL OR last_signed < ?)""",
                (day, day, day, day, agreement_id, day, day),
            )

    def attach_project(self, project: str, event: Event) -> None:
        self._db.execute(
            """INSERT INTO project_events VALUES (?, ?, ?)
            ON CONFLICT (project, event_id) DO UPDATE SET article_id = excluded.article_id""",
            (project, event.id, event.evidence.article_id),
        )
        self._db.execute(
            "INSERT INTO project_counts (project) VALUES (?) ON CONFLICT (project) DO UPDATE SET stale = 1", (project,)
        )
