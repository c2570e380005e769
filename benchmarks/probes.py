"""How the rules read the team's wording probes (eval/probes/README.md): type + countries, sentence by sentence.

    python benchmarks/probes.py
    python benchmarks/probes.py --misses

Events annotated as hypothetical or negated, and coded events of those modalities, background history and acts
at home, are left out on both sides: the probes ask whether a told act is read, with its parties.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from bilateral.actors import gazetteer
from bilateral.code import code_text
from bilateral.records import Event, Modality, Scope

PROBES = Path(__file__).parents[1] / "eval" / "probes"
ON = date(2025, 3, 14)  # the day the sentences are read as published: their leaders' tenures hold then
TOLD = frozenset({"asserted", "future", "reported"})

Key = tuple[str, frozenset[str]]


def told(event: Event) -> bool:
    return not event.background and event.scope is not Scope.DOMESTIC and event.modality.value in TOLD


def coded_keys(events: tuple[Event, ...]) -> set[Key]:
    return {
        (event.event, frozenset(p.country for p in (*event.actor, *event.recipient) if p.country))
        for event in events
        if told(event)
    }


def annotated_keys(record: dict[str, object]) -> set[Key]:
    events = record.get("events") or []
    assert isinstance(events, list)
    return {
        (str(event["event"]), frozenset(event["actor"]) | frozenset(event["recipient"]))
        for event in events
        if event.get("modality", Modality.ASSERTED.value) in TOLD
    }


def label(keys: set[Key]) -> list[str]:
    return sorted(f"{kind} {'+'.join(sorted(countries))}" for kind, countries in keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print every sentence coded otherwise than annotated")
    options = parser.parse_args()
    actors = gazetteer()
    for path in sorted(PROBES.glob("*.jsonl")):
        right = extra = missed = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            wanted, got = annotated_keys(record), coded_keys(code_text(str(record["text"]), actors, on=ON))
            right, extra, missed = right + len(wanted & got), extra + len(got - wanted), missed + len(wanted - got)
            if options.misses and wanted != got:
                print(f"  {record['text']}\n    annotated {label(wanted - got)}  coded {label(got - wanted)}")
        precision = right / (right + extra) if right + extra else 0.0
        recall = right / (right + missed) if right + missed else 0.0
        print(f"{path.stem:10s} P {precision:.3f} R {recall:.3f} ({right} right, {extra} extra, {missed} missed)")


if __name__ == "__main__":
    main()
