"""ConfliBERT's CAMEO training data: a five-way class, and source/target spans.

``cameo_class_train.tsv`` holds ``sentence<TAB>label``: 0 statement or
appeal, 1 verbal and 2 material cooperation, 3 verbal and 4 material
conflict. The predicted class comes from the first event's CAMEO root by ConfliBERT's
own scheme (01–02 → 0, 03–05 → 1, 06–08 → 2, 09–13 and 16 → 3, 14–15 and
17–20 → 4; a STATEMENT is 0), not by GDELT's QuadClass. A sentence with no event is wrong.

``cameo_ner_train.txt`` holds one ``token TAG`` per line, a blank line
between sentences, tags B-/I- of S (source), T (target) and R (reciprocal:
counted as both). Sentences are rebuilt from the tokens with the offsets of
each token kept, the first event's parties are found back in that text by
their surface form, and the token spans they cover are scored against the
gold: exactly, and (more leniently) by overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bilateral.code.model import Model
from bilateral.errors import FormatError
from bilateral.evaluate.metrics import (
    NONE,
    Metrics,
    Mistake,
    Report,
    Tally,
    accuracy,
    label_tallies,
    macro_f1,
    per_label,
)
from bilateral.records import Event

FOLDER = "conflibert_train"
CLASSES = "cameo_class_train.tsv"
SPANS = "cameo_ner_train.txt"
LABELS = ("0", "1", "2", "3", "4")
_GLUED_LEFT = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "%", "'s", "’s", "n't", "-", "”", "’"})
_GLUED_RIGHT = frozenset({"(", "[", "$", "€", "£", "-", "“"})


@dataclass(frozen=True, slots=True)
class Labelled:
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Span:
    role: str  # S or T
    start: int  # token index
    end: int  # exclusive


@dataclass(frozen=True, slots=True)
class Tagged:
    """A sentence rebuilt from its tokens, with each token's offsets and the gold spans."""

    text: str
    offsets: tuple[tuple[int, int], ...]
    spans: frozenset[Span]


def read_classes(path: Path) -> list[Labelled]:
    samples: list[Labelled] = []
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        if label.strip() not in LABELS or not text:
            raise FormatError(f"line {number}: expected sentence<TAB>0-4", origin=str(path))
        samples.append(Labelled(text.strip(), label.strip()))
    return samples


def read_tagged(path: Path) -> list[Tagged]:
    sentences: list[Tagged] = []
    rows: list[tuple[str, str]] = []
    for number, line in enumerate([*_lines(path), ""], start=1):
        if line.strip():
            token, _, tag = line.strip().rpartition(" ")
            if not token or not (tag == "O" or re.fullmatch(r"[BI]-[STR]", tag)):
                raise FormatError(f"line {number}: expected 'token TAG'", origin=str(path))
            rows.append((token, tag))
        elif rows:
            sentences.append(tagged([token for token, _ in rows], [tag for _, tag in rows]))
            rows = []
    return sentences


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise FormatError(f"cannot read: {error}", origin=str(path)) from error


def tagged(tokens: Sequence[str], tags: Sequence[str]) -> Tagged:
    """Rebuild the sentence and read the BIO spans (an R span is both S and T)."""
    text = ""
    offsets: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else ""
        glued = not index or token in _GLUED_LEFT or previous in _GLUED_RIGHT or (token == "s" and previous in "'’")
        text += "" if glued else " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
    spans: set[Span] = set()
    start, role = -1, ""
    for index, tag in enumerate([*tags, "O"]):
        if start >= 0 and not (tag.startswith("I-") and tag[2:] == role):
            for kind in ("S", "T") if role == "R" else (role,):
                spans.add(Span(kind, start, index))
            start, role = -1, ""
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, role = index, tag[2:]
    return Tagged(text, tuple(offsets), frozenset(spans))


# ConfliBERT's own five classes by CAMEO root (not GDELT's QuadClass, which puts 16 with material conflict).
_CLASS_OF_ROOT = {f"{root:02d}": label for label, roots in (
    ("0", (1, 2)), ("1", (3, 4, 5)), ("2", (6, 7, 8)), ("3", (9, 10, 11, 12, 13, 16)), ("4", (14, 15, 17, 18, 19, 20))
) for root in roots}  # fmt: skip


def event_class(event: Event | None) -> str:
    """The five-way class of the event's CAMEO root; a STATEMENT is class 0 whatever its code."""
    if event is None:
        return NONE
    if event.event == "STATEMENT":
        return "0"
    return _CLASS_OF_ROOT.get(event.cameo[:2], str(event.quad))


