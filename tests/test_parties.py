"""The parties table: who each event, story and agreement is between, kept with the rows, and the lists read
through it (a pair is an index look-up; pages in date order)."""

from __future__ import annotations

import sqlite3
from itertools import combinations
from pathlib import Path

import pytest

from bilateral.actors.gazetteer import Gazetteer
from bilateral.pipeline import ingest
from bilateral.records import ActorReading, Article, CodedArticle, Event, Precision
from bilateral.registry import agreements
from bilateral.samples import corpus_dir
from bilateral.store import SCHEMA_VERSION, Query, Store
from bilateral.stories import stories
from tests.conftest import UNDO_LONG_SPANS, UNDO_PARTIES

Row = tuple[str, str, str, str | None]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer) -> Path:
    path = tmp_path_factory.mktemp("parties") / "corpus.db"
    with Store(path) as store:
        ingest([str(corpus_dir())], store, gaz)
    return path


def _stored(path: Path) -> set[Row]:
    with sqlite3.connect(path) as db:
        return set(db.execute("SELECT kind, id, country, day FROM parties"))


def _derived(path: Path) -> set[Row]:
    """What the parties table should hold, worked out from the rows themselves (the events' records, the stories'
    and agreements' country columns and days)."""
    with Store(path) as store:
        events = store.events(Query(background=True))
    found: set[Row] = {
        ("event", event.id, party.country, event.when.start.isoformat() if event.when.start else None)
        for event in events
        for party in (*event.actor, *event.recipient)
        if party.country
    }
    with sqlite3.connect(path) as db:
        for key, countries, day in db.execute("SELECT id, countries, date_start FROM stories"):
            found |= {("story", key, country, day) for country in countries.split()}
        for key, countries, day in db.execute("SELECT id, countries, listed FROM agreements"):
            found |= {("agreement", key, country, day) for country in countries.split()}
    return found


def _pairs(path: Path) -> list[tuple[str, str]]:
    with Store(path) as store:
        return sorted({pair for story in stories(store) for pair in combinations(story.countries, 2)})


def _answers(path: Path) -> dict[str, object]:
    """Every pair's and every country's events, stories and agreements (ids, in the order served)."""
    found: dict[str, object] = {}
    with Store(path) as store:
        for pair in _pairs(path):
            query = Query(pair=pair, background=True)
            found[f"events {pair}"] = [event.id for event in store.events(query)]
            found[f"stories {pair}"] = [story.id for story in stories(store, query)]
            found[f"agreements {pair}"] = [entry.id for entry in agreements(store, query)]
            found[f"events of {pair[0]}"] = [event.id for event in store.events(Query(country=pair[0]))]
        found["dyads"] = store.browse().dyads(limit=500)
    return found


def test_the_table_holds_the_countries_of_every_row(corpus_db: Path) -> None:
    stored = _stored(corpus_db)
    assert stored == _derived(corpus_db)
    assert {kind for kind, *_ in stored} == {"event", "story", "agreement"}


