"""What linking costs as the store grows, part by part: one batch of news articles linked into a grown store and
into an empty one.

    python benchmarks/link_growth.py --store /tmp/grown.db            # builds 40,000 news articles there once
    python benchmarks/link_growth.py --store /tmp/grown.db --more 2000 --seed 99

The grown store (``--articles`` realistic news articles, bilateral.samples.news, ingested as ingest does:
each batch linked as it is stored, dates in no order) is built at ``--store`` unless it is there already; it
is migrated to this version's schema first, outside the measurement. Then ``--more`` articles of another seed
are ingested into a copy of it and into an empty store, each in a fresh process, and the CPU seconds of the
linking transactions are reported, with the parts of linking timed inside them (copy groups, attaching to
stories, the registries, and the refresh of stories and agreements). No profiler: the timers wrap the
functions. Results go to benchmarks/results/link_growth.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RESULTS = Path(__file__).parent / "results"

_BUILD = """
from pathlib import Path
from bilateral.actors import gazetteer
from bilateral.pipeline import ingest
from bilateral.samples.generate import write_jsonl
from bilateral.store import Store
corpus = write_jsonl(Path({corpus!r}), {size}, news=True)
with Store({db!r}) as store:
    ingest([str(corpus)], store, gazetteer())
"""

_MEASURE = """
import contextlib, json, sys, time
from collections import Counter
from pathlib import Path
import bilateral.link
from bilateral.actors import gazetteer
from bilateral.pipeline import ingest
from bilateral.samples.generate import write_jsonl
from bilateral.store import Store, links, rollups
linking_module = sys.modules["bilateral.link"]
spent = Counter()
def timed(owner, name, label):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        began = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - began
    setattr(owner, name, wrapper)
timed(linking_module, "group", "copy groups")
timed(linking_module, "attach", "attaching to stories")
timed(linking_module, "link_registry", "registries")
timed(rollups, "_refresh_stories", "refresh of stories")
timed(rollups, "_refresh_agreements", "refresh of agreements")
corpus = write_jsonl(Path({corpus!r}), {more}, seed={seed}, news=True)
gaz = gazetteer()
with Store({db!r}) as store:
    spent.clear()  # a migration's refresh is not linking
    transaction = store.linking
    @contextlib.contextmanager
    def whole():
        began = time.process_time()
        with transaction() as linking:
            yield linking
        spent["linking"] += time.process_time() - began
    store.linking = whole
    summary = ingest([str(corpus)], store, gaz)
figures = {{label: round(seconds, 2) for label, seconds in spent.most_common()}}
print(json.dumps(dict(articles=summary.read, cpu_seconds=figures,
                      link_articles_per_cpu_second=round(summary.read / spent["linking"]))))
"""


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="the grown store (built here if absent)")
    parser.add_argument("--articles", type=int, default=40_000, help="news articles in the grown store")
    parser.add_argument("--more", type=int, default=2_000, help="news articles linked into each store")
    parser.add_argument("--seed", type=int, default=99, help="the seed of the articles added (not the store's)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if not options.store.exists():
            _run(_BUILD.format(corpus=str(work / "grown.jsonl.gz"), size=options.articles, db=str(options.store)))
        _run(f"from bilateral.store import Store\nwith Store({str(options.store)!r}): pass")  # migrated, once
        grown = work / "grown.db"
        shutil.copy(options.store, grown)
        results = {}
        for name, db in (("grown", grown), ("empty", work / "empty.db")):
            code = _MEASURE.format(corpus=str(work / "more.jsonl.gz"), more=options.more, seed=options.seed, db=str(db))
            results[name] = json.loads(_run(code))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "link_growth.json").write_text(json.dumps(results, indent=2) + "\n")
    for name, figures in results.items():
        print(name, json.dumps(figures))


if __name__ == "__main__":
    main()
