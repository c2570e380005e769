"""PETRARCH's unit tests: grammar cases over fictional states.

The states (Arnor, Gondor, Mordor, …) exist only in the suite's own actor
dictionary, ``PETR.Validate.actors.txt``, which is read here into a
gazetteer used for this set alone. Its format: a name in capitals with
``_`` for spaces (a trailing ``_`` marks a whole word), ``+SYNONYM`` lines,
and one or more ``[CODE]`` blocks, a block optionally dated
(``[HOB < 950601]``, ``[HOBGOV 19950601 - 19990815]``, ``[HOBREB > 990816]``):
the first block whose dates cover the sentence's date wins, an undated block
is the default. A code's country is its first three letters.

Handled: names, synonyms, codes on the name line or the lines after it,
dated blocks (a gazetteer per distinct set of resolved codes), two-digit
years (19xx from 30 on). Skipped, and why:

* TABARI's prefix matching (``ARGENTIN`` for Argentina, Argentine, …): our
  gazetteer matches whole words, so a name is matched as written;
* actors with several codes (``[FRO/BIL/SAM]``): an actor here has one
  country, so they are left out, and their codes count as unknown (a gold
  triple naming them is not scored);
* the agents file (``~GOV`` and friends): it gives sectors, never a country;
* the ``!PERSON!``-style substitution markers and the discards file;
* records coded with the suite's made-up event codes (``345``, ``802``,
  ``901``…, from its own verb dictionary), which no CAMEO coder can produce.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bilateral.actors.data import ActorData, Alias, Entry, load
from bilateral.actors.gazetteer import Gazetteer
from bilateral.code.model import Model
from bilateral.errors import FormatError
from bilateral.evaluate import petrarch
from bilateral.evaluate.metrics import Report
from bilateral.evaluate.triples import NON_STATE, country_of
from bilateral.records import ActorKind, Event

FOLDER = "petrarch_unit"
RECORDS = "PETR.UnitTest.records.xml"
ACTORS = "PETR.Validate.actors.txt"
# Words in the dictionary that are written in capitals in running text.
ACRONYMS = frozenset({"USA", "USSR", "IMF", "UAE", "PLO", "UN", "AU", "KU"})
_COMMENT_BLOCK = re.compile(r"<!\s*--.*?-->", re.S)
_BLOCK = re.compile(r"\[([^\]]*)\]")
_SPEC = re.compile(r"^([^\s<>]+)\s*(?:(<|>)\s*(\d{6}|\d{8})|(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8}))?$")


@dataclass(frozen=True, slots=True)
class Code:
    """One ``[CODE …]`` block: the code and the days it holds (``None``: open)."""

    code: str
    start: date | None = None
    end: date | None = None
    dated: bool = False

    def covers(self, day: date | None) -> bool:
        if not self.dated:
            return True
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """One dictionary entry: its names and code blocks, with the line it starts on."""

    names: tuple[str, ...]
    codes: tuple[Code, ...]
    line: int

    def code_on(self, day: date | None) -> str | None:
        """The first dated block covering ``day``, else the undated default."""
        dated = [code for code in self.codes if code.dated and code.covers(day)]
        default = [code for code in self.codes if not code.dated]
        chosen = dated or default
        return chosen[0].code if chosen else None


def read_actors(path: Path) -> list[Actor]:
    """The entries of a PETRARCH actor dictionary."""
    try:
        content = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise FormatError(f"cannot read: {error}", origin=str(path)) from error
    content = _COMMENT_BLOCK.sub(lambda found: "\n" * found.group(0).count("\n"), content)
    actors: list[Actor] = []
    names: list[str] = []
    codes: list[Code] = []
    start = 0

    def flush() -> None:
        if names:
            actors.append(Actor(tuple(names), tuple(codes), start))

    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        blocks = [_code(block, number, path) for block in _BLOCK.findall(line)]
        rest = _BLOCK.sub(" ", line).strip()
        if not line[0].isspace() and not line.startswith(("+", "[")):
            flush()
            names, codes, start = [], [], number
            if rest:
                names.append(_name(rest))
        elif rest.startswith("+") and names:
            names.append(_name(rest[1:]))
        codes += blocks
    flush()
    return actors


def _name(text: str) -> str:
    words = text.strip().rstrip("_").replace("_", " ").split()
    return " ".join(word if word.rstrip(".") in ACRONYMS or "." in word else word.capitalize() for word in words)


def _code(block: str, number: int, path: Path) -> Code:
    found = _SPEC.match(block.strip())
    if found is None:
        raise FormatError(f"line {number}: cannot read code block [{block}]", origin=str(path))
    code, sign, bound, first, last = found.groups()
    code = code.upper()
    if sign == "<":
        return Code(code, None, _pred(_date(bound)), dated=True)
    if sign == ">":
        return Code(code, _succ(_date(bound)), None, dated=True)
    if first:
        return Code(code, _date(first), _date(last), dated=True)
    return Code(code)


def _date(value: str) -> date:
    if len(value) == 6:
        year = int(value[:2])
        value = f"{1900 + year if year >= 30 else 2000 + year}{value[2:]}"
    return date(int(value[:4]), int(value[4:6]), int(value[6:]))


def _pred(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)


def _succ(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)


def known_codes(actors: Collection[Actor]) -> frozenset[str]:
    """Country codes (first three letters) of actors with one code each."""
    return frozenset(
        code.code[:3]
        for actor in actors
        for code in actor.codes
        if "/" not in code.code and code.code[:3].isalpha() and code.code[:3] not in NON_STATE
    )


class Gazetteers:
    """A gazetteer per distinct set of codes the dated entries resolve to."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = [actor for actor in actors if not any("/" in code.code for code in actor.codes)]
        self.known = known_codes(actors)
        self._offices = load().offices
        self._built: dict[tuple[str | None, ...], Gazetteer] = {}

    def on(self, day: date | None) -> Gazetteer:
        codes = tuple(actor.code_on(day) for actor in self.actors)
        if codes not in self._built:
            self._built[codes] = Gazetteer(ActorData(list(self._entries(codes)), self._offices))
        return self._built[codes]

    def _entries(self, codes: tuple[str | None, ...]) -> Iterator[Entry]:
        for actor, code in zip(self.actors, codes, strict=True):
            if code is None:
                continue
            aliases = [Alias(name, "name") for name in actor.names]
            aliases += [Alias(name[4:], "name") for name in actor.names if name.startswith("The ")]
            yield Entry(
                kind=ActorKind.COUNTRY,
                key=code,
                name=actor.names[0],
                country=country_of(code, self.known),
                source=f"{ACTORS}:{actor.line}",
                aliases=aliases,
            )


def run(gold: Path, *, model: Model = Model.OFF) -> Report:
    """Code every unit-test sentence with the suite's own actors and score the triples."""
    from bilateral.code import code_text

    folder = gold / FOLDER
    gazetteers = Gazetteers(read_actors(folder / ACTORS))
    records = list(petrarch.read_records(folder / RECORDS))

    def predict(record: petrarch.Record) -> tuple[Event, ...]:
        return code_text(record.text, gazetteers.on(record.day), on=record.day, model=model)

    return petrarch.score(records, predict, gazetteers.known)
