"""Our development set: whole articles annotated by the team (``eval/dev/GUIDE.md``).

Each line of ``annotations.jsonl`` names an article in ``articles/`` and
lists its events. Every article is read, repaired, its actors recognised
with the default gazetteer and its events coded, as the pipeline does.
Background events (history the article mentions) are dropped from the
prediction, since the guide leaves them out of the gold.

Per article, gold and predicted events are compared as keys, each distinct
key once (a visit told in three sentences is one event):

* type + the unordered set of countries (actor ∪ recipient);
* type + directed pair (actor set, recipient set);
* over the events matched by the first key: date accuracy (the same day
  where the gold is precise to the day, the predicted date inside the gold
  week, month or year otherwise, and no date where the gold has none; the
  office-holder window an undated article's events carry is not a date, and
  is scored on its own below) and
  modality accuracy, each right for a key when any of the gold events and
  any of the predicted events told under it agree (two acts of one type
  between one pair on two days are one key, right by either date);
* the date window of undated articles (the same start and end).

The articles are then stored and linked, and the agreement registry is
scored against the gold agreements (see :mod:`bilateral.evaluate.agreements`).
"""

from __future__ import annotations

import json
from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bilateral.code.model import Model
from bilateral.errors import FormatError
from bilateral.evaluate.agreements import score_agreements
from bilateral.evaluate.metrics import Metrics, Mistake, Report, Tally, per_label, ratio
from bilateral.records import CodedArticle, DateWindow, Event, Precision, Scope

ANNOTATIONS = "annotations.jsonl"

Key = tuple[str, frozenset[str], frozenset[str]]
Prediction = tuple[tuple[Event, ...], DateWindow | None]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    event: str
    actor: frozenset[str]
    recipient: frozenset[str]
    day: date | None
    precision: str | None
    modality: str | None
    quote: str = ""

    @property
    def unordered(self) -> tuple[str, frozenset[str]]:
        return self.event, self.actor | self.recipient

    @property
    def directed(self) -> Key:
        return self.event, self.actor, self.recipient


@dataclass(frozen=True, slots=True)
class Annotated:
    """One article's gold: where it is, and its events and date window."""

    article: str
    path: Path
    events: tuple[GoldEvent, ...]
    window: tuple[date, date | None] | None = None


def read_records(path: Path) -> list[dict[str, Any]]:
    """The annotation records of a JSON Lines file, one per article."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise FormatError(f"cannot read: {error}", origin=str(path)) from error
    records: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise FormatError(f"line {number}: {error}", origin=str(path)) from error
        if not isinstance(record, dict):
            raise FormatError(f"line {number}: expected an object", origin=str(path))
        records.append(record)
    return records


def read_annotations(folder: Path) -> list[Annotated]:
    return _read(folder)[1]


def _read(folder: Path) -> tuple[list[dict[str, Any]], list[Annotated]]:
    """The annotation records of the set in ``folder``, and each article's gold."""
    path = folder / ANNOTATIONS
    records = read_records(path)
    return records, [_checked(record, _article_path(record, folder), path) for record in records]


def _checked(record: dict[str, Any], article: Path, origin: Path) -> Annotated:
    try:
        return annotated(record, article)
    except (KeyError, TypeError, ValueError) as error:
        raise FormatError(f"article {record.get('article')!r}: {error}", origin=str(origin)) from error


def _article_path(record: dict[str, Any], folder: Path) -> Path:
    name = str(record.get("file") or record.get("article") or record.get("id"))
    path = folder / name if (folder / name).is_file() else folder / "articles" / Path(name).name
    if not path.is_file() and (folder / "articles" / f"{name}.txt").is_file():
        path = folder / "articles" / f"{name}.txt"
    return path


def annotated(record: dict[str, Any], path: Path) -> Annotated:
    """One article's gold from its annotation record; the article's text is at ``path``."""
    window = record.get("date_window")
    return Annotated(
        path.stem,
        path,
        tuple(_event(event) for event in record.get("events") or ()),
        (date.fromisoformat(window["start"]), _day(window.get("end"))) if isinstance(window, dict) else None,
    )


def _event(record: dict[str, Any]) -> GoldEvent:
    return GoldEvent(
        str(record.get("event") or record["type"]),
        _countries(record.get("actor")),
        _countries(record.get("recipient")),
        _day(record.get("date")),
        record.get("date_precision"),
        record.get("modality"),
        str(record.get("quote") or ""),
    )


def _countries(parties: Any) -> frozenset[str]:
    if not parties:
        return frozenset()
    codes = (party if isinstance(party, str) else party.get("country") or party.get("code") for party in parties)
    return frozenset(str(code) for code in codes if code)


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def predicted_keys(events: Iterable[Event]) -> dict[Key, Event]:
    """The first predicted event for every directed key, background and domestic acts left out
    (both guides leave out acts of one state at home)."""
    keys: dict[Key, Event] = {}
    for event in events:
        if event.background or event.scope is Scope.DOMESTIC:
            continue
        actor = frozenset(party.country for party in event.actor if party.country)
        recipient = frozenset(party.country for party in event.recipient if party.country)
        keys.setdefault((event.event, actor, recipient), event)
    return keys


def period_end(start: date, precision: str | None) -> date:
    """The last day of the gold period that starts on ``start``."""
    if precision == "week":
        return start + timedelta(days=6)
    if precision == "month":
        return start.replace(day=monthrange(start.year, start.month)[1])
    if precision == "year":
        return start.replace(month=12, day=31)
    return start


