"""Case- and accent-insensitive whole-word phrase matching with one automaton.

Used by the event coder for its cue and context lexicons; the gazetteer has
its own matcher because names carry case rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

from bilateral.actors.fold import fold

T = TypeVar("T")


class Match(NamedTuple, Generic[T]):
    start: int
    end: int
    value: T


class PhraseMatcher(Generic[T]):
    """Leftmost-longest whole-word matches of phrases over folded text."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._automaton = ahocorasick.Automaton()
        for phrase, value in phrases:
            key = fold(phrase)
            if key not in self._automaton:
                self._automaton.add_word(key, (len(key), value))
        self._automaton.make_automaton()

    def find(self, folded: str, start: int = 0, end: int | None = None) -> list[Match[T]]:
        """Matches in ``folded[start:end]`` (text already passed through :func:`fold`)."""
        stop = len(folded) if end is None else end
        found: list[Match[T]] = []
        reached = start
        size = len(folded)
        candidates = [
            (last + 1 - length, last + 1, value)
            for last, (length, value) in self._automaton.iter(folded, start, stop)
            if not (last + 1 - length and folded[last - length].isalnum())
            and not (last + 1 < size and folded[last + 1].isalnum())
        ]
        candidates.sort(key=lambda candidate: (candidate[0], -candidate[1]))
        for first, after, value in candidates:
            if first >= reached:
                found.append(Match(first, after, value))
                reached = after
        return found
