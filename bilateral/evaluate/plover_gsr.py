"""The PLOVER gold standard: CAMEO-manual sentences coded in PLOVER.

The file is a JSON array of records (``event``, ``text``, ``source`` and
``target`` lists of ``{actorText, code, sector}``). It predates PLOVER 2021,
so four labels are renamed. Each sentence is coded on its own; the
prediction is the first event the coder returns, or ``none``. Besides
accuracy over all records, two diagnostics say where the misses lie: type
accuracy over the sentences the coder coded, and over the records whose
gold names two different known parties, states or international organisations
(``two_states``: the coder's scope, acts between such parties; many records
are one country's domestic or one-party acts).

Actors are scored where the record names them with codes we know
(``IGO``, ``NGO``, ``IMG`` and the like name no state, and leave that side
unscored; three old CAMEO codes are mapped to ISO). A reciprocal record holds
both parties in ``source`` with ``target`` empty: its actor is right when the
event's parties, actor and recipient together, are the same set. Nine records
carry a stray string in ``target``: their recipient is not scored. Where
the gold codes a visit from the host's side (mode ``host``, one guest), the
sides are swapped to our convention, in which the visitor is the actor.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilateral.code.model import Model
from bilateral.errors import FormatError
from bilateral.evaluate.metrics import (
    NONE,
    Metrics,
    Mistake,
    Report,
    accuracy,
    label_tallies,
    macro_f1,
    per_label,
    ratio,
)
from bilateral.evaluate.petrarch2_gsr import known_codes
from bilateral.records import Event, Party

FOLDER = "plover_gsr"
RECORDS = "PLOVER_GSR_CAMEO.txt"
LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
QUADS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}


@dataclass(frozen=True, slots=True)
class Sample:
    """One gold sentence; a side is ``None`` where it cannot be scored."""

    id: str
    text: str
    event: str
    source: frozenset[str] | None
    target: frozenset[str] | None
    reciprocal: bool = False


def read_samples(path: Path, known: Collection[str]) -> list[Sample]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FormatError(f"cannot read: {error}", origin=str(path)) from error
    if not isinstance(records, list):
        raise FormatError("expected a JSON array of records", origin=str(path))
    samples: list[Sample] = []
    for record in records:
        if not isinstance(record, dict) or not record.get("text") or record.get("event") == "DOCUMENT":
            continue
        event = str(record["event"])
        source = _side(record.get("source"), known)
        raw_target = record.get("target")
        target = _side(raw_target, known) if isinstance(raw_target, list) and raw_target else None
        reciprocal = raw_target in (None, "", []) and len(source or ()) > 1
        if record.get("mode") == "host" and target is not None and len(target) == 1:
            source, target = target, source  # our convention: the visitor acts, the host receives
        samples.append(
            Sample(str(record["id"]), str(record["text"]), LABELS.get(event, event), source, target, reciprocal)
        )
    return samples


def _side(actors: Any, known: Collection[str]) -> frozenset[str] | None:
    if not isinstance(actors, list) or not actors:
        return None
    codes = [actor.get("code") if isinstance(actor, dict) else None for actor in actors]
    if not all(isinstance(code, str) for code in codes):
        return None
    mapped = frozenset(OLD_CODES.get(str(code), str(code)) for code in codes)
    return mapped if mapped <= frozenset(known) else None


def countries(parties: Iterable[Party]) -> frozenset[str]:
    return frozenset(party.country for party in parties if party.country)


def score(samples: Collection[Sample], predictions: Iterable[tuple[Event, ...]]) -> Report:
    """Type accuracy and per-type figures on the first event; actor and recipient accuracy."""
    pairs: list[tuple[str, str]] = []
    between: list[tuple[str, str]] = []  # records of an act between two known states or IGOs: the coder's scope
    actor_right = actor_total = recipient_right = recipient_total = quad_right = 0
    mistakes: list[Mistake] = []
    for sample, events in zip(samples, predictions, strict=True):
        first = events[0] if events else None
        predicted = first.event if first else NONE
        pairs.append((sample.event, predicted))
        if len((sample.source or frozenset()) | (sample.target or frozenset())) >= 2:
            between.append((sample.event, predicted))
        quad_right += QUADS.get(predicted) == QUADS.get(sample.event)
        actors = countries(first.actor) if first else frozenset()
        recipients = countries(first.recipient) if first else frozenset()
        right = predicted == sample.event
        if sample.source is not None:
            actor_total += 1
            actor_ok = (actors | recipients if sample.reciprocal else actors) == sample.source
            actor_right += actor_ok
            right = right and actor_ok
        if sample.target is not None:
            recipient_total += 1
            recipient_ok = recipients == sample.target
            recipient_right += recipient_ok
            right = right and recipient_ok
        if not right:
            gold = f"{sample.event} {_pair(sample.source, sample.target, joint=sample.reciprocal)}"
            guess = f"{predicted} {_pair(actors, recipients, joint=False)}" if first else NONE
            mistakes.append(Mistake(sample.id, sample.text, gold, guess))
    tallies = label_tallies(pairs)
    gold_labels = sorted({sample.event for sample in samples})
    metrics: Metrics = {
        "sentences": len(pairs),
        "accuracy": accuracy(pairs),
        "macro_f1": macro_f1(tallies, gold_labels),
        "quad_accuracy": ratio(quad_right, len(pairs)),
        "coded": sum(guess != NONE for _, guess in pairs),
        "coded_accuracy": accuracy(pairs, coded_only=True),
        "two_states": len(between),
        "two_states_accuracy": accuracy(between),
        "actor_accuracy": ratio(actor_right, actor_total),
        "actor_scored": actor_total,
        "recipient_accuracy": ratio(recipient_right, recipient_total),
        "recipient_scored": recipient_total,
    }
    return Report(metrics | per_label(tallies, "type"), tuple(mistakes))


def _pair(actors: frozenset[str] | None, recipients: frozenset[str] | None, *, joint: bool) -> str:
    left = "+".join(sorted(actors)) if actors else "?"
    if joint:
        return f"{left} (joint)"
    return f"{left}>{'+'.join(sorted(recipients)) if recipients else '-'}"


def run(gold: Path, *, model: Model = Model.OFF) -> Report:
    """Code each sentence with the default gazetteer and score it."""
    from bilateral.actors import gazetteer
    from bilateral.code import code_text

    actors = gazetteer()
    samples = read_samples(gold / FOLDER / RECORDS, known_codes(actors))
    return score(samples, (code_text(sample.text, actors, model=model) for sample in samples))