def date_right(gold: GoldEvent, event: Event) -> bool:
    """Whether the predicted date agrees with the gold (an office-holder window counts as no date)."""
    if gold.day is None:
        return event.when.start is None or event.when.precision is Precision.WINDOW
    start = event.when.start
    if start is None:
        return False
    end = event.when.end or start
    if gold.precision in (None, "day"):
        return start == end == gold.day
    return gold.day <= start and end <= period_end(gold.day, gold.precision)


@dataclass(slots=True)
class _Counts:
    unordered: Tally
    directed: Tally
    dated: int = 0
    dates_right: int = 0
    modalities_right: int = 0
    windows: int = 0
    windows_right: int = 0


def score(annotated: Sequence[Annotated], predictions: Iterable[Prediction]) -> Report:
    """Score articles given, for each, its predicted events and its date window (or ``None``)."""
    counts = _Counts(Tally(), Tally())
    types: dict[str, Tally] = {}
    mistakes: list[Mistake] = []
    for gold, (events, window) in zip(annotated, predictions, strict=True):
        keys = predicted_keys(events)
        unordered: dict[tuple[str, frozenset[str]], Event] = {}
        for (kind, actor, recipient), event in keys.items():
            unordered.setdefault((kind, actor | recipient), event)
        gold_unordered = {event.unordered: event for event in gold.events}
        told: dict[tuple[str, frozenset[str]], list[GoldEvent]] = {}
        for gold_event in gold.events:
            told.setdefault(gold_event.unordered, []).append(gold_event)
        coded: dict[tuple[str, frozenset[str]], list[Event]] = {}
        for (kind, actor, recipient), event in keys.items():
            coded.setdefault((kind, actor | recipient), []).append(event)
        gold_directed = {event.directed for event in gold.events}
        _tally(counts.unordered, set(gold_unordered), set(unordered))
        _tally(counts.directed, gold_directed, set(keys))
        for key in gold_unordered.keys() | unordered.keys():
            tally = types.setdefault(key[0], Tally())
            if key not in unordered:
                tally.missed += 1
            elif key not in gold_unordered:
                tally.extra += 1
            else:
                tally.correct += 1
        for key in gold_unordered.keys() & unordered.keys():  # one key once, however often told: any pairing
            pairs = [(gold_event, event) for gold_event in told[key] for event in coded[key]]
            counts.dated += 1
            counts.dates_right += any(date_right(gold_event, event) for gold_event, event in pairs)
            counts.modalities_right += any(gold_event.modality == event.modality for gold_event, event in pairs)
        if gold.window is not None:
            counts.windows += 1
            counts.windows_right += window is not None and (window.start, window.end) == gold.window
        for key in sorted(set(gold_unordered) ^ set(unordered), key=str):
            side = "missed" if key in gold_unordered else "extra"
            text = gold_unordered[key].quote if key in gold_unordered else unordered[key].evidence.quote
            label = f"{key[0]} {'+'.join(sorted(key[1])) or '?'}"
            mistakes.append(
                Mistake(gold.article, text, label if side == "missed" else "-", label if side == "extra" else "-")
            )
    metrics: Metrics = {"articles": len(annotated), "gold_events": sum(len(gold.events) for gold in annotated)}
    metrics |= counts.unordered.metrics("pair_") | counts.directed.metrics("directed_")
    metrics |= {
        "date_accuracy": ratio(counts.dates_right, counts.dated),
        "modality_accuracy": ratio(counts.modalities_right, counts.dated),
        "matched": counts.dated,
        "window_accuracy": ratio(counts.windows_right, counts.windows),
        "windows": counts.windows,
    }
    return Report(metrics | per_label(types, "type"), tuple(mistakes))


def _tally(tally: Tally, gold: set[T], predicted: set[T]) -> None:
    tally.correct += len(gold & predicted)
    tally.extra += len(predicted - gold)
    tally.missed += len(gold - predicted)


def run(folder: Path, *, model: Model = Model.OFF) -> Report:
    """Read, repair, recognise and code every annotated article, then score it."""
    records, gold = _read(folder)
    predictions, coded = code_articles(gold, model=model)
    report = score(gold, predictions)
    return Report(report.metrics | score_agreements(records, coded), report.mistakes)


def code_articles(
    annotated: Sequence[Annotated], *, model: Model = Model.OFF
) -> tuple[list[Prediction], list[tuple[str, CodedArticle]]]:
    """Each article read, repaired, its actors recognised and its events coded, as the pipeline does."""
    from bilateral.actors import gazetteer, recognise
    from bilateral.code import code
    from bilateral.read import read_paths
    from bilateral.records import Failure
    from bilateral.repair import repair

    actors = gazetteer()
    predictions: list[Prediction] = []
    coded: list[tuple[str, CodedArticle]] = []
    for gold in annotated:
        items = list(read_paths([str(gold.path)]))
        document = next((item for item in items if not isinstance(item, Failure)), None)
        failures = [item for item in items if isinstance(item, Failure)]
        if document is None or failures:  # a gold article that cannot be read would be scored as silence
            why = f"{failures[0].message} [{failures[0].code}]" if failures else "nothing read"
            raise FormatError(f"gold article {gold.article} cannot be read: {why}", origin=str(gold.path))
        reading = recognise(repair(document), actors)
        events = code(reading, model=model)
        predictions.append((events, reading.window))
        coded.append((gold.article, CodedArticle(reading, events)))
    return predictions, coded
