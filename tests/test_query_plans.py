"""Every list the CLI and the API serve reads through an index: the SQL each main read issues (caught as it runs,
not copied here) is explained by SQLite, and a full scan of a large table fails the test."""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from bilateral.registry import agreement, agreements, projects
from bilateral.store import Query, Store
from bilateral.store.dialect import SQLITE
from bilateral.store.query import listing
from bilateral.stories import links, stories
from bilateral.timeline import By, pair_timeline

LARGE = {
    "articles", "mentions", "events", "parties", "stories", "story_events", "agreements", "agreement_events",
    "project_events", "copies", "copy_bands", "pair_periods", "entry_periods",
}  # fmt: skip
"""Tables that grow with the record."""
PAIR = ("KOR", "TUR")
_SCAN = re.compile(r"^SCAN (\w+)(?: AS \w+)?(.*)$")


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 2,000 events built as benchmarks/queries.py builds one (ingest's write path, many pairs)."""
    spec = importlib.util.spec_from_file_location("queries", Path(__file__).parents[1] / "benchmarks" / "queries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("plans") / "bench.db"
    module.build(str(path), 2_000)
    return path


def _reads(store: Store) -> dict[str, Callable[[], object]]:
    """The reads behind the CLI's and the API's lists, as they call them."""
    browse = store.browse()
    page = Query(limit=50)
    some = store.events(Query(pair=PAIR, limit=50))
    first = agreements(store, Query(limit=1))
    return {
        "events": lambda: store.events(page),
        "events newest first": lambda: store.events(Query(newest_first=True, limit=50)),
        "events of a pair": lambda: store.events(Query(pair=PAIR, limit=50, offset=50)),
        "events of a pair, newest first": lambda: store.events(Query(pair=PAIR, newest_first=True, limit=50)),
        "events of a country, filtered": lambda: store.events(
            Query(country="KOR", event="CONSULT", quad=1, since=date(2015, 1, 1), until=date(2020, 1, 1), limit=50)
        ),
        "events counted": lambda: store.count("event", Query(pair=PAIR)),
        "event links": lambda: links(store, some),
        "stories": lambda: stories(store, page),
        "stories of a pair": lambda: stories(store, Query(pair=PAIR, limit=50)),
        "stories counted": lambda: store.count("story", Query(pair=PAIR)),
        "agreements": lambda: agreements(store, page),
        "agreements of a pair": lambda: agreements(store, Query(pair=PAIR, limit=50)),
        "agreements counted": lambda: store.count("agreement", Query(pair=PAIR)),
        "one agreement": lambda: agreement(store, first[0].id),
        "projects": lambda: projects(store, Query(pair=PAIR)),
        "articles (CLI)": lambda: store.articles(limit=50),
        "articles (API)": lambda: browse.articles(limit=50),
        "placed articles": store.placements,
        "dyads": lambda: browse.dyads(limit=50),
        "search": lambda: browse.search("defence cooperation", limit=20),
        "timeline": lambda: pair_timeline(store, PAIR, By.month),
        "export of a pair": lambda: list(store.sourced_events(Query(pair=PAIR), per_story=True)),
    }


def _full_scans(db: sqlite3.Connection, sql: str) -> list[str]:
    plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
    return [
        line for line in plan if (scan := _SCAN.match(line)) and scan.group(1) in LARGE and "INDEX" not in scan.group(2)
    ]


def test_no_main_read_scans_a_large_table(bench_db: Path) -> None:
    issued: list[str] = []
    with Store(bench_db, read_only=True) as store:
        reads = _reads(store)
        assert len(store.events(Query(pair=PAIR))) > 100  # enough rows for a plan to matter
        db = store._db  # the store's own connection: every statement it runs is traced
        found: dict[str, list[str]] = {}
        for name, read in reads.items():
            issued.clear()
            db.set_trace_callback(issued.append)
            read()
            db.set_trace_callback(None)
            selects = [sql for sql in issued if sql.lstrip().upper().startswith(("SELECT", "WITH"))]
            assert selects, name
            scans = [line for sql in selects for line in _full_scans(db, sql)]
            if scans:
                found[name] = scans
    assert found == {}


@pytest.mark.parametrize("kind", ["event", "story", "agreement"])
@pytest.mark.parametrize("query", [Query(limit=50), Query(pair=PAIR, limit=50), Query(country="KOR", limit=50),
                                   Query(pair=PAIR, newest_first=True, limit=50)])  # fmt: skip
def test_a_page_is_read_in_index_order_without_sorting(bench_db: Path, kind: str, query: Query) -> None:
    sql, values = listing(kind, query, "1", SQLITE)
    with sqlite3.connect(bench_db) as db:
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", values)]
    assert not [line for line in plan if "TEMP B-TREE" in line], plan
    assert [line for line in plan if "INDEX" in line or "PRIMARY KEY" in line], plan
