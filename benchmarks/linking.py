"""Grouping and merging at scale: copies, stories and registries over generated corpora.

    python benchmarks/linking.py                 # 10,000 and 100,000 articles
    python benchmarks/linking.py --sizes 10000   # one size

For each size, a fresh process ingests the generated corpus without linking
(the baseline: read, repair, actors, events, store), then links every stored
article incrementally (500 per transaction, index look-ups only) and reports
both rates, the share linking adds, the copy groups and stories found, the
process's peak resident memory, and linking's rate in articles per CPU-second
over each step of ``--every`` articles as the linked store grows (the articles
are linked in date order, their dates spread at random over five years; with ``--interleaved``, each batch
of 500 is linked as ingest links it, right after it is stored, in input order: dates in no order). About a
tenth of the generated articles are edited or truncated copies of a recent one (bilateral.samples.generate:
short articles dense with acts among 8 country pairs, so that stories grow large; ``--news``: the realistic
corpus of bilateral.samples.news, 600-900 words, a few acts each, among 45 countries).
Results go to benchmarks/results/linking.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

RESULTS = Path(__file__).parent / "results"

_RUN = """
import contextlib, json, sqlite3, time
from bilateral.actors import gazetteer
from bilateral.link import link
from bilateral.pipeline import ingest
from bilateral.samples.generate import write_jsonl
from bilateral.store import Store
corpus = write_jsonl(__import__("pathlib").Path({corpus!r}), {size}, news={news})
gaz = gazetteer()
with Store({db!r}) as store:
    spent, walls = [], []  # the CPU and wall time of each linking transaction
    transaction = store.linking
    @contextlib.contextmanager
    def timed():
        began, wall = time.process_time(), time.perf_counter()
        with transaction() as linking:
            yield linking
        spent.append(time.process_time() - began)
        walls.append(time.perf_counter() - wall)
    if {interleaved}:  # as ingest links: each batch of 500 as it is stored, in input order (dates in no order)
        store.linking = timed
        began = time.perf_counter()
        summary = ingest([str(corpus)], store, gaz)
        stored = time.perf_counter() - began - sum(walls)
        linked, linking = summary.read, sum(walls)
    else:  # all stored first, then linked in date order
        began = time.perf_counter()
        summary = ingest([str(corpus)], store, gaz, linking=False)
        stored = time.perf_counter() - began
        store.linking = timed
        began = time.perf_counter()
        linked = link(store)
        linking = time.perf_counter() - began
    spent = [seconds for seconds in spent if seconds > 0.01]  # not a last look that finds nothing pending (~1 ms)
    step = {every} // 500
    spans = range(0, len(spent) - step + 1, step)
    rates = [[500 * (n + step), round(500 * step / sum(spent[n : n + step]))] for n in spans]
db = sqlite3.connect({db!r})
groups, copies = db.execute("SELECT count(DISTINCT copy_group), count(*) FROM copies").fetchone()
stories, events = db.execute("SELECT (SELECT count(*) FROM stories), (SELECT count(*) FROM story_events)").fetchone()
agreements = db.execute("SELECT count(*) FROM agreements").fetchone()[0]
rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps(dict(articles=summary.read, ingest_seconds=round(stored, 1), link_seconds=round(linking, 1),
    ingest_articles_per_second=round(summary.read / stored), link_articles_per_second=round(linked / linking),
    linking_adds_percent=round(100 * linking / stored, 1), copy_groups=groups, articles_in_copy_groups=copies,
    stories=stories, events_in_stories=events, agreements=agreements, peak_rss_mib=round(rss / 1024, 1),
    link_cpu_rate_by_articles_linked=rates)))
"""


def measure(size: int, folder: Path, every: int, *, interleaved: bool, news: bool) -> dict[str, object]:
    corpus, db = str(folder / f"corpus-{size}.jsonl.gz"), str(folder / f"link-{size}.db")
    code = _RUN.format(corpus=corpus, size=size, db=db, every=every, interleaved=interleaved, news=news)
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    result: dict[str, object] = json.loads(output)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--every", type=int, default=10_000, help="articles per step of the rate as linking goes")
    parser.add_argument(
        "--interleaved", action="store_true",
        help="link each batch as it is stored, in input order (dates in no order), as ingest does; linking's time is"
        " that of its transactions",
    )  # fmt: skip
    parser.add_argument("--news", action="store_true", help="the realistic corpus (bilateral.samples.news)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = {
            str(size): measure(size, Path(folder), options.every, interleaved=options.interleaved, news=options.news)
            for size in options.sizes
        }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "linking.json").write_text(json.dumps(results, indent=2) + "\n")
    for size, figures in results.items():
        print(size, json.dumps(figures))


if __name__ == "__main__":
    main()
