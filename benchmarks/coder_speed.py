"""CPU time per article of repair + actors + coding, next to a baseline, and proof the output did not change.

    python benchmarks/coder_speed.py                      # this tree against main's merge base
    python benchmarks/coder_speed.py --baseline HEAD~1    # against any commit
    python benchmarks/coder_speed.py --dump out.jsonl     # only dump this tree's records

Codes a fixed set of texts (the bundled sample corpus, eval/dev's articles,
the seeds at ../shared/seeds where present, and a generated corpus) and
writes every record of each article (the repaired article, its mentions,
sentences and date window, and every field of every event) as canonical JSON,
one article a line. The baseline runs from a git worktree of the given
commit, in its own process, alternating with this tree's for ``--rounds``
rounds; the dumps must be byte-identical, and the script fails where they are
not. CPU time (``time.process_time``) is reported per article and per stage
(repair, actors, coding), the lowest of the rounds, with wall time beside it.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import hashlib
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from baseline import merge_base, run_in, worktree

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
STAGES = ("repair", "actors", "coding")


def plain(value: object) -> object:
    """A record as JSON-ready values: dataclasses as objects of their fields, enums by value, dates ISO."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: plain(getattr(value, item.name)) for item in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    return value


def corpora(generated: int) -> dict[str, list[str]]:
    """The inputs of each corpus, by name; the generated one is written once, to a file shared by both runs."""
    from bilateral.samples import corpus_dir
    from bilateral.samples.generate import write_jsonl

    folder = Path(tempfile.gettempdir()) / "coder-speed"  # one fixed path: the origins in the dump stay the same
    folder.mkdir(exist_ok=True)
    found = {
        "samples": [str(corpus_dir())],
        "dev": [str(ROOT / "eval" / "dev" / "articles")],
        "generated": [str(write_jsonl(folder / f"generated-{generated}.jsonl", generated, seed=13))],
    }
    if SEEDS.is_dir():
        found["seeds"] = [str(SEEDS)]
    return found


def measure(inputs: dict[str, list[str]], dump: Path | None) -> dict[str, dict[str, float]]:
    """Code every corpus once, timing each stage; write the records to ``dump``."""
    from bilateral.actors import gazetteer, recognise
    from bilateral.code import code
    from bilateral.read import read_paths
    from bilateral.records import Document
    from bilateral.repair import repair
    from bilateral.samples import corpus_dir

    gaz = gazetteer()
    clock = time.process_time
    figures: dict[str, dict[str, float]] = {}
    lines: list[str] = []
    for item in read_paths([str(corpus_dir())]):  # every lazily built table (lexicons, places) built untimed
        if isinstance(item, Document):
            code(recognise(repair(item), gaz))
    for name, paths in inputs.items():
        documents = [item for item in read_paths(paths) if isinstance(item, Document)]
        spent = dict.fromkeys(STAGES, 0.0)
        began = time.perf_counter()
        for document in documents:
            first = clock()
            article = repair(document)
            second = clock()
            reading = recognise(article, gaz)
            third = clock()
            events = code(reading)
            fourth = clock()
            spent["repair"] += second - first
            spent["actors"] += third - second
            spent["coding"] += fourth - third
            if dump is not None:
                record = {"corpus": name, "reading": plain(reading), "events": plain(events)}
                lines.append(json.dumps(record, sort_keys=True, ensure_ascii=False))
        wall = time.perf_counter() - began
        figures[name] = {"articles": len(documents), "wall": wall, **spent}
    if dump is not None:
        dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return figures


def run_tree(tree: Path, dump: Path, inputs: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """Measure the ``bilateral`` package of ``tree`` in a fresh process."""
    return dict(run_in(tree, __file__, ["--worker", json.dumps(inputs), "--dump", str(dump)]))


def best(rounds: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Per corpus and figure, the lowest of the rounds (the one least disturbed by other load)."""
    return {name: {key: min(one[name][key] for one in rounds) for key in rounds[0][name]} for name in rounds[0]}


def report(label: str, figures: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Milliseconds per article by corpus: each stage, coding and repair+actors+coding, CPU and wall."""
    table: dict[str, dict[str, float]] = {}
    for name, row in figures.items():
        count = row["articles"] or 1
        per = {stage: 1000 * row[stage] / count for stage in STAGES}
        per["analysis"] = sum(per[stage] for stage in STAGES)
        per["wall"] = 1000 * row["wall"] / count
        table[name] = {key: round(value, 3) for key, value in per.items()}
        print(
            f"{label:9} {name:10} {int(row['articles']):6} articles  cpu ms/article: repair {per['repair']:.3f}"
            f"  actors {per['actors']:.3f}  coding {per['coding']:.3f}  all {per['analysis']:.3f}"
            f"  (wall {per['wall']:.3f})"
        )
    return table


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compare(baseline: str, rounds: int, generated: int) -> int:
    inputs = corpora(generated)
    work = Path(tempfile.mkdtemp(prefix="coder-speed-"))
    with worktree(baseline, work / "baseline") as base_tree:
        measured: dict[str, list[dict[str, dict[str, float]]]] = {"baseline": [], "this tree": []}
        trees = {"baseline": (base_tree, work / "baseline.jsonl"), "this tree": (ROOT, work / "this.jsonl")}
        for turn in range(rounds):
            for label in sorted(trees, reverse=turn % 2 == 1):  # each tree first in every other round
                measured[label].append(run_tree(*trees[label], inputs))
    tables = {label: report(label, best(runs)) for label, runs in measured.items()}
    for name in tables["baseline"]:
        before, after = tables["baseline"][name], tables["this tree"][name]
        print(
            f"{name:10} coding {before['coding']:.3f} -> {after['coding']:.3f} ms"
            f"  ({before['coding'] / after['coding']:.2f}x);"
            f"  repair+actors+coding {before['analysis']:.3f} -> {after['analysis']:.3f} ms"
            f"  ({before['analysis'] / after['analysis']:.2f}x)"
        )
    same = digest(work / "baseline.jsonl") == digest(work / "this.jsonl")
    print(f"records identical: {same} (sha256 {digest(work / 'this.jsonl')[:16]}, dumps in {work})")
    return 0 if same else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", help="the commit to compare with [default: the merge base with main]")
    parser.add_argument("--rounds", type=int, default=4, help="runs of each tree, alternating; the lowest counts")
    parser.add_argument("--generated", type=int, default=1_000, help="articles in the generated corpus")
    parser.add_argument("--dump", type=Path, help="write this tree's records here (with --worker, or alone)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # the corpora as JSON: measure once, print figures
    options = parser.parse_args()
    if options.worker is not None:
        print(json.dumps(measure(json.loads(options.worker), options.dump)))
        return 0
    if options.dump is not None:
        report("this tree", measure(corpora(options.generated), options.dump))
        return 0
    return compare(options.baseline or merge_base(), options.rounds, options.generated)


if __name__ == "__main__":
    sys.exit(main())
