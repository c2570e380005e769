"""Where the coder goes wrong on real news, by kind, and what a perfect sentence-level model would fix.

    python benchmarks/realnews_errors.py --texts ../realnews/texts

Reads the real-news set's development part only (the test part is never read,
so this can guide work without tuning on it). Each gold event the coder misses
and each event it adds is put in one bin by what the coder did in that
sentence: nothing at all, the right type with other parties, the right parties
with another type, or both wrong. Then the ceiling of a perfect sentence-level
veto: every wrong event whose type no annotated event of its sentence has is
dropped, the rest kept as coded. Prints the development part's type + pair
precision and recall before and after, and the bins.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bilateral.evaluate import dev, realnews
from bilateral.records import Event, Scope

_SHARED = 0.6  # the share of the shorter text's words the two must have in common


def flat(text: str) -> str:
    return " ".join(text.split())


def countries(event: Event) -> frozenset[str]:
    return frozenset(party.country for party in (*event.actor, *event.recipient) if party.country)


def together(quote: str, sentence: str) -> bool:
    """Whether an annotated quote and a coded sentence are mostly the same words (their cuts differ)."""
    first, second = set(quote.lower().split()), set(sentence.lower().split())
    return bool(first and second) and len(first & second) >= _SHARED * min(len(first), len(second))


def kind(same_type: bool, same_parties: bool, anything: bool) -> str:
    if same_type:
        return "the right type, other parties"
    if same_parties:
        return "the right parties, another type"
    return "another type and other parties" if anything else "nothing coded there / nothing annotated there"


def bins(golds: Sequence[dev.Annotated], predictions: Sequence[dev.Prediction]) -> tuple[Counter[str], Counter[str]]:
    missed: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    for gold, (events, _) in zip(golds, predictions, strict=True):
        coded = [event for event in events if not event.background and event.scope is not Scope.DOMESTIC]
        coded_keys = {(event.event, countries(event)) for event in coded}
        gold_keys = {(event.event, event.actor | event.recipient) for event in gold.events}
        for event in gold.events:
            parties = event.actor | event.recipient
            if (event.event, parties) in coded_keys:
                continue
            there = [other for other in coded if together(flat(event.quote), flat(other.evidence.quote))]
            missed[
                kind(
                    any(other.event == event.event for other in there),
                    any(countries(other) == parties for other in there),
                    bool(there),
                )
            ] += 1
        for event in coded:
            if (event.event, countries(event)) in gold_keys:
                continue
            there = [other for other in gold.events if together(flat(other.quote), flat(event.evidence.quote))]
            extra[
                kind(
                    any(other.event == event.event for other in there),
                    any(other.actor | other.recipient == countries(event) for other in there),
                    bool(there),
                )
            ] += 1
    return missed, extra


def vetoed(golds: Sequence[dev.Annotated], predictions: Sequence[dev.Prediction]) -> list[dev.Prediction]:
    """What a perfect sentence-level veto leaves: a coded event that is wrong goes where no annotated
    event of its sentence has its type (a right one is kept even where the annotators quoted another
    sentence of the article that tells it)."""
    kept = []
    for gold, (events, window) in zip(golds, predictions, strict=True):
        keys = {(event.event, event.actor | event.recipient) for event in gold.events}
        told = [
            event
            for event in events
            if (event.event, countries(event)) in keys
            or any(
                together(flat(other.quote), flat(event.evidence.quote)) and other.event == event.event
                for other in gold.events
            )
        ]
        kept.append((tuple(told), window))
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realnews", type=Path, default=Path("eval/realnews"))
    parser.add_argument("--texts", type=Path, default=None)
    options = parser.parse_args()
    texts = realnews.texts_folder(options.texts)
    golds = realnews.development(options.realnews, texts)
    predictions, _ = dev.code_articles(golds)
    for name, got in (("rules", predictions), ("a perfect sentence-level veto", vetoed(golds, predictions))):
        metrics = dev.score(golds, got).metrics
        print(
            f"{name}: P {metrics['pair_precision']:.3f} R {metrics['pair_recall']:.3f} F1 {metrics['pair_f1']:.3f}"
            f" ({len(golds)} development articles, {metrics['pair_correct']} right)"
        )
    missed, extra = bins(golds, predictions)
    print(f"missed {sum(missed.values())} gold events, by what the coder did in their sentence:")
    for name, count in missed.most_common():
        print(f"  {count:4d}  {name.split(' / ')[0]}")
    print(f"added {sum(extra.values())} events, by what the annotators found in their sentence:")
    for name, count in extra.most_common():
        print(f"  {count:4d}  {name.split(' / ')[-1]}")


if __name__ == "__main__":
    main()
