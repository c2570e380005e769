"""The rollups give every pair the timeline its stories give, however they were linked, re-coded or migrated."""

from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import pytest

from bilateral.actors import Gazetteer
from bilateral.code.dates import PUBLICATION_DATE
from bilateral.days import period_of
from bilateral.pipeline import analyse_article, ingest, recode
from bilateral.records import (
    STAGES,
    ActorKind,
    ActorReading,
    Agreement,
    Article,
    CodedArticle,
    Event,
    EventDate,
    Evidence,
    Field,
    Modality,
    Party,
    Precision,
)  # fmt: skip
from bilateral.registry import agreements, projects
from bilateral.registry.agreements import SPECIFIC
from bilateral.registry.lifecycle import AgreementReport
from bilateral.samples import corpus_dir
from bilateral.samples.generate import articles
from bilateral.store import Query, Store
from bilateral.store.links import Linking
from bilateral.store.rollups import ENTRIES_QUERY, PERIODS_QUERY, _reports
from bilateral.stories import stories
from bilateral.timeline import MAX_PERIODS, By, pair_timeline
from tests.conftest import UNDO_LAST_SIGNED, UNDO_LONG_SPANS, UNDO_ROLLUPS, plain_entry


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


@pytest.mark.parametrize(
    ("version", "undo"),
    [(10, UNDO_LONG_SPANS + "ALTER TABLE agreements DROP COLUMN entry;"),  # before the registry entries were kept
     (13, UNDO_LAST_SIGNED)],  # before an entry kept its last day of signing
)  # fmt: skip
def test_an_older_database_keeps_its_registry_entries_when_migrated(
    version: int, undo: str, tmp_path: Path, gaz: Gazetteer
) -> None:
    path = tmp_path / f"v{version}.db"
    with Store(path) as store:
        ingest([str(corpus_dir())], store, gaz)
        expected = agreements(store)
    with sqlite3.connect(path) as db:
        db.executescript(undo + f"PRAGMA user_version = {version};")
    with Store(path) as store:
        assert agreements(store) == expected
        days = store._db.execute("SELECT signed, last_signed FROM agreements WHERE signed IS NOT NULL").fetchall()
    assert len(expected) >= 3
    assert days and all(first == last for first, last in days)  # an entry's first day of signing is its last


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


_ORGANISATIONS = (
    Party("KEPCO", "KEPCO", "KOR", ActorKind.ORGANISATION),
    Party("the IAEA", "IAEA", None, ActorKind.IGO),
)
_SIGNER = Party("Kang Min", "Kang Min", "KOR", ActorKind.PERSON, office="minister")


def _any_date(rng: random.Random) -> EventDate:
    """A day, a week, a month, a long span, a publication day, an office-holder window or nothing."""
    first = date(2025, 1, 1) + timedelta(days=rng.randint(0, 90))
    return rng.choice([
        EventDate(first, None, Precision.DAY, "stated"),
        EventDate(first, first + timedelta(days=6), Precision.WEEK, "stated"),
        EventDate(first, first + timedelta(days=rng.choice([29, 41, 364])), Precision.MONTH, "stated"),
        EventDate(first, None, Precision.DAY, PUBLICATION_DATE),
        EventDate(first, first + timedelta(days=400), Precision.WINDOW, "window"),
        EventDate(None, None, None, ""),
    ])  # fmt: skip


def _signing(rng: random.Random, number: int, article: str) -> Event:
    signer = (_SIGNER,) if rng.random() < 0.4 else ()
    quote = "Kang Min signed the accord." if signer else "The two sides discussed the accord."
    return Event(
        id=f"e{number:03}", event="AGREE", mode=None, contexts=(), cameo="057", goldstein=8.0, quad=1,
        actor=(Party("Korea", "South Korea", "KOR", ActorKind.COUNTRY), *signer,
               *rng.sample(_ORGANISATIONS, rng.randint(0, 2))),
        recipient=(Party("Türkiye", "Türkiye", "TUR", ActorKind.COUNTRY),), modality=Modality.ASSERTED,
        when=_any_date(rng), published=None, evidence=Evidence(article, Field.TEXT, 0, len(quote), quote, "signed"),
    )  # fmt: skip


@pytest.mark.parametrize("seed", range(8))
def test_entries_stay_what_their_reports_give_whatever_is_linked_re_dated_or_re_coded(db: str, seed: int) -> None:
    """Random linking transactions: reports joining stories and agreements, stories re-dated (twice in one batch,
    from a window to a day), reports told again with another stage, articles re-coded; after each, every kept entry
    is what its reports give read in order."""
    rng = random.Random(seed)
    written = [Article(f"a{n}", "typed", "", "text", source=f"outlet{n % 3}" if n < 5 else None) for n in range(6)]
    events = {article.id: [_signing(rng, 6 * n + k, article.id) for k in range(6)] for n, article in enumerate(written)}
    waiting = [event for told in events.values() for event in told]
    rng.shuffle(waiting)
    attached: list[Event] = []
    stories_made: list[str] = []
    with Store(db) as store:
        store.add([CodedArticle(ActorReading(article, ()), tuple(events[article.id])) for article in written])
        for batch in range(10):
            if batch % 4 == 3:  # one article re-coded: its events go
                gone = rng.choice(written)
                store.replace_analysis([CodedArticle(ActorReading(gone, ()), ())])
                attached = [event for event in attached if event.evidence.article_id != gone.id]
                waiting = [event for event in waiting if event.evidence.article_id != gone.id]
                alive = {row[0] for row in store._db.execute("SELECT id FROM stories")}
                stories_made = [story for story in stories_made if story in alive]
            else:
                with store.linking() as linking:
                    if batch == 0:
                        for n, article in enumerate(written):
                            linking.add_copy(article.id, f"a{n % 4}", None)
                    for _ in range(rng.randint(2, 8)):
                        _one_step(rng, linking, waiting, attached, stories_made)
                    linking.done([])
            assert _kept_entries(store) == _entries_now(store), batch


def _one_step(rng: random.Random, linking: Linking, waiting: list[Event], attached: list[Event],
              stories_made: list[str]) -> None:  # fmt: skip
    choice = rng.random()
    if stories_made and (choice < 0.3 or not waiting):
        linking.narrow_story(rng.choice(stories_made), _any_date(rng))
        return
    if (attached and choice < 0.45) or not waiting:  # an old report told again, maybe as another stage
        event = rng.choice(attached)
    else:
        event = waiting.pop()
        if stories_made and rng.random() < 0.5:
            linking.attach(rng.choice(stories_made), event, placed=rng.random() < 0.3)
        elif rng.random() < 0.8:
            stories_made.append(linking.add_story(event, "KOR TUR", False, "KOR>TUR"))
        attached.append(event)
    agreement = rng.choice(["x1", "x2"])
    linking.add_agreement(agreement, "KOR TUR", "nuclear energy", "")
    linking.attach_agreement(
        agreement, event, stage=rng.choice(STAGES[:4]), kind=rng.choice(SPECIFIC[:4]),
        phrase=rng.choice(["the accord", "the MoU"]), value=rng.choice([None, "$1 billion", "$2 billion"]), when=None,
    )  # fmt: skip
