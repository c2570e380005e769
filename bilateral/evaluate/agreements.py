"""The agreement registry scored against the development set's agreements (``eval/dev/GUIDE.md`` §7).

The annotated articles are stored and linked as ``ingest`` does; each gold
agreement (a key reused across articles) is matched to the registry entries
whose stages were read from a sentence the gold ties to that key (the
``agreement`` field of its events). Reported:

* ``agreement_recall``: gold agreements with at least one matching entry;
* ``agreement_precision``: entries that match a gold agreement;
* ``agreement_merged``: gold agreements reported in two or more articles that
  land on exactly one entry (the same agreement told by several outlets is one);
* ``agreement_stage_accuracy``: matched gold agreements whose entry reaches the
  furthest stage the gold gives.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bilateral.evaluate.metrics import Metrics, ratio
from bilateral.records import CodedArticle

_STAGES = {"in_force": "in force", "implemented": "delivered", "ended": "suspended"}


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def _gold(records: Sequence[Mapping[str, Any]]) -> tuple[dict[str, set[tuple[str, str]]], dict[str, str]]:
    """Per gold key: its (article, quote) pairs; and its furthest stage."""
    quotes: dict[str, set[tuple[str, str]]] = {}
    stages: dict[str, str] = {}
    for record in records:
        article = Path(str(record.get("article") or record.get("file") or record.get("id"))).stem
        for event in record.get("events") or ():
            if event.get("agreement"):
                quotes.setdefault(event["agreement"], set()).add((article, _normal(event.get("quote") or "")))
        for entry in record.get("agreements") or ():
            stage = str(entry.get("stage") or "")
            stages[entry["key"]] = _STAGES.get(stage, stage)
    return quotes, stages


def score_agreements(records: Sequence[Mapping[str, Any]], coded: Sequence[tuple[str, CodedArticle]]) -> Metrics:
    """Store and link ``coded`` (article name, coded article) and score its registry against ``records``.

    ``records`` are the gold annotation records, each event's ``quote`` the sentence it was read from.
    """
    from bilateral.link import link
    from bilateral.registry import agreements
    from bilateral.store import Store

    names = {item.reading.article.id: name for name, item in coded}
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "dev.db") as store:
        store.add([item for _, item in coded])
        link(store)
        entries = agreements(store)
    gold_quotes, gold_stages = _gold(records)
    matches: dict[str, set[str]] = {key: set() for key in gold_quotes}
    matched_entries = set()
    for entry in entries:
        read = {(names.get(stage.article_id, ""), _normal(stage.quote)) for stage in entry.stages}
        for key, quotes in gold_quotes.items():
            if any(article == gold_article and (quote in gold_quote or gold_quote in quote)
                   for article, quote in read for gold_article, gold_quote in quotes):  # fmt: skip
                matches[key].add(entry.id)
                matched_entries.add(entry.id)
    status = {entry.id: entry.status() for entry in entries}
    found = [key for key, ids in matches.items() if ids]
    shared = [key for key, quotes in gold_quotes.items() if len({article for article, _ in quotes}) > 1]
    staged = [key for key in found if key in gold_stages]
    return {
        "agreements_gold": len(gold_quotes),
        "agreement_entries": len(entries),
        "agreement_recall": ratio(len(found), len(gold_quotes)),
        "agreement_precision": ratio(len(matched_entries), len(entries)),
        "agreement_merged": ratio(sum(1 for key in shared if len(matches[key]) == 1), len(shared)),
        "agreement_stage_accuracy": ratio(
            sum(1 for key in staged if gold_stages[key] in {status[entry] for entry in matches[key]}), len(staged)
        ),
    }
