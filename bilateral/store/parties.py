"""Who an event, a story or an agreement is between: one ``parties`` row per country, written with the row itself.

``parties (kind, id, country, day)``, keyed by (kind, id, country) and indexed by (kind, country, day): a country
or a pair is an index look-up, and a page of a country's events, stories or agreements is read in date order from
the index (``day``: an event's or a story's first day, an agreement's first stage's). One table for the three kinds,
rather than one per kind or a table of pairs: one index and one way to ask for any number of countries, and a
story of three countries is three rows, not three pairs. Deleting an event, a story or an agreement deletes its
rows, and a story's new date or an agreement's new first stage moves them (triggers, migration 7).
"""

from __future__ import annotations

from collections.abc import Iterable

from bilateral.store.dialect import Database


def write(db: Database, kind: str, rows: Iterable[tuple[str, Iterable[str], str | None]]) -> None:
    """The countries of each (id, countries, day), replacing what was there for that id."""
    rows = list(rows)
    db.executemany("DELETE FROM parties WHERE kind = ? AND id = ?", [(kind, key) for key, _, _ in rows])
    db.executemany(
        "INSERT INTO parties VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(kind, key, country, day) for key, countries, day in rows for country in countries if country],
    )
