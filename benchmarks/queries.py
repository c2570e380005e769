"""Reads at scale: how long the record's main queries take, and how much memory, on a store of N events.

    python benchmarks/queries.py --events 100000
    python benchmarks/queries.py --events 1000000 --db /tmp/q1m.db --keep   # build once, measure again later
    python benchmarks/queries.py --events 100000 --postgres postgresql://me@localhost/empty   # and on PostgreSQL

The store is built the way ingest leaves one, through the store's own write path in large batches:
articles, mentions and events with ``Store.add`` (2,000 articles a transaction), then in the same batches
copy groups, stories and the registries through ``Store.linking`` (the story of each report decided here,
the registries by the real ``link_registry``). The records are real coder output: the bundled sample corpus
and a generated one are coded once, and each stored article is one of those, re-dated, given a country pair,
an outlet and a new id. Pairs: 40 countries; one busy pair (TUR-KOR) holds 1/8 of the events; dates spread
over 2014-2024; each real-world event is reported by 1 to 4 articles (a story), a tenth of them wire copies.

Measured, each ``--repeat`` times in this process (the figures are p50 and p95 of wall and CPU time) and
once under tracemalloc (peak Python memory; SQLite's page cache is not counted):
``timeline`` of the busy pair by month, a page of ``stories``, ``events --pair`` of the busy pair (all of them,
and a page of 50), ``agreements`` (all, and a page of 50), and the API's timeline, stories, events, agreements,
search and country pairs through FastAPI's TestClient.
With ``--postgres URL`` (an empty database, or one this benchmark filled before) the same store is built there
too and the same queries measured on it, in the same run; its figures sit beside SQLite's under
"postgresql" (PostgreSQL's server time is not in this process's CPU time: its wall time is the one to compare).
Results go to benchmarks/results/queries.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bilateral.actors import gazetteer
from bilateral.pipeline import analyse
from bilateral.read import read_paths
from bilateral.records import ActorReading, CodedArticle, Document, Event, EventDate, Party
from bilateral.registry import agreements
from bilateral.registry.entries import link_registry
from bilateral.samples import corpus_dir
from bilateral.samples.generate import write_jsonl
from bilateral.store import Query, Store
from bilateral.stories import direction, key, links, stories
from bilateral.timeline import By, pair_timeline

RESULTS = Path(__file__).parent / "results"
BUSY = ("KOR", "TUR")
COUNTRIES = (
    "TUR", "KOR", "USA", "CHN", "RUS", "DEU", "FRA", "GBR", "JPN", "IND", "BRA", "ZAF", "EGY", "IRN", "ISR",
    "SAU", "ARE", "QAT", "PAK", "AFG", "UKR", "POL", "ITA", "ESP", "GRC", "AZE", "ARM", "GEO", "KAZ", "UZB",
    "IDN", "MYS", "VNM", "PHL", "AUS", "CAN", "MEX", "ARG", "NGA", "ETH",
)  # fmt: skip
OUTLETS = tuple(f"outlet{number:02d}.example" for number in range(60))
FIRST_DAY, DAYS = date(2014, 1, 1), 11 * 365
BATCH = 2_000


def templates() -> list[CodedArticle]:
    """Coded articles to copy: the sample corpus and a generated one, each with at least one event."""
    gaz = gazetteer()
    with tempfile.TemporaryDirectory() as folder:
        generated = write_jsonl(Path(folder) / "templates.jsonl", 300, seed=13)
        documents = [item for item in read_paths([str(corpus_dir()), str(generated)]) if isinstance(item, Document)]
    coded = [analyse(document, gaz) for document in documents]
    return [item for item in coded if isinstance(item, CodedArticle) and item.events]


def _digest(*parts: object) -> str:
    return hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=10).hexdigest()


def _event(event: Event, article_id: str, day: date, pair: tuple[str, str], published: date) -> Event:
    """The template's event in the new article, on the new day: its first two countries become the new pair
    (a joint signing of two parties stays between two countries), other parties stay as they were."""
    named = list(dict.fromkeys(party.country for party in (*event.actor, *event.recipient) if party.country))
    swap = dict(zip(named, pair, strict=False))

    def moved(party: Party) -> Party:
        return replace(party, country=swap[party.country]) if party.country in swap else party

    span = (event.when.end - event.when.start) if event.when.start and event.when.end else timedelta()
    when = EventDate(day, day + span, event.when.precision, event.when.method) if event.when.start else event.when
    return replace(
        event,
        id=_digest(article_id, event.id),
        actor=tuple(moved(party) for party in event.actor),
        recipient=tuple(moved(party) for party in event.recipient),
        when=when,
        published=published,
        evidence=replace(event.evidence, article_id=article_id),
    )


def reports(count: int, models: list[CodedArticle], seed: int) -> Iterator[tuple[CodedArticle, int]]:
    """(article, story cluster) until ``count`` events: each real-world event reported by 1 to 4 articles."""
    rng = random.Random(seed)
    made = cluster = 0
    while made < count:
        model = rng.choice(models)
        pair = BUSY if rng.random() < 1 / 8 else tuple(sorted(rng.sample(COUNTRIES, 2)))
        if rng.random() < 0.5:
            pair = (pair[1], pair[0])
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        cluster += 1
        for copy in range(rng.choice((1, 1, 2, 2, 3, 4))):
            published = day + timedelta(days=copy and rng.randrange(2))
            article_id = _digest("article", cluster, copy)
            article = replace(
                model.reading.article, id=article_id, origin=f"bench/{article_id}", published=published,
                source=rng.choice(OUTLETS), url=f"https://{rng.choice(OUTLETS)}/{article_id}",
            )  # fmt: skip
            events = tuple(_event(event, article_id, day, pair, published) for event in model.events)
            reading = ActorReading(article, model.reading.mentions, None, ())
            made += len(events)
            yield CodedArticle(reading, events), cluster


def build(db: str, count: int, *, seed: int = 1) -> dict[str, Any]:
    """Fill ``db`` with ``count`` events (and their articles, stories and registries); returns what it took."""
    began, cpu = time.perf_counter(), time.process_time()
    models = templates()
    batch: list[tuple[CodedArticle, int]] = []
    with Store(db) as store:
        for item in reports(count, models, seed):
            batch.append(item)
            if len(batch) == BATCH:
                _store(store, batch)
                batch = []
        if batch:
            _store(store, batch)
        counts = store.counts()
    return {
        "templates": len(models), "articles": counts.articles, "events": counts.events, "stories": counts.stories,
        "agreements": counts.agreements, "build_seconds": round(time.perf_counter() - began, 1),
        "build_cpu_seconds": round(time.process_time() - cpu, 1), "db_mib": _size_mib(db),
    }  # fmt: skip


def _size_mib(db: str) -> float:
    if not db.startswith("postgres"):
        return round(Path(db).stat().st_size / 2**20, 1)
    with Store(db) as store:
        (size,) = store._db.execute("SELECT pg_database_size(current_database())").fetchone()
    return round(size / 2**20, 1)


def _store(store: Store, batch: list[tuple[CodedArticle, int]]) -> None:
    """One batch as ingest leaves it: the articles and events, then copy groups, stories and registries."""
    store.add([item for item, _ in batch])
    first_of: dict[int, str] = {}
    story_of: dict[tuple[int, int], str] = {}
    with store.linking() as linking:
        for item, cluster in batch:
            article_id = item.reading.article.id
            group = first_of.setdefault(cluster, article_id)
            # A tenth of the later reports are wire copies of the first; the others are their own outlets' stories.
            copied = group != article_id and int(article_id[:2], 16) < 26
            linking.add_copy(article_id, group if copied else article_id, None)
            for number, event in enumerate(item.events):
                story_key = key(event)
                if story_key is None:
                    continue
                story = story_of.get((cluster, number))
                if story is None:
                    story_of[cluster, number] = linking.add_story(
                        event, story_key.countries, story_key.negated, direction(event)
                    )
                else:
                    linking.attach(story, event, placed=False)
                link_registry([(event, event.when)], linking)
        linking.done([item.reading.article.id for item, _ in batch])


def _api(db: str) -> Any:
    from fastapi.testclient import TestClient

    from bilateral.serve import create_app

    return TestClient(create_app(db, hosts=["testserver"]))  # TestClient calls as testserver


def queries(store: Store, client: Any) -> dict[str, Callable[[], object]]:
    """What is measured: the functions the CLI commands call, and the API over HTTP in process."""
    pair = "-".join(BUSY)

    def get(path: str) -> object:
        answer = client.get(path)
        assert answer.status_code == 200, answer.text
        return answer.content

    return {
        "timeline_busy_pair_by_month": lambda: pair_timeline(store, BUSY, By.month),
        "stories_page": lambda: stories(store, Query(limit=50, offset=0)),
        "events_pair": lambda: links(store, store.events(Query(pair=BUSY))),
        "events_pair_page": lambda: links(store, store.events(Query(pair=BUSY, limit=50))),
        "agreements": lambda: agreements(store),
        "agreements_page": lambda: agreements(store, Query(limit=50)),
        "api_timeline": lambda: get(f"/api/timeline/{pair}?by=month"),
        "api_stories": lambda: get(f"/api/stories?pair={pair}&limit=50"),
        "api_events": lambda: get(f"/api/events?pair={pair}&limit=50"),
        "api_agreements": lambda: get("/api/agreements?limit=50"),
        "api_search": lambda: get("/api/search?q=defence%20cooperation&limit=20"),
        "api_dyads": lambda: get("/api/dyads?limit=50"),
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(run: Callable[[], object], repeat: int) -> dict[str, float]:
    run()  # warm: the page cache and the first imports are not what is measured
    walls, cpus = [], []
    for _ in range(repeat):
        began, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "wall_p50_ms": _ms(statistics.median(walls)), "wall_p95_ms": _ms(_percentile(walls, 0.95)),
        "cpu_p50_ms": _ms(statistics.median(cpus)), "cpu_p95_ms": _ms(_percentile(cpus, 0.95)),
        "peak_python_mib": round(peak / 2**20, 1),
    }  # fmt: skip


def _ms(seconds: float) -> float:
    return round(1000 * seconds, 2)


def _peak_rss_mib() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="Events in the store built.")
    parser.add_argument("--repeat", type=int, default=20, help="Timed runs of each query.")
    parser.add_argument("--db", type=Path, help="Build here (or reuse, if it exists) instead of a temporary file.")
    parser.add_argument("--keep", action="store_true", help="Keep the database built at --db.")
    parser.add_argument("--postgres", metavar="URL", help="Build and measure on this PostgreSQL database too.")
    parser.add_argument("--reads", nargs="+", metavar="NAME", help="Measure only these reads (names as printed).")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = options.db or Path(folder) / "queries.db"
        built, figures = _run(str(db), options.events, options.repeat, options.reads, reuse=db.exists())
        if options.db and not options.keep and "reused" not in built:
            db.unlink()
    results = {
        "python": platform.python_version(), "events_asked": options.events, "repeat": options.repeat,
        "store": built, "queries": figures, "peak_rss_mib": round(_peak_rss_mib(), 1),
    }  # fmt: skip
    if options.postgres:
        with Store(options.postgres) as store:
            filled = store.counts().events > 0
        built, figures = _run(options.postgres, options.events, options.repeat, options.reads, reuse=filled)
        results["postgresql"] = {"store": built, "queries": figures}
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "queries.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    previous[str(options.events)] = results
    path.write_text(json.dumps(previous, indent=2) + "\n")
    print(json.dumps(results, indent=2))


def _run(
    db: str, events: int, repeat: int, reads: list[str] | None, *, reuse: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Build the store at ``db`` (unless ``reuse``) and measure every query on it (or those of ``reads``)."""
    built = {"reused": db} if reuse else build(db, events)
    if db.startswith("postgres"):  # what autovacuum does a minute after a load: the planner's statistics
        with Store(db) as store:
            store._db.execute("ANALYZE")
    print("store:", json.dumps(built), file=sys.stderr)
    figures: dict[str, Any] = {}
    with Store(db, read_only=True) as store:
        for name, run in queries(store, _api(db)).items():
            if reads and name not in reads:
                continue
            figures[name] = measure(run, repeat)
            print(name, json.dumps(figures[name]), file=sys.stderr)
    return built, figures


if __name__ == "__main__":
    main()
