"""The coder's lexicons: verb and noun cues, and context words, from ``data/``."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import cache

from bilateral.actors.fold import fold
from bilateral.ontology import EVENTS, cameo
from bilateral.phrases import PhraseMatcher
from bilateral.tables import package_rows

SHAPES = frozenset({"directed", "symmetric", "host", "statement", "obligation", "paired"})


@dataclass(frozen=True, slots=True)
class CueSpec:
    """What a cue phrase means: event, CAMEO code, mode, argument shape."""

    event: str
    cameo: str
    mode: str | None
    shape: str
    needs: re.Pattern[str] | None
    rank: int
    phrase: str
    alternatives: tuple[CueSpec, ...] = ()  # other readings of the same words ("launched" talks or missiles)
    anchored: bool = False  # ``needs`` must match where the cue starts (it spells the verb and its object)


def _rows(name: str) -> list[dict[str, str]]:
    return package_rows("bilateral.code", name)


def inflections(word: str) -> set[str]:
    """``sign~`` → sign, signs, signed, signing; other words stand for themselves."""
    if not word.endswith("~"):
        return {word}
    base = word[:-1]
    if base.endswith("ee"):
        forms = {base + "s", base + "d", base + "ing"}
    elif base.endswith("e"):
        forms = {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in ("a", "e", "o", "u"):
        forms = {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms = {base + "es", base + "ed", base + "ing"}
    else:
        forms = {base + "s", base + "ed", base + "ing"}
        if (
            len(base) <= 4
            and base[-1] not in "aeiouwxy"
            and base[-2] in "aeiou"
            and base[-3:-2] not in ("a", "e", "i", "o", "u")
        ):
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return {base} | forms


def expand(phrase: str) -> list[str]:
    """Every surface form of a phrase whose words may end in ``~``."""
    return [" ".join(words) for words in itertools.product(*(sorted(inflections(word)) for word in phrase.split()))]


@cache
def cues() -> PhraseMatcher[CueSpec]:
    pairs: list[tuple[str, CueSpec]] = []
    for row in _rows("cues.tsv"):
        if row["event"] not in EVENTS or row["shape"] not in SHAPES:
            raise ValueError(f"cues.tsv: bad event or shape in {row}")
        cameo(row["cameo"])  # raises on an unknown code
        anchored = row["needs"].startswith("@")
        needs = re.compile(row["needs"].removeprefix("@"), re.IGNORECASE) if row["needs"] else None
        for phrase in row["phrases"].split("|"):
            spec = CueSpec(
                row["event"], row["cameo"], row["mode"] or None, row["shape"], needs, int(row["rank"]), phrase,
                anchored=anchored,
            )  # fmt: skip
            pairs += [(form, spec) for form in expand(phrase)]
    readings: dict[str, list[CueSpec]] = {}
    for form, spec in pairs:
        readings.setdefault(fold(form), []).append(spec)
    merged = {}
    for form, specs in readings.items():
        distinct = list(dict.fromkeys(specs))
        merged[form] = replace(distinct[0], alternatives=tuple(distinct[1:]))
    return PhraseMatcher(merged.items())


@cache
def contexts() -> PhraseMatcher[tuple[str, ...]]:
    pairs: list[tuple[str, tuple[str, ...]]] = []
    for row in _rows("contexts.tsv"):
        labels = tuple(row["contexts"].split("|"))
        pairs += [(word, labels) for word in row["words"].split("|")]
    return PhraseMatcher(pairs)
