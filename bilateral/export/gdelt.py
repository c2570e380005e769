"""GDELT 2.0 event table rows: 61 tab-separated columns, no header, as GDELT ships them.

One row per directed (actor country, recipient country) pair of an event
(see ``pairs.directed_pairs``): a joint act between two countries is two
rows, one each way. Actor*CountryCode columns hold ISO 3166-1 alpha-3 codes
(CAMEO's country codes); the *Geo_CountryCode and *Geo_ADM1Code columns hold
FIPS 10-4 codes, as GDELT's do. Column order and meaning follow the GDELT 2.0
Event Database codebook (V2.0, 2015).

What we do not measure is left empty (AvgTone, the GeoNames feature id, the
second-level admin code); NumArticles and NumSources are the event's story's
articles and independent sources (1 when the event was exported without its
story), and NumMentions its reports (its articles); IsRootEvent is 1 when the evidence is the
title or starts in the first 500 characters of the text (the lead); the actor
locations are the event's location, as the article places the act there;
the date columns hold the event's day (stated, or placed by its dated story: an
event with no known day is left out, see ``days.py``); DATEADDED is when the row's
article was added to the database (UTC), as GDELT's is when it added the row;
SOURCEURL is the article's URL, else a ``file://`` link to the file it was read from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, date
from typing import TextIO

from bilateral.export.codes import fips, party_name
from bilateral.export.links import source_link
from bilateral.export.pairs import by_country, directed_pairs
from bilateral.export.tsv import write_rows
from bilateral.records import ActorKind, Event, Field, Party, SourcedEvent

_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR),
    *(f"Actor2{name}" for name in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO),
    *(f"Actor2Geo_{name}" for name in _GEO),
    *(f"ActionGeo_{name}" for name in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

LEAD = 500  # characters of the text that count as the lead for IsRootEvent

# GDELT geographic resolution: 1 country, 3 US city, 4 world city.
_COUNTRY, _US_CITY, _WORLD_CITY = "1", "3", "4"


def event_number(event_id: str, actor: str, recipient: str | None) -> str:
    """A stable integer id for one directed row (GDELT's GlobalEventID is an integer)."""
    digest = hashlib.blake2b(f"{event_id}|{actor}|{recipient or ''}".encode(), digest_size=8).digest()
    return str(int.from_bytes(digest, "big") >> 4)


def _actor_columns(code: str | None, party: Party | None) -> list[str]:
    if code is None or party is None:
        return [""] * len(_ACTOR)
    is_country = party.kind is not ActorKind.IGO
    sector = party.sector or ("" if is_country else "IGO")  # CAMEO's actor type for intergovernmental bodies
    return [
        code + sector if is_country else code,
        party_name(party).upper(),
        code if is_country else "",
        "" if is_country else code,
        "",
        "",
        "",
        sector,
        "",
        "",
    ]


def _geo_columns(event: Event) -> list[str]:
    country = event.location_country
    if country is None:
        return [""] * len(_GEO)
    code = fips(country)
    if event.latitude is None or event.longitude is None:
        return [_COUNTRY, event.location or country, code, code, "", "", "", ""]
    kind = _US_CITY if country == "USA" else _WORLD_CITY
    name = event.location or ""
    return [kind, name, code, code, "", f"{event.latitude:.4f}", f"{event.longitude:.4f}", ""]


def _fraction(day: date) -> str:
    # GDELT's FractionDate: YEAR + (MONTH * 30 + DAY) / 365, four decimals.
    return f"{day.year + (day.month * 30 + day.day) / 365:.4f}"


def gdelt_rows(item: SourcedEvent) -> Iterator[list[str]]:
    """The rows of one event, one per directed country pair (none for an event with no country)."""
    event, article = item.event, item.article
    day = item.when.day
    added = article.ingested
    actors, recipients = by_country(event.actor), {**by_country(event.actor), **by_country(event.recipient)}
    is_root = event.evidence.field is Field.TITLE or event.evidence.start < LEAD
    geo = _geo_columns(event)
    articles = str(item.links.n_articles) if item.links else "1"
    sources = str(item.links.n_sources) if item.links else "1"
    for actor, recipient in directed_pairs(event):
        yield [
            event_number(event.id, actor, recipient),
            day.strftime("%Y%m%d") if day else "",
            day.strftime("%Y%m") if day else "",
            str(day.year) if day else "",
            _fraction(day) if day else "",
            *_actor_columns(actor, actors[actor]),
            *_actor_columns(recipient, recipients.get(recipient or "")),
            "1" if is_root else "0",
            event.cameo,
            event.cameo[:3],
            event.cameo[:2],
            str(event.quad),
            f"{event.goldstein:g}",
            articles,
            sources,
            articles,
            "",
            *(geo if actor else [""] * len(_GEO)),
            *(geo if recipient else [""] * len(_GEO)),
            *geo,
            added.astimezone(UTC).strftime("%Y%m%d%H%M%S") if added else "",
            source_link(article),
        ]


def write(items: Iterable[SourcedEvent], out: TextIO) -> int:
    """Write the rows of every event (no header); return how many rows."""
    return write_rows((row for item in items for row in gdelt_rows(item)), out)
