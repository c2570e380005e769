"""UniversalPetrarch's gold standard: 78 news sentences coded with CAMEO triples.

Each sentence's (source country, target country, CAMEO root) triples are
compared with what the coder finds (:mod:`bilateral.evaluate.petrarch`).
An actor code's country is its first three letters when they form a code
the default gazetteer knows (``TURGOV`` → ``TUR``); the few CAMEO IGO codes
we can name map to ours (``IGOUNO`` → ``UN``); any other code is unknown.
"""

from __future__ import annotations

from pathlib import Path

from bilateral.actors import Gazetteer, gazetteer
from bilateral.code.model import Model
from bilateral.evaluate import petrarch
from bilateral.evaluate.metrics import Report
from bilateral.records import ActorKind, Event

FOLDER = "petrarch2_gsr"
RECORDS = "PETR2_GSR_validation.xml"


def known_codes(actors: Gazetteer) -> frozenset[str]:
    """Every ISO-3 country and IGO code in a gazetteer."""
    return frozenset(
        entry.country
        for entry in actors.entries
        if entry.kind in (ActorKind.COUNTRY, ActorKind.IGO) and entry.country is not None
    )


def run(gold: Path, *, model: Model = Model.OFF) -> Report:
    """Code every sentence with the default gazetteer and score the triples."""
    from bilateral.code import code_text

    actors = gazetteer()
    records = list(petrarch.read_records(gold / FOLDER / RECORDS))

    def predict(record: petrarch.Record) -> tuple[Event, ...]:
        return code_text(record.text, actors, on=record.day, model=model)

    return petrarch.score(records, predict, known_codes(actors))
