"""A watched feed that gains an item a minute, in compressed time: what a round costs, and whether memory stays flat.

    python benchmarks/watch.py                   # 600 rounds (ten hours of a feed adding an item a minute)
    python benchmarks/watch.py --rounds 60 --trace

A loopback server serves an RSS feed holding the 20 newest items (each a new article, full text); before
each round the feed gains one item and the watcher's clock moves on a minute. The baseline, in the same
run, is the pipeline alone (``ingest_documents``) over the same 600 articles, one a batch, into a fresh
store: what watching adds is the fetch, the conditional request and the look-ups of entries already read.
Reports CPU time (``time.process_time``) beside wall time per round, the peak resident memory, and with
``--trace`` the memory tracemalloc holds at round 10, half-way and at the end (tracing slows everything).
Results go to benchmarks/results/watch.json.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import threading
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bilateral.actors import gazetteer
from bilateral.pipeline import ingest_documents
from bilateral.records import Document
from bilateral.store import Store
from bilateral.watch.fetch import HostGate, PoliteFetcher
from bilateral.watch.rounds import Watcher, WatchOptions
from bilateral.watch.sources import given

RESULTS = Path(__file__).parent / "results"
PAIRS = [("Norway", "Chile"), ("Kenya", "Ethiopia"), ("Portugal", "Brazil"), ("Ghana", "Senegal")]
FILLER = (
    "Officials on both sides described the talks as constructive and said a joint statement would follow "
    "once the delegations had returned home; the ministries concerned are to publish a timetable for the "
    "next steps, and observers expect a further round of working-level meetings before the summer."
)


def text(number: int) -> str:
    first, second = PAIRS[number % len(PAIRS)]
    return (
        f"Officials of {first} and {second} held round {number} of their talks on fisheries and energy on "
        f"Monday, the {number}th meeting of the joint commission. {FILLER}"
    )


def feed(newest: int) -> bytes:
    items = "".join(
        f"<item><title>Round {n}</title><guid>item-{n}</guid><link>http://wire.example/{n}</link>"
        f"<pubDate>Mon, 01 Feb 2027 09:00:00 GMT</pubDate><content:encoded>{text(n)}</content:encoded></item>"
        for n in range(newest, max(-1, newest - 20), -1)
    )
    channel = f'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>{items}'
    return f'<?xml version="1.0"?>{channel}</channel></rss>'.encode()


def serve(state: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = state["feed"]
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def baseline(rounds: int, folder: Path) -> dict[str, float]:
    names = gazetteer()
    with Store(folder / "baseline.db") as store:
        wall, cpu = time.perf_counter(), time.process_time()
        for number in range(rounds):
            document = Document(origin=f"item-{number}", text=text(number), title=f"Round {number}",
                                published=date(2027, 2, 1))  # fmt: skip
            ingest_documents([document], store, names, batch_size=1)
        return {"wall_ms_per_item": 1000 * (time.perf_counter() - wall) / rounds,
                "cpu_ms_per_item": 1000 * (time.process_time() - cpu) / rounds}  # fmt: skip


def watched(rounds: int, folder: Path, *, trace: bool) -> dict[str, object]:
    state = {"feed": feed(0)}
    server = serve(state)
    now = [datetime(2027, 2, 1, 9, tzinfo=UTC)]
    every = timedelta(minutes=1)
    memory: dict[int, float] = {}
    try:
        with Store(folder / "watch.db") as store:
            url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
            watcher = Watcher(
                store, gazetteer(), given([url]), fetcher=PoliteFetcher(gate=HostGate(interval=0)),
                options=WatchOptions(every=every), clock=lambda: now[0], rng=random.Random(1),
            )  # fmt: skip
            if trace:
                tracemalloc.start()
            wall, cpu = time.perf_counter(), time.process_time()
            for number in range(rounds):
                state["feed"] = feed(number)
                now[0] += every
                done = watcher.round()
                if (done.items.read, done.items.new) != (1, 1):
                    sys.exit(f"round {number}: {done}, expected one item read and new")
                if trace and number + 1 in (10, rounds // 2, rounds):
                    memory[number + 1] = tracemalloc.get_traced_memory()[0] / 1e6
            result: dict[str, object] = {
                "wall_ms_per_round": 1000 * (time.perf_counter() - wall) / rounds,
                "cpu_ms_per_round": 1000 * (time.process_time() - cpu) / rounds,
                "articles": store.counts().articles,
            }
    finally:
        server.shutdown()
        server.server_close()
    if trace:
        result["traced_mb_at_round"] = memory
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=600)
    parser.add_argument("--trace", action="store_true", help="measure memory with tracemalloc (slower)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report = {
            "rounds": options.rounds,
            "baseline": baseline(options.rounds, Path(folder)),
            "watch": watched(options.rounds, Path(folder), trace=options.trace),
        }
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "watch.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
