"""The rollups give every pair the timeline its stories give, however they were linked, re-coded or migrated."""

from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from bilateral.actors import Gazetteer
from bilateral.days import period_of
from bilateral.pipeline import analyse_article, ingest, recode
from bilateral.records import Agreement
from bilateral.registry import agreements, projects
from bilateral.registry.lifecycle import AgreementReport
from bilateral.samples import corpus_dir
from bilateral.samples.generate import articles
from bilateral.store import Query, Store
from bilateral.store.rollups import ENTRIES_QUERY, PERIODS_QUERY, _reports
from bilateral.stories import stories
from bilateral.timeline import MAX_PERIODS, By, pair_timeline
from tests.conftest import UNDO_LONG_SPANS, UNDO_ROLLUPS, plain_entry


def _expected(store: Store, pair: tuple[str, str], by: By) -> dict[date, dict[str, object]]:
    """Each period of a pair as its stories tell it, computed from the stories themselves."""
    periods: dict[date, list] = {}
    for story in stories(store, Query(pair=pair)):
        if (period := period_of(story.when, by)) is not None:
            periods.setdefault(period, []).append(story)
    stages = Counter(
        period_of(stage.when, by) for entry in agreements(store, Query(pair=pair)) for stage in entry.stages
    )
    steps = Counter(
        period_of(step.when, by) for project in projects(store, Query(pair=pair)) for step in project.milestones
    )
    found: dict[date, dict[str, object]] = {
        start: {"stories": 0, "agreements": stages[start], "milestones": steps[start]}
        for start in {*stages, *steps} - {None}
    }
    for period, told in periods.items():
        scored = [story.intensity for story in told if story.intensity is not None]
        quads = Counter(story.quad for story in told)
        found[period] = {
            "stories": len(told),
            "articles": sum(story.n_articles for story in told),
            "sources": sum(story.n_sources for story in told),
            "types": dict(Counter(story.event for story in told)),
            "quads": dict(quads),
            "goldstein": round(sum(story.goldstein for story in told) / len(told), 2),
            "intensity": round(sum(scored) / len(scored), 2) if scored else None,
            "balance": round((quads[1] + quads[2] - quads[3] - quads[4]) / len(told), 2),
            "agreements": stages[period],
            "milestones": steps[period],
        }
    return found


def _read(store: Store, pair: tuple[str, str], by: By) -> dict[date, dict[str, object]]:
    found: dict[date, dict[str, object]] = {}
    for period in pair_timeline(store, pair, by):
        registry = {"agreements": period.agreements, "milestones": period.milestones}
        if period.stories:
            found[period.start] = registry | {
                "stories": period.stories, "articles": period.articles, "sources": period.sources,
                "types": period.types, "quads": period.quads, "goldstein": period.goldstein,
                "intensity": period.intensity, "balance": period.balance,
            }  # fmt: skip
        elif period.agreements or period.milestones:
            found[period.start] = registry | {"stories": 0}
    return found


def _pairs(store: Store) -> list[tuple[str, str]]:
    found = {pair for story in stories(store) for pair in combinations(story.countries, 2)}
    assert len(found) >= 5
    return sorted(found)


def _kept_entries(store: Store) -> dict[str, object]:
    return {entry.id: entry for entry in agreements(store)}


def _entries_now(store: Store) -> dict[str, Agreement]:
    """Every registry entry as all its reports give it now, summed up afresh the plain way: every report read in
    order, independently of the kept summaries."""
    heads = store._db.execute("SELECT id, countries, topic, context FROM agreements").fetchall()
    told: dict[str, list[AgreementReport]] = {}
    for report in _reports(store._db, "agreement_id", [key for key, *_ in heads]):
        told.setdefault(report.id, []).append(report)
    members: dict[str, set[tuple[str, str | None, str | None]]] = {}
    for key, article, source, group in store._db.execute(
        "SELECT agreement_id, agreement_events.article_id, source, copy_group FROM agreement_events"
        " LEFT JOIN articles ON articles.id = agreement_events.article_id"
        " LEFT JOIN copies ON copies.article_id = agreement_events.article_id"
    ):
        members.setdefault(key, set()).add((article, source, group))
    return {key: plain_entry(key, countries, topic, context, told[key], members[key])
            for key, countries, topic, context in heads if key in told}  # fmt: skip


def _agree(store: Store) -> None:
    # a period whose last story or stage moved away or went is deleted, not left at zero
    assert store._db.execute("SELECT count(*) FROM pair_periods WHERE stories = 0").fetchone()[0] == 0
    assert store._db.execute("SELECT count(*) FROM entry_periods WHERE entries = 0").fetchone()[0] == 0
    assert _kept_entries(store) and _kept_entries(store) == _entries_now(store)
    for pair in _pairs(store):
        for by in By:
            read, expected = _read(store, pair, by), _expected(store, pair, by)
            if len(pair_timeline(store, pair, by)) == MAX_PERIODS:  # the timeline stops there
                expected = {start: period for start, period in expected.items() if start <= max(read)}
            assert read.keys() == expected.keys(), (pair, by)
            for start, period in read.items():
                wanted = expected[start]
                if period["stories"]:
                    wanted = wanted | {
                        "goldstein": pytest.approx(wanted["goldstein"], abs=0.011),
                        "intensity": pytest.approx(wanted["intensity"], abs=0.011),
                    }
                assert period == wanted, (pair, by, start)


