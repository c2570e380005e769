"""PETRARCH validation records, and scoring a coder on them by triples.

Both PETRARCH sets hold ``<Sentence>`` records, each with ``<EventCoding>``
lines (``eventcode``, ``sourcecode``, ``targetcode``; or ``noevents="True"``;
or ``error="…"``) and a ``<Text>`` (rebuilt from the CoNLL-U ``<Parse>``
where it is empty). The UniversalPetrarch file is not
well-formed XML (its ``<Sentence …/>`` tags close themselves and are closed
again), so records are read with patterns, not a parser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bilateral.errors import FormatError
from bilateral.evaluate.metrics import Metrics, Mistake, Report, Tally, ratio
from bilateral.evaluate.triples import (
    Triple,
    country_of,
    describe,
    event_triples,
    is_cameo,
    match,
    quad_of,
    root_of,
    without_root,
)
from bilateral.records import Event

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_RECORD = re.compile(r"<Sentence\s([^>]*?)/?>(.*?)(?=<Sentence\s|</Sentences>|\Z)", re.S)
_CODING = re.compile(r"<EventCoding\s([^>]*?)/?>")
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(["'])(.*?)\2""", re.S)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)
# A discard record expects no event; the others test PETRARCH's parse input, not coding.
DISCARDS = frozenset({"storydiscard", "sentencediscard"})


@dataclass(frozen=True, slots=True)
class Coding:
    source: str
    target: str
    event: str


@dataclass(frozen=True, slots=True)
class Record:
    """One validation sentence: its gold codings (none for ``noevents``)."""

    id: str
    category: str
    day: date | None
    text: str
    codings: tuple[Coding, ...]
    error: str | None = None
    coded: bool = True  # False: no <EventCoding> at all (an end marker), nothing to score


def read_records(path: Path) -> Iterator[Record]:
    """Every ``<Sentence>`` in a PETRARCH validation file, in file order."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FormatError(f"cannot read: {error}", origin=str(path)) from error
    content = _COMMENT.sub("", content)
    for found in _RECORD.finditer(content):
        attributes = _attributes(found.group(1))
        body = found.group(2)
        text = _TEXT.search(body)
        if text is None:
            raise FormatError(f"sentence {attributes.get('id', '?')} has no <Text>", origin=str(path))
        codings: list[Coding] = []
        failure = None
        for coding in _CODING.finditer(body):
            values = _attributes(coding.group(1))
            if "error" in values:
                failure = values["error"]
            elif "eventcode" in values:
                codings.append(Coding(values.get("sourcecode", ""), values.get("targetcode", ""), values["eventcode"]))
        yield Record(
            attributes.get("id", ""),
            attributes.get("category", ""),
            _day(attributes.get("date", "")),
            " ".join(html.unescape(text.group(1)).split()) or _parsed_text(body),
            tuple(codings),
            failure,
            coded=_CODING.search(body) is not None,
        )


def _parsed_text(body: str) -> str:
    """The sentence rebuilt from a CoNLL-U ``<Parse>``, for a record whose ``<Text>`` is empty."""
    parse = _PARSE.search(body)
    text = ""
    for line in parse.group(1).splitlines() if parse else ():
        columns = line.strip().split("\t")
        if len(columns) >= 10 and columns[0].isdigit():
            text += html.unescape(columns[1]) + ("" if "SpaceAfter=No" in columns[9] else " ")
    return text.strip()


def _attributes(text: str) -> dict[str, str]:
    return {name: value for name, _, value in _ATTRIBUTE.findall(text)}


def _day(value: str) -> date | None:
    value = value.strip()
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def scorable(record: Record) -> bool:
    """Left out: records with no coding, parser-error tests, and made-up (non-CAMEO) event codes."""
    if not record.coded or (record.error is not None and record.error not in DISCARDS):
        return False
    return all(is_cameo(coding.event) for coding in record.codings)


def gold_triples(record: Record, known: Collection[str]) -> list[Triple]:
    return [
        Triple(country_of(coding.source, known), country_of(coding.target, known), root_of(coding.event))
        for coding in record.codings
    ]


def score(
    records: Collection[Record], predict: Callable[[Record], tuple[Event, ...]], known: Collection[str]
) -> Report:
    """Correct / extra / missed triples over every record, in total and per quad.

    ``pair_*`` scores the (source, target) pairs alone, whatever the event
    code: the unit tests' verb dictionary uses its own codes (VISIT is 032,
    WELCOME 041), so there the pairs say more about the coder's grammar.
    """
    total, pairs = Tally(), Tally()
    quads = {quad: Tally() for quad in (1, 2, 3, 4)}
    exact = scored = excluded = 0
    mistakes: list[Mistake] = []
    for record in records:
        if not scorable(record):
            excluded += 1
            continue
        scored += 1
        gold = gold_triples(record, known)
        predicted = [triple for event in predict(record) for triple in event_triples(event)]
        matching = match(gold, predicted)
        total.add(matching.tally)
        pairs.add(match(map(without_root, gold), map(without_root, predicted)).tally)
        for triple in matching.correct:
            quads[quad_of(triple.root)].correct += 1
        for triple in matching.extra:
            quads[quad_of(triple.root)].extra += 1
        for triple in matching.missed:
            quads[quad_of(triple.root)].missed += 1
        if matching.extra or matching.missed:
            mistakes.append(Mistake(record.id, record.text, describe(gold), describe(predicted)))
        else:
            exact += 1
    metrics: Metrics = {"sentences": scored, "excluded": excluded, **total.metrics()}
    metrics["sentence_accuracy"] = ratio(exact, scored)
    metrics |= pairs.metrics("pair_")
    for quad, tally in quads.items():
        metrics |= tally.metrics(f"quad.{quad}.")
    return Report(metrics, tuple(mistakes))
