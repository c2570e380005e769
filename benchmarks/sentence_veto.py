"""Would a fast learned sentence model, reviewing the rules' events, raise real-news accuracy?

    python benchmarks/sentence_veto.py --texts ../realnews/texts     # needs scikit-learn (bench extra)

An experiment, not a shipped component. Each sentence of the real-news set's
development part that names a party becomes hashed word and word-pair
features (parties masked by their kind), labelled with the gold types told in
it; the first sentences of the NGEC synthetic stories (MIT) are added with
their story's type. A one-vs-rest logistic regression per type is trained in
five folds of articles, and each rule event whose sentence the held-out model
finds unlikely to tell its type (probability under a threshold) is vetoed.
Prints the out-of-fold type + pair precision, recall and F1 of the
development part at each threshold, the rules alone at 0. The test part is
never read. Fixed seed; a few minutes on one core.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import zipfile
import zlib
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from bilateral.actors import gazetteer, recognise
from bilateral.actors.fold import fold
from bilateral.evaluate import dev, realnews
from bilateral.ontology import EVENTS
from bilateral.read import read_text
from bilateral.records import Event, Field, Mention, Sentence
from bilateral.repair import repair

SEED = 20261204
BUCKETS = 1 << 18
NGEC = "ngec_synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip"
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|_[a-z]+_")


def features(sentence: Sentence, mentions: Sequence[Mention]) -> list[int]:
    pieces, at = [], sentence.start
    for mention in sorted(mentions, key=lambda mention: mention.start):
        pieces += [fold(sentence.text[at - sentence.start : mention.start - sentence.start]), f" _{mention.kind}_ "]
        at = mention.end
    words = _WORD.findall("".join([*pieces, fold(sentence.text[at - sentence.start :])]))
    grams = [*words, *(f"{a} {b}" for a, b in pairwise(words))]
    return sorted({zlib.crc32(gram.encode()) & (BUCKETS - 1) for gram in grams})


def inside(sentence: Sentence, mentions: Sequence[Mention]) -> list[Mention]:
    return [m for m in mentions if m.field is Field.TEXT and m.country and sentence.start <= m.start < sentence.end]


def matrix(rows: Sequence[list[int]]) -> csr_matrix:
    columns = np.fromiter((column for row in rows for column in row), dtype=np.int64)
    starts = np.repeat(np.arange(len(rows)), [len(row) for row in rows])
    return csr_matrix((np.ones(len(columns), dtype=np.float32), (starts, columns)), shape=(len(rows), BUCKETS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=None)
    parser.add_argument("--realnews", type=Path, default=Path("eval/realnews"))
    parser.add_argument("--gold", type=Path, default=Path("../shared/gold"))
    options = parser.parse_args()
    texts = realnews.texts_folder(options.texts)
    golds = realnews.development(options.realnews, texts)
    predictions, coded = dev.code_articles(golds)
    readings = dict(coded)
    rows: list[tuple[int, list[int], set[str]]] = []  # article, features, gold types told
    for index, gold in enumerate(golds):
        reading = readings[gold.article].reading
        for sentence in (s for s in reading.sentences if s.field is Field.TEXT):
            parties = inside(sentence, reading.mentions)
            if parties:
                told = {
                    e.event
                    for e in gold.events
                    if e.quote and " ".join(e.quote.split()) in " ".join(sentence.text.split())
                }
                rows.append((index, features(sentence, parties), told))
    actors = gazetteer()
    with zipfile.ZipFile(options.gold / NGEC) as archive:
        stories = list(csv.DictReader(io.TextIOWrapper(archive.open(archive.namelist()[0]), "utf-8")))
    for story in stories:
        reading = recognise(repair(read_text(story["text"])), actors)
        first = next((s for s in reading.sentences if s.field is Field.TEXT), None)
        if first is not None and story["label"] in EVENTS:
            rows.append((-1, features(first, inside(first, reading.mentions)), {story["label"]}))
    order = list(range(len(golds)))
    random.Random(SEED).shuffle(order)
    likely: dict[tuple[int, int], dict[str, float]] = {}  # (article, sentence start) → type → probability
    for fold_number in range(5):
        held = set(order[fold_number::5])
        train = [row for row in rows if row[0] not in held]
        x = matrix([row[1] for row in train])
        models = {}
        for label in EVENTS:
            y = np.array([label in row[2] for row in train])
            if y.any():
                models[label] = LogisticRegression(max_iter=2000, random_state=SEED).fit(x, y)
        for index in held:
            reading = readings[golds[index].article].reading
            for sentence in (s for s in reading.sentences if s.field is Field.TEXT):
                column = matrix([features(sentence, inside(sentence, reading.mentions))])
                likely[(index, sentence.start)] = {
                    label: float(model.predict_proba(column)[0, 1]) for label, model in models.items()
                }
    print(f"{len(golds)} development articles, {sum(row[0] >= 0 for row in rows)} sentences, {len(stories)} NGEC")
    for veto in (0.0, 0.02, 0.05, 0.1, 0.2, 0.3):
        kept = []
        for index, (events, window) in enumerate(predictions):
            starts = [s.start for s in readings[golds[index].article].reading.sentences if s.field is Field.TEXT]
            kept.append((tuple(e for e in events if not vetoed(e, index, starts, likely, veto)), window))
        got = dev.score(golds, kept).metrics
        print(f"veto {veto:.2f}: P {got['pair_precision']:.3f} R {got['pair_recall']:.3f} F1 {got['pair_f1']:.3f}")


def vetoed(
    event: Event, index: int, starts: list[int], likely: dict[tuple[int, int], dict[str, float]], veto: float
) -> bool:
    start = max((s for s in starts if s <= event.evidence.start), default=None)
    probabilities = likely.get((index, start)) if start is not None else None
    return probabilities is not None and probabilities.get(event.event, 0.0) < veto


if __name__ == "__main__":
    main()