def test_a_pair_gives_what_filtering_every_row_gives(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        every = store.events(Query(background=True))
        everything = stories(store)
        for pair in _pairs(corpus_db):
            between = [e.id for e in every if set(pair) <= {p.country for p in (*e.actor, *e.recipient)}]
            assert [event.id for event in store.events(Query(pair=pair, background=True))] == between
            assert store.count("event", Query(pair=pair, background=True)) == len(between)
            told = [story.id for story in everything if set(pair) <= set(story.countries)]
            assert [story.id for story in stories(store, Query(pair=pair))] == told


@pytest.mark.parametrize("pair", [None, ("KOR", "TUR")])
@pytest.mark.parametrize("newest_first", [False, True])
def test_pages_put_together_are_the_whole_list(
    corpus_db: Path, pair: tuple[str, str] | None, newest_first: bool
) -> None:
    query = Query(pair=pair, newest_first=newest_first)
    with Store(corpus_db) as store:
        whole = store.events(query)
        pages = [store.events(query.page(7, offset)) for offset in range(0, len(whole) + 7, 7)]
        assert [event.id for page in pages for event in page] == [event.id for event in whole]
        assert len(whole) > 14
        shown = [story.id for story in stories(store, query)]
        paged = [story.id for offset in range(0, len(shown) + 5, 5) for story in stories(store, query.page(5, offset))]
        assert paged == shown
        if not newest_first:  # the registry lists entries by their first stage
            listed = [entry.id for entry in agreements(store, query)]
            pages = [agreements(store, query.page(1, offset)) for offset in range(len(listed) + 1)]
            assert [entry.id for page in pages for entry in page] == listed
            assert len(listed) >= 3
            assert store.count("agreement", query) == len(listed)
    days = [event.when.start for event in whole if event.when.start]
    assert days == sorted(days, reverse=newest_first)


def test_rows_deleted_or_moved_take_their_parties_along(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "moved.db"
    with Store(path) as store:
        ingest([str(corpus_dir())], store, gaz)
        busy = store.events(Query(pair=("KOR", "TUR")))
        emptied = sorted({event.evidence.article_id for event in busy})[:3]
        # their events go, and the stories and agreements left without one
        store.replace_analysis([CodedArticle(ActorReading(_article(store, key), ()), ()) for key in emptied])
        with store.linking() as linking:
            linking.narrow_story(stories(store)[0].id, busy[-1].when)  # a story's date moves
    gone = {event.id for event in busy if event.evidence.article_id in emptied}
    assert gone
    assert _stored(path) == _derived(path)
    assert not gone & {key for kind, key, *_ in _stored(path) if kind == "event"}


def _article(store: Store, key: str) -> Article:
    article = store.browse().article(key)
    assert article is not None
    return article


def test_a_version_6_database_gets_its_parties_when_migrated(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        ingest([str(corpus_dir())], store, gaz)
    expected, rows = _answers(path), _stored(path)
    with sqlite3.connect(path) as db:  # back to version 6: the countries of events in event_countries, no parties
        db.executescript(UNDO_PARTIES)
        assert db.execute("PRAGMA user_version").fetchone()[0] == 6
        assert db.execute("SELECT count(*) FROM event_countries").fetchone()[0] > 0
    with Store(path):
        pass
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert not db.execute("SELECT name FROM sqlite_master WHERE name = 'event_countries'").fetchall()
    assert _stored(path) == rows
    assert _answers(path) == expected


def _counted(target: str) -> set[tuple[str, str, str, int, int]]:
    """``party_counts`` without its emptied rows."""
    return set(_query(target, "SELECT kind, first, second, hidden, n FROM party_counts WHERE n != 0"))


def _recounted(target: str) -> set[tuple[str, str, str, int, int]]:
    """What ``party_counts`` should hold, counted again from the ``parties`` rows."""
    return set(
        _query(
            target,
            """SELECT kind, country, '', hidden, count(*) FROM parties GROUP BY kind, country, hidden
            UNION ALL SELECT one.kind, one.country, other.country, one.hidden, count(*)
            FROM parties AS one JOIN parties AS other
                ON other.kind = one.kind AND other.id = one.id AND other.country > one.country
            GROUP BY one.kind, one.country, other.country, one.hidden""",
        )
    )


def _query(target: str, sql: str) -> list[tuple[str, str, str, int, int]]:
    if target.startswith("postgresql"):
        import psycopg

        with psycopg.connect(target) as connection:
            return [tuple(row) for row in connection.execute(sql)]  # type: ignore[misc]
    with sqlite3.connect(target) as connection:
        return list(connection.execute(sql))


def test_the_counts_follow_every_write(db: str, gaz: Gazetteer) -> None:
    """Ingest, events taken away, stories re-dated, articles coded again: every count is still its rows'."""
    with Store(db) as store:
        ingest([str(corpus_dir())], store, gaz)
        assert _counted(db) == _recounted(db)
        busy = store.events(Query(pair=("KOR", "TUR")))
        emptied = sorted({event.evidence.article_id for event in busy})[:3]
        store.replace_analysis([CodedArticle(ActorReading(_article(store, key), ()), ()) for key in emptied])
        with store.linking() as linking:
            linking.narrow_story(stories(store)[0].id, busy[-1].when)
        ingest([str(corpus_dir())], store, gaz)  # the same again: stored once, counted once
        counted = _counted(db)
        assert counted == _recounted(db)
        assert {kind for kind, *_ in counted} == {"event", "story", "agreement"}
        assert any(hidden for *_, hidden, _ in counted)  # background events are counted apart
        every = store.events(Query(background=True))
        pairs = {tuple(sorted(pair)) for e in every for pair in combinations(_countries(e), 2)}
        for pair in sorted(pairs)[:40]:
            for background in (False, True):
                query = Query(pair=pair, background=background)  # type: ignore[arg-type]
                assert store.count("event", query) == len(store.events(query))
            assert store.count("story", Query(pair=pair)) == len(stories(store, Query(pair=pair)))  # type: ignore[arg-type]
        assert store.count("event", Query(country="TUR")) == len(store.events(Query(country="TUR")))


def _countries(event: object) -> set[str]:
    return {p.country for p in (*event.actor, *event.recipient) if p.country}  # type: ignore[attr-defined]


def test_a_version_8_database_gets_its_counts_when_migrated(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "v8.db"
    with Store(path) as store:
        ingest([str(corpus_dir())], store, gaz)
    expected = _counted(str(path))
    with sqlite3.connect(path) as db:
        db.executescript(
            UNDO_LONG_SPANS + "ALTER TABLE agreements DROP COLUMN entry; DROP TRIGGER party_counts_take;"
            "DROP TABLE party_counts; ALTER TABLE parties DROP COLUMN hidden; PRAGMA user_version = 8;"
        )
    with Store(path):
        pass
    assert _counted(str(path)) == expected == _recounted(str(path))


def test_the_pairs_by_their_events_are_what_counting_every_event_gives(db: str, gaz: Gazetteer) -> None:
    with Store(db) as store:
        ingest([str(corpus_dir())], store, gaz)
        dyads, total = store.browse().dyads(limit=500)
        page, same = store.browse().dyads(limit=3, offset=2)
        every = store.events(Query(background=True))
    expected: dict[tuple[str, str], list[Event]] = {}
    for event in every:
        if not event.background:
            for pair in combinations(sorted(_countries(event)), 2):
                expected.setdefault(pair, []).append(event)
    dated = {
        pair: sorted(e.when.start for e in events if e.when.start and e.when.precision is not Precision.WINDOW)
        for pair, events in expected.items()
    }
    assert total == same == len(expected) > 10
    assert [(d.first, d.second, d.events) for d in dyads] == sorted(
        ((a, b, len(events)) for (a, b), events in expected.items()), key=lambda row: (-row[2], row[0], row[1])
    )
    assert page == dyads[2:5]
    for dyad in dyads:
        days = dated[(dyad.first, dyad.second)]
        assert (dyad.first_date, dyad.last_date) == ((days[0], days[-1]) if days else (None, None))
