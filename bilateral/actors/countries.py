"""Country arguments: what a user types for a country (``TUR``, ``TR``, ``Turkey``, ``South Korea``) to its code.

The codes are the ones the record stores: ISO 3166-1 alpha-3 for countries and the
actor files' codes for IGOs (``NATO``, ``EU``). An argument is read as, in turn, one
of those codes, an ISO 3166-1 alpha-2 code (the ``iso2`` column of ``countries.tsv``;
a stored IGO code wins, so ``AU`` is the African Union and Australia is ``AUS``), or a
name or alias from the actor files, without regard to case or accents ("turkiye",
"the United States"). Anything else is :class:`~bilateral.errors.UnknownCountry`,
whose message suggests the closest names (difflib: a few hundred names need no index).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bilateral.actors.data import load
from bilateral.actors.fold import fold
from bilateral.errors import UnknownCountry, UsageError
from bilateral.records import ActorKind

_SUGGESTIONS = 3
_PAIR_SEPARATORS = re.compile(r"\s*[-–—/,]\s*")
_LEADING_THE = re.compile(r"^the\s+")


@dataclass(frozen=True, slots=True)
class Countries:
    """Every way a country or IGO argument may be written, to its code; and each code's name."""

    names: dict[str, str]  # code -> canonical name
    keys: dict[str, frozenset[str]]  # folded code, alpha-2 code, name or alias -> codes

    def resolve(self, text: str) -> str:
        """The code ``text`` names; :class:`UnknownCountry` (a usage error) when it names none or several."""
        stripped = text.strip()
        if stripped.upper() in self.names:
            return stripped.upper()
        codes = self.keys.get(_key(stripped), frozenset())
        if len(codes) == 1:
            return next(iter(codes))
        if codes:
            choices = ", ".join(f"{self.names[code]} ({code})" for code in sorted(codes))
            raise UnknownCountry(f"country {text!r} could be {choices}: give the code")
        raise UnknownCountry(f"unknown country {text!r}{self._suggest(stripped)}")

    def pair(self, text: str) -> tuple[str, str]:
        """Two countries from ``TUR-KOR``, ``TR-KR``, ``Turkey/South Korea`` or ``Guinea-Bissau-SEN``."""
        splits = [(text[: match.start()], text[match.end() :]) for match in _PAIR_SEPARATORS.finditer(text)]
        splits = [(first, second) for first, second in splits if first.strip() and second.strip()]
        if not splits:
            raise UsageError(f"pair {text!r} must be two countries joined by '-', e.g. TUR-KOR")
        if len(splits) > 1:  # a name with a hyphen in it: the one split where both sides are known
            known = [split for split in splits if all(_key(side) in self.keys for side in split)]
            splits = known if len(known) == 1 else splits[:1]
        return self.two(*splits[0])

    def two(self, first: str, second: str) -> tuple[str, str]:
        """Two countries; the same one twice is a pair too (a country's domestic events have it on both sides)."""
        return self.resolve(first), self.resolve(second)

    def _suggest(self, text: str) -> str:
        close = difflib.get_close_matches(_key(text), self.keys, n=10, cutoff=0.7)
        codes = list(dict.fromkeys(code for key in close for code in sorted(self.keys[key])))[:_SUGGESTIONS]
        if not codes:
            return ": use an ISO 3166-1 code (TUR or TR) or a name (Türkiye, Turkey)"
        return "; did you mean " + ", ".join(f"{self.names[code]} ({code})" for code in codes) + "?"


def _key(text: str) -> str:
    return _LEADING_THE.sub("", " ".join(fold(text).split()))


@cache
def countries(extra: tuple[Path, ...] = ()) -> Countries:
    """The countries and IGOs of the bundled actor files and the user's (``--actors``, ``BILATERAL_ACTORS``)."""
    names: dict[str, str] = {}
    keys: dict[str, set[str]] = defaultdict(set)
    entries = [entry for entry in load(extra).entries if entry.kind in (ActorKind.COUNTRY, ActorKind.IGO)]
    for entry in entries:
        names[entry.key] = entry.name
        keys[_key(entry.key)].add(entry.key)
        for alias in entry.aliases:
            if alias.form == "name":
                keys[_key(alias.text)].add(entry.key)
    for entry in entries:
        if entry.iso2 and _key(entry.iso2) not in keys:
            keys[_key(entry.iso2)].add(entry.key)
    return Countries(names, {key: frozenset(codes) for key, codes in keys.items()})