def predicted_spans(sentence: Tagged, event: Event | None) -> set[Span]:
    """The token spans of the event's parties: actors are S, recipients T, joint parties both."""
    if event is None:
        return set()
    joint = not event.recipient and len(event.actor) > 1
    roles = [(party.text, ("S", "T") if joint else ("S",)) for party in event.actor]
    roles += [(party.text, ("T",)) for party in event.recipient]
    spans: set[Span] = set()
    taken: set[int] = set()
    for text, kinds in roles:
        found = _token_span(sentence, text, taken)
        if found is not None:
            taken.add(found[0])
            spans.update(Span(kind, *found) for kind in kinds)
    return spans


def _token_span(sentence: Tagged, text: str, taken: set[int]) -> tuple[int, int] | None:
    if not text:
        return None
    for found in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", sentence.text):
        covered = [i for i, (start, end) in enumerate(sentence.offsets) if start < found.end() and found.start() < end]
        if covered and covered[0] not in taken:
            return covered[0], covered[-1] + 1
    return None


def span_tallies(gold: Iterable[Span], predicted: Iterable[Span]) -> tuple[Tally, Tally]:
    """Exact and overlap tallies for one sentence's spans (overlap: same role, one-to-one)."""
    gold_set, predicted_set = set(gold), set(predicted)
    exact = Tally(len(gold_set & predicted_set), len(predicted_set - gold_set), len(gold_set - predicted_set))
    left = sorted(gold_set, key=lambda span: (span.role, span.start))
    overlap = Tally()
    for guess in sorted(predicted_set, key=lambda span: (span.role, span.start)):
        hit = next(
            (span for span in left if span.role == guess.role and span.start < guess.end and guess.start < span.end),
            None,
        )
        if hit is None:
            overlap.extra += 1
        else:
            left.remove(hit)
            overlap.correct += 1
    overlap.missed = len(left)
    return exact, overlap


def score_classes(samples: Sequence[Labelled], predictions: Iterable[tuple[Event, ...]]) -> Report:
    pairs: list[tuple[str, str]] = []
    mistakes: list[Mistake] = []
    for index, (sample, events) in enumerate(zip(samples, predictions, strict=True), start=1):
        guess = event_class(events[0] if events else None)
        pairs.append((sample.label, guess))
        if guess != sample.label:
            mistakes.append(Mistake(f"class:{index}", sample.text, sample.label, guess))
    tallies = label_tallies(pairs)
    metrics: Metrics = {
        "sentences": len(pairs),
        "accuracy": accuracy(pairs),
        "macro_f1": macro_f1(tallies, LABELS),
        "coded": sum(guess != NONE for _, guess in pairs),
        "coded_accuracy": accuracy(pairs, coded_only=True),
    }
    return Report(metrics | per_label(tallies, "class"), tuple(mistakes))


def score_spans(sentences: Sequence[Tagged], predictions: Iterable[tuple[Event, ...]]) -> Report:
    exact, overlap = Tally(), Tally()
    roles = {role: Tally() for role in ("S", "T")}
    for sentence, events in zip(sentences, predictions, strict=True):
        predicted = predicted_spans(sentence, events[0] if events else None)
        sentence_exact, sentence_overlap = span_tallies(sentence.spans, predicted)
        exact.add(sentence_exact)
        overlap.add(sentence_overlap)
        for role, tally in roles.items():
            tally.add(
                span_tallies({s for s in sentence.spans if s.role == role}, {s for s in predicted if s.role == role})[0]
            )
    metrics: Metrics = {"span_sentences": len(sentences)}
    metrics |= exact.metrics("span_") | overlap.metrics("span_overlap_")
    for role, tally in roles.items():
        metrics[f"span_{role}_f1"] = tally.f1
    return Report(metrics)


def run(gold: Path, *, model: Model = Model.OFF) -> Report:
    """Code both files' sentences with the default gazetteer (once per distinct text)."""
    from bilateral.actors import gazetteer
    from bilateral.code import code_text

    actors = gazetteer()
    cache: dict[str, tuple[Event, ...]] = {}

    def code(text: str) -> tuple[Event, ...]:
        if text not in cache:
            cache[text] = code_text(text, actors, model=model)
        return cache[text]

    folder = gold / FOLDER
    samples = read_classes(folder / CLASSES)
    sentences = read_tagged(folder / SPANS)
    classes = score_classes(samples, (code(sample.text) for sample in samples))
    spans = score_spans(sentences, (code(sentence.text) for sentence in sentences))
    return Report(classes.metrics | spans.metrics, classes.mistakes)
