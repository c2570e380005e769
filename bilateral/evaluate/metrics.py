"""Counting right and wrong, and the figures every gold set reports.

A :class:`Tally` counts correct, extra (predicted, not in the gold) and
missed (in the gold, not predicted) items; precision, recall and F1 follow.
A ratio with nothing to divide by is ``0.0``, so a metric is always a number
in [0, 1] and a floor can be checked against it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

NONE = "none"

Metrics = dict[str, float | int]


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def accuracy(pairs: Iterable[tuple[str, str]], *, coded_only: bool = False) -> float:
    """The share of (gold, guess) pairs that agree; ``coded_only`` counts only those with a guess."""
    kept = [(gold, guess) for gold, guess in pairs if not (coded_only and guess == NONE)]
    return ratio(sum(gold == guess for gold, guess in kept), len(kept))


@dataclass(slots=True)
class Tally:
    correct: int = 0
    extra: int = 0
    missed: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.correct + self.extra)

    @property
    def recall(self) -> float:
        return ratio(self.correct, self.correct + self.missed)

    @property
    def f1(self) -> float:
        return ratio(2 * self.correct, 2 * self.correct + self.extra + self.missed)

    def add(self, other: Tally) -> None:
        self.correct += other.correct
        self.extra += other.extra
        self.missed += other.missed

    def metrics(self, prefix: str = "") -> Metrics:
        """The tally's counts and figures as flat metrics, names prefixed."""
        return {
            f"{prefix}precision": self.precision,
            f"{prefix}recall": self.recall,
            f"{prefix}f1": self.f1,
            f"{prefix}correct": self.correct,
            f"{prefix}extra": self.extra,
            f"{prefix}missed": self.missed,
        }


def label_tallies(pairs: Iterable[tuple[str, str]]) -> dict[str, Tally]:
    """Per-label tallies from (gold, predicted) label pairs; ``none`` is no prediction.

    A wrong prediction is missed for the gold label and extra for the
    predicted one; predicting nothing is only missed.
    """
    tallies: dict[str, Tally] = {}
    for gold, predicted in pairs:
        if gold == predicted:
            tallies.setdefault(gold, Tally()).correct += 1
            continue
        if gold != NONE:
            tallies.setdefault(gold, Tally()).missed += 1
        if predicted != NONE:
            tallies.setdefault(predicted, Tally()).extra += 1
    return tallies


def macro_f1(tallies: Mapping[str, Tally], labels: Iterable[str]) -> float:
    """The unweighted mean F1 over ``labels`` (a label never seen scores 0)."""
    chosen = list(labels)
    return sum(tallies[label].f1 if label in tallies else 0.0 for label in chosen) / len(chosen) if chosen else 0.0


def per_label(tallies: Mapping[str, Tally], prefix: str) -> Metrics:
    """``{prefix}.{label}.precision`` … for every label, in sorted order."""
    metrics: Metrics = {}
    for label in sorted(tallies):
        tally = tallies[label]
        metrics |= {
            f"{prefix}.{label}.precision": tally.precision,
            f"{prefix}.{label}.recall": tally.recall,
            f"{prefix}.{label}.f1": tally.f1,
            f"{prefix}.{label}.support": tally.correct + tally.missed,
        }
    return metrics


@dataclass(frozen=True, slots=True)
class Mistake:
    """One gold item the coder got wrong, for reading by a person."""

    item: str
    text: str
    gold: str
    predicted: str


@dataclass(frozen=True, slots=True)
class Report:
    """What one gold set scored, and the items behind the misses."""

    metrics: Metrics
    mistakes: tuple[Mistake, ...] = ()
    unscored: dict[str, str] = field(default_factory=dict)  # metric → why it cannot be measured yet
