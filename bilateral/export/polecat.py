"""POLECAT-style TSV: POLECAT's column set, one event per row, with a header row.

The column list is the header of the POLECAT weekly event files (Harvard
Dataverse, "POLECAT Weekly Data", doi:10.7910/DVN/AJGVIT, 2023 releases):
40 columns, tab-separated. Several parties in one role are joined with "; "
as POLECAT does; a value we do not have is left empty. ``Event Date`` is the
event's day (stated, or placed by its dated story; an event with no known day is
left out, see ``days.py``); ``GeoNames ID`` is filled where the coordinates are
GeoNames' (``places.py``). Values are never quoted (tabs and line breaks inside
them become spaces): read with quoting off.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from bilateral.export.codes import cow, party_name
from bilateral.export.tsv import write_rows
from bilateral.ontology import quad_name
from bilateral.places import geonames_id
from bilateral.records import ActorKind, Party, SourcedEvent

COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)  # fmt: skip

SEPARATOR = "; "


def _join(values: Iterable[object]) -> str:
    return SEPARATOR.join(str(value) for value in values if value not in (None, ""))


def _parties(parties: tuple[Party, ...]) -> list[str]:
    sectors = [party.sector for party in parties if party.sector]
    return [
        _join(party_name(party) for party in parties),
        _join(dict.fromkeys(party.country for party in parties)),
        _join(dict.fromkeys(cow(party.country) for party in parties)),
        sectors[0] if sectors else "",
        _join(dict.fromkeys(sectors)),
        _join(party.office for party in parties),
        _join(party.text for party in parties),
        "",
    ]


def polecat_row(item: SourcedEvent) -> list[str]:
    """The 40 POLECAT columns of one event."""
    event, article, day = item.event, item.article, item.when.day
    parties = (*event.actor, *event.recipient)
    is_city = event.location is not None and event.latitude is not None
    geonames = (
        geonames_id(event.location, event.latitude, event.longitude)
        if event.location and event.latitude is not None and event.longitude is not None
        else None
    )
    return [
        event.id,
        day.isoformat() if day else "",
        event.event,
        event.mode or "",
        f"{event.goldstein:g}",
        quad_name(event.quad).upper(),
        _join(event.contexts),
        *_parties(event.actor),
        *_parties(event.recipient),
        event.location or "",
        (event.location or "") if is_city else "",
        "",
        "",
        event.location_country or "",
        "" if event.latitude is None else f"{event.latitude:.4f}",
        "" if event.longitude is None else f"{event.longitude:.4f}",
        "" if geonames is None else str(geonames),
        event.location or "",
        "PPL" if is_city else "",
        article.source or "",
        article.published.isoformat() if article.published else "",
        _join(dict.fromkeys(party.name for party in parties if party.kind is ActorKind.PERSON)),
        _join(dict.fromkeys(party.name for party in parties if party.kind in (ActorKind.ORGANISATION, ActorKind.IGO))),
        event.location or "",
        article.language or "",
        f"{event.coder} {event.coder_version}".strip(),
    ]


def write(items: Iterable[SourcedEvent], out: TextIO) -> int:
    """Write the header and one row per event; return how many events."""
    return write_rows((polecat_row(item) for item in items), out, header=COLUMNS)
