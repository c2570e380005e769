"""ICEWS-style TSV: the 20 columns of the ICEWS Coded Event Data files, with a header row.

The column list is the header of the ICEWS Coded Event Data yearly files (Harvard Dataverse,
doi:10.7910/DVN/28075). ICEWS codes dyads, so an event is one row per directed (source
country, target country) pair, as in the GDELT export (``pairs.directed_pairs``); Event ID is
the same stable integer per row. Countries are named, not coded (ICEWS writes "Turkey", not
TUR), by the bundled actor files' names; Event Text is the CAMEO label of the event's code;
Intensity its Goldstein score; Story ID the article the event was read in. Event Date is the
event's day (stated, or placed by its dated story; an event with no known day is left out,
see ``days.py``). Sentence Number, District and Province are left empty: we do not keep them.
Values are never quoted (tabs and line breaks inside them become spaces).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from bilateral.export.codes import country_names, party_name
from bilateral.export.gdelt import event_number
from bilateral.export.pairs import by_country, directed_pairs
from bilateral.export.tsv import write_rows
from bilateral.ontology import cameo
from bilateral.records import Party, SourcedEvent

COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip


def _party(code: str | None, party: Party | None) -> list[str]:
    if code is None or party is None:
        return ["", "", ""]
    return [party_name(party), party.sector or "", country_names().get(code, code)]


def icews_rows(item: SourcedEvent) -> Iterator[list[str]]:
    """The rows of one event, one per directed country pair (none for an event with no country)."""
    event, article, day = item.event, item.article, item.when.day
    actors, recipients = by_country(event.actor), {**by_country(event.actor), **by_country(event.recipient)}
    is_city = event.location is not None and event.latitude is not None
    place = [
        (event.location or "") if is_city else "",
        "",
        "",
        country_names().get(event.location_country, event.location_country) if event.location_country else "",
        "" if event.latitude is None else f"{event.latitude:.4f}",
        "" if event.longitude is None else f"{event.longitude:.4f}",
    ]
    for actor, recipient in directed_pairs(event):
        yield [
            event_number(event.id, actor, recipient),
            day.isoformat() if day else "",
            *_party(actor, actors[actor]),
            cameo(event.cameo).label,
            event.cameo,
            f"{event.goldstein:g}",
            *_party(recipient, recipients.get(recipient or "")),
            article.id,
            "",
            article.source or "",
            *place,
        ]


def write(items: Iterable[SourcedEvent], out: TextIO) -> int:
    """Write the header and the rows of every event; return how many rows."""
    return write_rows((row for item in items for row in icews_rows(item)), out, header=COLUMNS)
