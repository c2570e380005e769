"""Build the real-news set's repository files from the annotators' working files.

    python eval/realnews/build.py --work ../realnews/work --texts ../realnews/texts

Reads ``manifest_*.jsonl`` (article, query, rank, url), ``passA_*.jsonl`` (the
first pass) and ``passB_*.jsonl`` (the second, independent pass) from the
working folder, and the texts. Writes ``manifest.jsonl`` (with each text's
length, hash and split), ``annotations.jsonl`` (the gold: the first pass, adjudicated
where an ``adjudicated_*.jsonl`` line in the working folder replaces an article's
record), ``pass_a.jsonl`` and ``pass_b.jsonl`` (the two independent passes),
each quote replaced by its character offsets in the text, so no sentence of a
text enters the repository. A split once given is kept; new articles fill the
test part up to three in eight, by the hash of their url. Prints what it
wrote, quotes it could not find, and the agreement between the passes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bilateral.evaluate import realnews
from bilateral.evaluate.dev import read_records

HERE = Path(__file__).parent
TEST_SHARE = 3 / 8


def records(work: Path, pattern: str) -> dict[str, dict[str, Any]]:
    """Every record in the working files matching ``pattern``, by article (a later line wins)."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(work.glob(pattern)):
        for record in read_records(path):
            found[str(record["article"])] = record
    return found


def offsets(quote: str, text: str) -> tuple[int, int] | None:
    """Where the quote stands in the text, allowing for differences of white space."""
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return (match.start(), match.end()) if match else None


def located(record: dict[str, Any], text: str, problems: list[str]) -> dict[str, Any]:
    """The record with each event's quote replaced by ``start`` and ``end``."""
    events = []
    for event in record.get("events") or ():
        quote = str(event.get("quote") or "")
        span = offsets(quote, text)
        if span is None:
            problems.append(f"{record['article']}: quote not found: {quote[:60]!r}")
        kept = {key: value for key, value in event.items() if key != "quote"}
        events.append(kept | {"start": span[0] if span else None, "end": span[1] if span else None})
    return {key: value for key, value in record.items() if key != "events"} | {"events": events}


def splits(manifest: dict[str, dict[str, Any]], known: dict[str, str]) -> dict[str, str]:
    """Each article's split: the one it has, else test until the test part holds its share."""
    chosen = {article: known[article] for article in manifest if article in known}
    wanted = math.ceil(TEST_SHARE * len(manifest))
    by_hash = sorted(manifest, key=lambda article: hashlib.sha256(manifest[article]["url"].encode()).hexdigest())
    for article in by_hash:
        if article not in chosen:
            chosen[article] = "test" if sum(split == "test" for split in chosen.values()) < wanted else "dev"
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="the annotators' working folder")
    parser.add_argument("--texts", type=Path, default=None, help="the texts folder")
    options = parser.parse_args()
    texts = realnews.texts_folder(options.texts)
    manifest = records(options.work, "manifest_*.jsonl")
    raw = records(options.work, "passA_*.jsonl")
    adjudicated = records(options.work, "adjudicated_*.jsonl")
    first = raw | adjudicated
    second = records(options.work, "passB_*.jsonl")
    known = {}
    if (HERE / realnews.MANIFEST).is_file():
        known = {entry.article: entry.split for entry in realnews.read_manifest(HERE)}
    articles = sorted(article for article in manifest if article in first and (texts / f"{article}.txt").is_file())
    hashes: dict[str, str] = {}
    for article in list(articles):  # the same text taken twice counts once, under its first id
        digest = realnews.text_hash((texts / f"{article}.txt").read_text(encoding="utf-8"))
        if digest in hashes:
            print(f"{article}: the same text as {hashes[digest]}, left out", file=sys.stderr)
            articles.remove(article)
        hashes.setdefault(digest, article)
    split = splits({article: manifest[article] for article in articles}, known)
    problems: list[str] = []
    lines: dict[str, list[str]] = {
        "manifest.jsonl": [],
        "annotations.jsonl": [],
        "pass_a.jsonl": [],
        "pass_b.jsonl": [],
    }
    for article in articles:
        text = (texts / f"{article}.txt").read_text(encoding="utf-8")
        row = manifest[article]
        entry = realnews.Entry(
            article, row["query"], int(row["rank"]), row["url"], len(text), realnews.text_hash(text), split[article]
        )
        lines["manifest.jsonl"].append(realnews.manifest_line(entry))
        lines["annotations.jsonl"].append(json.dumps(located(first[article], text, problems), ensure_ascii=False))
        lines["pass_a.jsonl"].append(json.dumps(located(raw[article], text, problems), ensure_ascii=False))
        if article in second:
            lines["pass_b.jsonl"].append(json.dumps(located(second[article], text, problems), ensure_ascii=False))
    for name, rows in lines.items():
        (HERE / name).write_text("".join(row + "\n" for row in rows), encoding="utf-8")
    events = [event for article in articles for event in first[article].get("events") or ()]
    print(f"{len(articles)} articles ({Counter(split.values())}), {len(events)} events")
    print("per type:", dict(Counter(str(event["type"]) for event in events).most_common()))
    print("no international event:", sum(not first[article].get("events") for article in articles))
    both = [raw[article] for article in articles if article in second]
    tally = realnews.passes_agree(both, [second[article] for article in articles if article in second])
    print(f"{sum(article in adjudicated for article in articles)} articles adjudicated where the passes differ")
    print(
        f"the independent passes agree on {len(both)} articles (type + parties, pass A as gold): "
        f"P {tally.precision:.3f} R {tally.recall:.3f} F1 {tally.f1:.3f} "
        f"({tally.correct} shared, {tally.missed} only in A, {tally.extra} only in B)"
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