@pytest.fixture(scope="module")
def shuffled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus (copies, many pairs) in shuffled order, beside the bundled one."""
    records = list(articles(400, seed=11))
    random.Random(5).shuffle(records)
    path = tmp_path_factory.mktemp("rollups") / "shuffled.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_linked_in_small_batches_the_rollups_match_the_stories(db: str, gaz: Gazetteer, shuffled: Path) -> None:
    with Store(db) as store:
        ingest([str(corpus_dir()), str(shuffled)], store, gaz, batch_size=37)
        _agree(store)


def test_after_recoding_the_rollups_match_the_stories(db: str, gaz: Gazetteer, shuffled: Path) -> None:
    with Store(db) as store:
        ingest([str(corpus_dir()), str(shuffled)], store, gaz)
        before = {pair: _read(store, pair, By.month) for pair in _pairs(store)}
        assert recode(store, gaz) > 0
        _agree(store)
        assert {pair: _read(store, pair, By.month) for pair in _pairs(store)} == before


def test_a_recoded_batch_leaves_the_entries_its_reports_still_give(db: str, gaz: Gazetteer) -> None:
    """Re-coding replaces a batch's events (and their reports) before linking adds them back: until then each
    registry entry is what its remaining reports give."""
    with Store(db) as store:
        ingest([str(corpus_dir())], store, gaz)
        before = _kept_entries(store)
        articles = [article for batch in store.article_batches() for article in batch]
        store.replace_analysis([analyse_article(article, gaz) for article in articles[::2]])
        assert _kept_entries(store) == _entries_now(store)
        assert _kept_entries(store) != before  # some entries lost reports


def test_the_seeds_and_the_corpus_agree(tmp_path: Path, gaz: Gazetteer, seeds: Path) -> None:
    with Store(tmp_path / "r.db") as store:
        ingest([str(corpus_dir()), str(seeds)], store, gaz)
        _agree(store)
        year = _read(store, ("KOR", "TUR"), By.year)[date(2025, 1, 1)]
        assert year["stories"] >= 3 and year["agreements"] >= 1 and year["milestones"] >= 1


def test_a_database_from_before_the_rollups_is_counted_when_migrated(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        ingest([str(corpus_dir())], store, gaz)
        expected = {pair: _read(store, pair, By.week) for pair in _pairs(store)}
    with sqlite3.connect(path) as db:  # back to version 5: no rollups, no counts on the stories
        db.executescript(UNDO_ROLLUPS)
    with Store(path) as store:
        assert {pair: _read(store, pair, By.week) for pair in _pairs(store)} == expected
        assert expected[("KOR", "TUR")]


def test_a_version_10_database_gets_its_registry_entries_when_migrated(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "v10.db"
    with Store(path) as store:
        ingest([str(corpus_dir())], store, gaz)
        expected = agreements(store)
    with sqlite3.connect(path) as db:
        db.executescript(UNDO_LONG_SPANS + "ALTER TABLE agreements DROP COLUMN entry; PRAGMA user_version = 10;")
    with Store(path) as store:
        assert agreements(store) == expected
        assert len(expected) >= 3


def test_a_period_range_keeps_whole_periods(db: str, gaz: Gazetteer) -> None:
    with Store(db) as store:
        ingest([str(corpus_dir())], store, gaz)
        whole = pair_timeline(store, ("KOR", "TUR"), By.month)
        busiest = max(whole, key=lambda period: period.stories)
        middle = busiest.start.replace(day=15)
        (only,) = pair_timeline(store, ("TUR", "KOR"), By.month, since=middle, until=middle)
    assert only == busiest


@pytest.mark.parametrize(
    ("query", "values", "table"),
    [(PERIODS_QUERY, ("KOR", "TUR", "month", "2020", "2021"), "pair_periods"),
     (ENTRIES_QUERY, ("agreement", "KOR TUR", "month", "2020", "2021"), "entry_periods")],
)  # fmt: skip
def test_a_timeline_is_a_range_read_of_the_rollups(tmp_path: Path, query: str, values: tuple, table: str) -> None:
    with Store(tmp_path / "r.db") as store:
        plan = store._db.execute(f"EXPLAIN QUERY PLAN {query}", values).fetchall()
    details = " | ".join(row[3] for row in plan)
    assert f"SEARCH {table} USING PRIMARY KEY" in details and "SCAN" not in details, details
