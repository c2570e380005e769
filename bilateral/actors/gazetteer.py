"""The compiled gazetteer: every alias in one Aho-Corasick automaton.

Matching runs over folded text (:mod:`bilateral.actors.fold`), then checks
word boundaries and the alias's case rule against the original text:
an alias in capitals (``ROK``, ``US``) must match exactly, an alias with a
capital must start with one in the text, an all-lowercase alias matches in
any case. Overlaps resolve leftmost-longest.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import ahocorasick

from bilateral.actors.data import ActorData, Entry, OfficeNoun, load, user_dirs
from bilateral.actors.fold import fold
from bilateral.records import ActorKind, Tenure

log = logging.getLogger(__name__)

ANY_CASE, CAPITALISED, EXACT = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Target:
    """What an alias points at: an entry (by index) or an office noun."""

    entry: int | None
    office: OfficeNoun | None
    form: str
    case: int
    alias: str


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    target: Target


class Gazetteer:
    """Actors and office nouns compiled for fast lookup."""

    def __init__(self, data: ActorData) -> None:
        self.entries = data.entries
        self._automaton = ahocorasick.Automaton()
        self._holders: dict[tuple[str, str], list[tuple[Entry, Tenure]]] = {}
        for index, entry in enumerate(self.entries):
            for alias in entry.aliases:
                self._add(alias.text, Target(index, None, alias.form, _case_rule(alias.text), alias.text))
            for tenure in entry.tenures:
                if entry.country:
                    self._holders.setdefault((entry.country, tenure.office), []).append((entry, tenure))
        for noun in data.offices:
            self._add(noun.phrase, Target(None, noun, "office", _case_rule(noun.phrase), noun.phrase))
        self._automaton.make_automaton()

    def _add(self, alias: str, target: Target) -> None:
        key = fold(alias)
        existing = self._automaton.get(key, ())
        if any(other.entry == target.entry and other.office == target.office for other in existing):
            return
        self._automaton.add_word(key, (*existing, target))

    def find(self, text: str, *, folded: str | None = None) -> list[Hit]:
        """Non-overlapping hits in ``text``, leftmost-longest."""
        folded = fold(text) if folded is None else folded
        candidates: list[Hit] = []
        for end_index, targets in self._automaton.iter(folded):
            end = end_index + 1
            start = end - len(targets[0].alias)
            if not _bounded(folded, start, end):
                continue
            surface = text[start:end]
            for target in targets:
                if _case_ok(surface, target):
                    candidates.append(Hit(start, end, target))
                    break
        candidates.sort(key=lambda hit: (hit.start, -hit.end))
        chosen: list[Hit] = []
        reached = 0
        for hit in candidates:
            if hit.start >= reached:
                chosen.append(hit)
                reached = hit.end
        return chosen

    def entry(self, hit: Hit) -> Entry:
        assert hit.target.entry is not None
        return self.entries[hit.target.entry]

    def holders(self, country: str, office: str, *, start: date, end: date) -> list[tuple[Entry, Tenure]]:
        """Who held ``office`` for ``country`` over the whole period."""
        return [
            (entry, tenure)
            for entry, tenure in self._holders.get((country, office), ())
            if tenure.covers(start) and tenure.covers(end)
        ]


def _case_rule(alias: str) -> int:
    letters = [char for char in alias if char.isalpha()]
    if letters and all(char.isupper() for char in letters):
        return EXACT
    if any(char.isupper() for char in letters):
        return CAPITALISED
    return ANY_CASE


def _case_ok(surface: str, target: Target) -> bool:
    if target.case == ANY_CASE:
        return True
    if target.case == CAPITALISED:
        return surface[:1].isupper()
    return surface == target.alias or fold(surface) == fold(target.alias) and surface.isupper()


def _bounded(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


_CACHE: dict[tuple[Path, ...], Gazetteer] = {}


def gazetteer(extra: Iterable[Path] = ()) -> Gazetteer:
    """The gazetteer for the bundled files plus user folders, built once per process."""
    key = user_dirs(tuple(extra))
    if key not in _CACHE:
        _CACHE[key] = Gazetteer(load(tuple(extra)))
    return _CACHE[key]
