"""The compiled gazetteer: every alias in one Aho-Corasick automaton.

Matching runs over folded text (:mod:`bilateral.actors.fold`), then checks
word boundaries and the alias's case rule against the original text:
an alias in capitals (``ROK``, ``US``) must match exactly, an alias with a
capital must start with one in the text, an all-lowercase alias matches in
any case. Overlaps resolve leftmost-longest.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

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
    kind: ActorKind | None
    office: OfficeNoun | None
    form: str
    case: int
    alias: str


class Hit(NamedTuple):
    """An accepted match: ``text[start:end]`` names ``target``."""

    start: int
    end: int
    target: Target


class Gazetteer:
    """Actors and office nouns compiled for fast lookup."""

    def __init__(self, data: ActorData) -> None:
        self.entries = data.entries
        self._automaton = ahocorasick.Automaton()  # folded aliases, over folded text
        self._exact = ahocorasick.Automaton()  # aliases in capitals (ROK, US), over the original text
        self._holders: dict[tuple[str, str], list[tuple[Entry, Tenure]]] = {}
        for index, entry in enumerate(self.entries):
            for alias in entry.aliases:
                self._add(alias.text, Target(index, entry.kind, None, alias.form, _case_rule(alias.text), alias.text))
            for tenure in entry.tenures:
                if entry.country:
                    self._holders.setdefault((entry.country, tenure.office), []).append((entry, tenure))
        for noun in data.offices:
            self._add(noun.phrase, Target(None, None, noun, "office", _case_rule(noun.phrase), noun.phrase))
        self._bodies = _bodies(self.entries)
        self._countries = {e.country: e for e in reversed(self.entries) if e.kind is ActorKind.COUNTRY and e.country}
        self._automaton.make_automaton()
        self._exact.make_automaton()

    def _add(self, alias: str, target: Target) -> None:
        automaton, key = (self._exact, alias) if target.case == EXACT else (self._automaton, fold(alias))
        existing = automaton.get(key, ())
        same = [other for other in existing if other.entry == target.entry and other.office == target.office]
        if same and same[0].case <= target.case:
            return
        # The same entry under a laxer case rule ("defense acquisition …" after "Defense Acquisition …") wins.
        kept = tuple(other for other in existing if other not in same)
        automaton.add_word(key, (*kept, target))

    def find(self, text: str, *, folded: str | None = None) -> list[Hit]:
        """Non-overlapping hits in ``text``, leftmost-longest."""
        folded = fold(text) if folded is None else folded
        candidates: list[tuple[int, int, Target]] = []
        for end_index, targets in self._automaton.iter_long(folded):
            end = end_index + 1
            start = end - len(targets[0].alias)
            found = _accept(text, folded, start, end, targets)
            if found is not None:
                candidates.append((start, -end, found))
                continue
            # The longest alias here does not fit ("Oman" in "woman"): look for shorter ones inside it.
            for inner_end, inner in self._automaton.iter(folded, start, end):
                inner_start = inner_end + 1 - len(inner[0].alias)
                found = _accept(text, folded, inner_start, inner_end + 1, inner)
                if found is not None:
                    candidates.append((inner_start, -(inner_end + 1), found))
        if not text.islower():
            for end_index, targets in self._exact.iter(text):
                end = end_index + 1
                start = end - len(targets[0].alias)
                if _whole(folded, start, end):
                    candidates.append((start, -end, targets[0]))
        candidates.sort(key=lambda candidate: (candidate[0], candidate[1]))
        chosen: list[Hit] = []
        reached = 0
        for start, negative_end, target in candidates:
            if start >= reached:
                chosen.append(Hit(start, -negative_end, target))
                reached = -negative_end
        return chosen

    def entry(self, hit: Hit) -> Entry:
        assert hit.target.entry is not None
        return self.entries[hit.target.entry]

    def country(self, code: str) -> Entry | None:
        """The entry of the country with this code."""
        return self._countries.get(code)

    def acts_for(self, entry: Entry, tenure: Tenure | None) -> str | None:
        """Whom a person acts for: the organisation an international office heads while it is held
        (António Guterres as UN Secretary-General is the UN), else the person's country."""
        if tenure is not None and tenure.office == "igo_head":
            return self._bodies.get(tenure.title, entry.country)
        return entry.country

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


def _whole(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` stands as whole words, and not as a currency ("US$2 billion", "HK$")."""
    if start and folded[start - 1].isalnum():
        return False
    return end == len(folded) or not (folded[end].isalnum() or folded[end] == "$")


def _accept(text: str, folded: str, start: int, end: int, targets: tuple[Target, ...]) -> Target | None:
    """The first target that fits at ``text[start:end]``: whole words, right case."""
    if not _whole(folded, start, end):
        return None
    for target in targets:
        if target.case == ANY_CASE or _capitals_match(text, start, target.alias):
            return target
    return None


def _capitals_match(text: str, start: int, alias: str) -> bool:
    """Every word the alias capitalises is capitalised in the text ("Russia Today", not "Russia today")."""
    return all(
        text[start + index].isupper()
        for index, char in enumerate(alias)
        if char.isupper() and (index == 0 or not alias[index - 1].isalnum())
    )


_CACHE: dict[tuple[Path, ...], Gazetteer] = {}


def gazetteer(extra: Iterable[Path] = ()) -> Gazetteer:
    """The gazetteer for the bundled files plus user folders, built once per process."""
    key = user_dirs(tuple(extra))
    if key not in _CACHE:
        _CACHE[key] = Gazetteer(load(tuple(extra)))
    return _CACHE[key]


def _bodies(entries: list[Entry]) -> dict[str, str]:
    """The organisation each international office's title names ("NATO Secretary General" → NATO): the
    longest name or alias of an international organisation standing as words in the title."""
    names = [
        (alias.text, entry.key)
        for entry in entries
        if entry.kind is ActorKind.IGO
        for alias in entry.aliases
        if len(alias.text) > 1
    ]
    bodies: dict[str, str] = {}
    for entry in entries:
        for tenure in entry.tenures:
            if tenure.office != "igo_head" or tenure.title in bodies:
                continue
            named = [
                (len(text), key) for text, key in names if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", tenure.title)
            ]
            if named:
                bodies[tenure.title] = max(named)[1]
    return bodies
