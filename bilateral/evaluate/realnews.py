"""The real-news set: public news pages annotated by the team (``eval/realnews/``).

The texts belong to their publishers and stay outside the repository, in a
folder given by ``--texts`` or ``BILATERAL_REALNEWS`` (default
``../realnews/texts``, beside the checkout). The repository keeps the
manifest (how to re-fetch each text: query, rank and url; its length, a hash
and its split) and the annotations, whose evidence is a pair of character
offsets into the text rather than the sentence itself.

Scored as the development set is (:mod:`bilateral.evaluate.dev`), for each
split apart: the test part gives the headline figures and is never tuned
on, so only the development part's mistakes are listed. With the second
annotation pass present, the agreement between the two independent passes
is reported too, and the second pass scored against the adjudicated gold.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilateral.code.model import Model
from bilateral.errors import FormatError
from bilateral.evaluate.agreements import score_agreements
from bilateral.evaluate.dev import Annotated, annotated, code_articles, read_records, score
from bilateral.evaluate.metrics import Metrics, Report, Tally

MANIFEST = "manifest.jsonl"
ANNOTATIONS = "annotations.jsonl"
FIRST_PASS = "pass_a.jsonl"
SECOND_PASS = "pass_b.jsonl"
TEXTS_ENV = "BILATERAL_REALNEWS"
SPLITS = ("test", "dev")
# The figures shown for each split beside the test part's full report.
_SHOWN = ("articles", "gold_events", "pair_precision", "pair_recall", "pair_f1", "directed_f1")


@dataclass(frozen=True, slots=True)
class Entry:
    """One manifest line: where the text came from, what it must hash to, and its split."""

    article: str
    query: str
    rank: int
    url: str
    chars: int
    sha256: str
    split: str


def texts_folder(given: Path | None = None) -> Path:
    """The folder of texts: ``given``, else ``$BILATERAL_REALNEWS``, else ``../realnews/texts``."""
    return given or Path(os.environ.get(TEXTS_ENV) or "../realnews/texts")


def text_hash(text: str) -> str:
    """The SHA-256 of the text with its white space collapsed (a re-fetch may differ in line ends)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def read_manifest(folder: Path) -> list[Entry]:
    entries: list[Entry] = []
    for record in read_records(folder / MANIFEST):
        try:
            entries.append(Entry(**{name: record[name] for name in Entry.__slots__}))
        except (KeyError, TypeError) as error:
            raise FormatError(f"article {record.get('article')!r}: {error}", origin=str(folder / MANIFEST)) from error
    return entries


def missing(folder: Path, texts: Path) -> str | None:
    """Why the set cannot be scored here (no texts folder, texts absent), or ``None``."""
    if not texts.is_dir():
        return f"no texts folder {texts} (set --texts or ${TEXTS_ENV}; {folder / 'README.md'} says how to fetch them)"
    absent = [entry.article for entry in read_manifest(folder) if not (texts / f"{entry.article}.txt").is_file()]
    if absent:
        return f"{len(absent)} texts missing from {texts} (first: {absent[0]}.txt)"
    return None


def with_quotes(record: dict[str, Any], text: str) -> dict[str, Any]:
    """The record with each event's quote cut from the text by its offsets."""
    events = [
        event | {"quote": text[event["start"] : event["end"]] if event.get("start") is not None else ""}
        for event in record.get("events") or ()
    ]
    return record | {"events": events}


def _checked_text(entry: Entry, texts: Path) -> str:
    path = texts / f"{entry.article}.txt"
    text = path.read_text(encoding="utf-8")
    if text_hash(text) != entry.sha256:
        raise FormatError(f"not the text annotated (hash of {entry.url}); fetch it again", origin=str(path))
    return text


def read_gold(folder: Path, texts: Path) -> tuple[dict[str, Entry], list[dict[str, Any]]]:
    """The manifest by article, and the annotation records with their quotes cut from the checked texts."""
    entries = {entry.article: entry for entry in read_manifest(folder)}
    records = []
    for record in read_records(folder / ANNOTATIONS):
        entry = entries.get(str(record.get("article")))
        if entry is None:
            raise FormatError(f"article {record.get('article')!r} is not in the manifest", origin=str(folder))
        records.append(with_quotes(record, _checked_text(entry, texts)))
    return entries, records


def development(folder: Path, texts: Path) -> list[Annotated]:
    """The development part's gold, read from the checked texts (the test part is not read)."""
    entries, records = read_gold(folder, texts)
    return [
        annotated(record, texts / f"{record['article']}.txt")
        for record in records
        if entries[record["article"]].split == "dev"
    ]


def run(folder: Path, texts: Path, *, model: Model = Model.OFF) -> Report:
    """Code every annotated text and score each split; the test part's figures lead."""
    entries, records = read_gold(folder, texts)
    gold = [annotated(record, texts / f"{record['article']}.txt") for record in records]
    predictions, coded = code_articles(gold, model=model)
    reports: dict[str, Report] = {}
    for split in SPLITS:
        chosen = [index for index, item in enumerate(gold) if entries[item.article].split == split]
        names = {gold[index].article for index in chosen}
        report = score([gold[index] for index in chosen], [predictions[index] for index in chosen])
        registry = score_agreements([records[index] for index in chosen], [item for item in coded if item[0] in names])
        reports[split] = Report(report.metrics | registry, report.mistakes)
    metrics: Metrics = dict(reports["test"].metrics)
    for split in SPLITS:
        metrics |= {f"split.{split}.{name}": reports[split].metrics[name] for name in _SHOWN}
    metrics |= _agreement(folder, records)
    return Report(metrics, reports["dev"].mistakes)


def _agreement(folder: Path, gold: Sequence[dict[str, Any]]) -> Metrics:
    """How far the two independent passes agree (``passes_pair_*``), and the second pass scored against
    the adjudicated gold as the coder is (``annotator_pair_*``: what one careful person reaches)."""
    if not (folder / SECOND_PASS).is_file():
        return {}
    second = read_records(folder / SECOND_PASS)
    metrics: Metrics = passes_agree(gold, second).metrics("annotator_pair_")
    if (folder / FIRST_PASS).is_file():
        metrics |= passes_agree(read_records(folder / FIRST_PASS), second).metrics("passes_pair_")
    return metrics


def passes_agree(first: Sequence[dict[str, Any]], second: Sequence[dict[str, Any]]) -> Tally:
    """How far two annotation passes agree on type + unordered parties, the first taken as gold."""
    tally = Tally()
    others = {str(record.get("article")): record for record in second}
    for record in first:
        other = others.get(str(record.get("article")))
        if other is None:
            continue
        keys = [{event.unordered for event in _gold(item).events} for item in (record, other)]
        tally.correct += len(keys[0] & keys[1])
        tally.missed += len(keys[0] - keys[1])
        tally.extra += len(keys[1] - keys[0])
    return tally


def _gold(record: dict[str, Any]) -> Annotated:
    return annotated(record, Path(str(record.get("article"))))


def manifest_line(entry: Entry) -> str:
    return json.dumps({name: getattr(entry, name) for name in Entry.__slots__}, ensure_ascii=False)
