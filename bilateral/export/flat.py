"""One flat row per event: the columns of the CSV and Parquet exports and of ``bilateral.frames``.

Lists (parties, contexts) are joined with "; "; parties are given by
country code, name and sector in three parallel columns. ``joint`` is true
for a joint act (every party in ``actor_*``, no recipient). ``date``/``date_end``
with ``date_precision`` are the event's own date (an undated report's office-holder
window, never a day on its own); ``placed_on`` is the day its dated story placed
such a report on. ``story``, ``n_articles`` and ``n_sources`` are its story's.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from typing import TextIO

from bilateral.export.codes import party_name
from bilateral.export.links import source_link
from bilateral.records import Party, SourcedEvent

SEPARATOR = "; "

Value = str | int | float | bool | date | None

# (column, type): the type names the Parquet schema uses.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("date", "date"), ("date_end", "date"), ("date_precision", "string"),
    ("date_method", "string"), ("placed_on", "date"), ("published", "date"),
    ("event", "string"), ("mode", "string"), ("contexts", "string"),
    ("cameo", "string"), ("goldstein", "float"), ("quad", "int"), ("modality", "string"),
    ("actor_countries", "string"), ("actor_names", "string"), ("actor_sectors", "string"),
    ("recipient_countries", "string"), ("recipient_names", "string"), ("recipient_sectors", "string"),
    ("joint", "bool"),
    ("location", "string"), ("location_country", "string"), ("latitude", "float"), ("longitude", "float"),
    ("background", "bool"), ("confidence", "float"),
    ("article_id", "string"), ("field", "string"), ("start", "int"), ("end", "int"), ("quote", "string"),
    ("cue", "string"), ("url", "string"), ("outlet", "string"),
    ("story", "string"), ("n_articles", "int"), ("n_sources", "int"),
    ("coder", "string"), ("coder_version", "string"), ("codebook", "string"),
)  # fmt: skip
NAMES = tuple(name for name, _ in COLUMNS)


def _join(values: Iterable[str | None]) -> str:
    """Values joined in order, empty ones kept in place (the columns run parallel); "" if all are empty."""
    parts = [value or "" for value in values]
    return SEPARATOR.join(parts) if any(parts) else ""


def _parties(parties: tuple[Party, ...]) -> tuple[str, str, str]:
    return (
        _join(party.country for party in parties),
        _join(party_name(party) for party in parties),
        _join(party.sector for party in parties),
    )


def flat_row(item: SourcedEvent) -> tuple[Value, ...]:
    """The values of one event in ``COLUMNS`` order."""
    event, article, evidence = item.event, item.article, item.event.evidence
    joint = not event.recipient and len({party.country for party in event.actor if party.country}) > 1
    links = item.links
    return (
        event.id, event.when.start, event.when.end, event.when.precision.value if event.when.precision else None,
        event.when.method, item.when.day if item.when.placed else None, event.published,
        event.event, event.mode, _join(event.contexts),
        event.cameo, event.goldstein, event.quad, event.modality.value,
        *_parties(event.actor), *_parties(event.recipient), joint,
        event.location, event.location_country, event.latitude, event.longitude,
        event.background, event.confidence,
        evidence.article_id, evidence.field.value, evidence.start, evidence.end, evidence.quote, evidence.cue,
        source_link(article) or None, article.source,
        links.story if links else None, links.n_articles if links else 1, links.n_sources if links else 1,
        event.coder, event.coder_version, event.codebook,
    )  # fmt: skip


def write_csv(items: Iterable[SourcedEvent], out: TextIO) -> int:
    """Write a header and one row per event (dates ISO, missing values empty); return how many."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(NAMES)
    count = 0
    for item in items:
        writer.writerow(["" if value is None else value for value in flat_row(item)])
        count += 1
    return count
