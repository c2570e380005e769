"""PLOVER JSON lines: one event per line with PLOVER's field names, plus our evidence.

Field names follow the "Data Fields" chapter of the PLOVER manual
(openeventdata/PLOVER, PLOVER_MANUAL.tex): ``id``, ``date``/``enddate``,
``actor``/``recipient`` as lists of entity objects (``code``, ``sector``,
``entity_text``, ``identifier_text``, ``office``), ``event``, ``mode`` and
``context`` as lists, ``quad_code``, ``event_scale``, ``event_loc``,
``event_text``, ``text_info``, ``cite_info``, ``coder``. Our own fields sit
beside them under names PLOVER does not use.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from bilateral.export.links import source_link
from bilateral.records import Modality, Party, SourcedEvent
from bilateral.serialise import event_dict, links_dict

# Where PLOVER wants the auxiliary modes: in ``context`` (manual, "auxiliary modes").
_AUXILIARY = {Modality.FUTURE: "future", Modality.HYPOTHETICAL: "hypothetical", Modality.NEGATED: "negation"}
REQUIRED = ("id", "date", "actor", "event")


def _entity(party: Party) -> dict[str, Any]:
    return {
        "code": party.country,
        "sector": party.sector,
        "entity_text": party.text,
        "identifier_text": party.name,
        "office": party.office,
        "kind": party.kind.value,
    }


def plover_record(item: SourcedEvent) -> dict[str, Any]:
    """The PLOVER JSON object of one event."""
    event, article = item.event, item.article
    ours = event_dict(event)
    context = list(event.contexts)
    if event.modality in _AUXILIARY:
        context.append(_AUXILIARY[event.modality])
    if event.background:
        context.append("historical")
    return {
        "id": event.id,
        "has_event": True,
        "date": ours["date"],
        "enddate": ours["date_end"],
        "actor": [_entity(party) for party in event.actor],
        "recipient": [_entity(party) for party in event.recipient],
        "event": [event.event],
        "mode": [event.mode] if event.mode else [],
        "context": context,
        "quad_code": event.quad,
        "event_scale": event.goldstein,
        "event_loc": {
            "extracted_place": event.location,
            "lat": event.latitude,
            "lon": event.longitude,
            "country_code": event.location_country,
        }
        if event.location or event.location_country
        else None,
        "event_text": [event.evidence.quote],
        "text_info": {"field": event.evidence.field.value, "start": event.evidence.start, "end": event.evidence.end},
        "cite_info": {
            "citation": article.id,
            "url": source_link(article) or None,
            "title": article.title,
            "language": article.language,
            "publication": article.source,
            "coder": f"{event.coder} {event.coder_version}".strip(),
            "codebook": event.codebook,
        },
        "coder": event.coder,
        "story": links_dict(item.links, event) if item.links else None,
        # Ours, beside PLOVER's: CAMEO and Goldstein (event_scale is the Goldstein score), how the date was
        # worked out, modality, the evidence and confidence.
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "modality": event.modality.value,
        "date_precision": ours["date_precision"],
        "date_method": event.when.method,
        "published": ours["published"],
        "evidence": ours["evidence"],
        "confidence": event.confidence,
        "coder_version": event.coder_version,
    }


def write(items: Iterable[SourcedEvent], out: TextIO) -> int:
    """Write one JSON object per line; return how many."""
    count = 0
    for item in items:
        out.write(json.dumps(plover_record(item), ensure_ascii=False) + "\n")
        count += 1
    return count
