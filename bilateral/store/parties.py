"""Who an event, a story or an agreement is between: one ``parties`` row per country, written with the row itself.

``parties (kind, id, country, day, hidden)``, keyed by (kind, id, country) and indexed by (kind, country, day): a
country or a pair is an index look-up, and a page of a country's events, stories or agreements is read in date order
from the index (``day``: an event's or a story's first day, an agreement's first stage's). One table for the three
kinds, rather than one per kind or a table of pairs: one index and one way to ask for any number of countries, and a
story of three countries is three rows, not three pairs. Deleting an event, a story or an agreement deletes its
rows, and a story's new date or an agreement's new first stage moves them (triggers, migration 7).

``hidden`` is 1 for a background event, which lists leave out unless asked. ``party_counts (kind, first, second,
hidden, n)`` counts the rows of each kind per country (``second`` empty) and per pair of countries (``first`` before
``second``): a page's total of a country's or a pair's events, stories or agreements is one look-up, not a count of
its rows. :func:`write` adds what it writes, summed over the whole batch (one upsert per country and pair rather
than a trigger's two per row: migration 10); a trigger on deletion takes back what goes (migration 9).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import combinations

from bilateral.store.dialect import Database


def write(db: Database, kind: str, rows: Iterable[tuple[str, Iterable[str], str | None, bool]]) -> None:
    """The countries of each (id, countries, day, hidden), for ids written now: an event, a story or an agreement
    is only ever inserted (a re-coded article's events are deleted first, and their rows go with them), so there is
    nothing to replace, and a row already there is an error, not a silent double count."""
    unique = {key: (sorted({c for c in countries if c}), day, hidden) for key, countries, day, hidden in rows}
    db.executemany(
        "INSERT INTO parties (kind, id, country, day, hidden) VALUES (?, ?, ?, ?, ?)",
        [(kind, key, country, day, int(hidden)) for key, (countries, day, hidden) in unique.items()
         for country in countries],
    )  # fmt: skip
    counts: Counter[tuple[str, str, int]] = Counter()
    for countries, _, hidden in unique.values():
        counts.update((country, "", int(hidden)) for country in countries)
        counts.update((first, second, int(hidden)) for first, second in combinations(countries, 2))
    db.executemany(
        """INSERT INTO party_counts VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (kind, first, second, hidden) DO UPDATE SET n = party_counts.n + excluded.n""",
        [(kind, first, second, hidden, n) for (first, second, hidden), n in counts.items()],
    )
