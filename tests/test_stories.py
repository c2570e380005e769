"""Stories, near-duplicates, the agreement and project registries, timelines and "new since"."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.actors import Gazetteer
from bilateral.cli import app
from bilateral.copies import independent_sources, signature
from bilateral.link import link
from bilateral.pipeline import analyse_article, ingest, recode
from bilateral.records import Article, Precision
from bilateral.registry import agreements, projects
from bilateral.samples import corpus_dir
from bilateral.store import Query, Store
from bilateral.stories import stories
from bilateral.timeline import By, new_since, pair_timeline, sparkline
from tests.conftest import BACKENDS, UNDO_LONG_SPANS, database

PAIR = ("TUR", "KOR")


@pytest.fixture(scope="module", params=BACKENDS)
def summit_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer, seeds: Path
) -> Iterator[str]:
    """The bundled corpus (five retellings of the 2025 summit, two of the 2021 visit, copies) plus the seeds."""
    with database(request.param, tmp_path_factory.mktemp("stories")) as path:
        with Store(path) as store:
            ingest([str(corpus_dir()), str(seeds)], store, gaz)
        yield path


def _write(folder: Path, name: str, published: str, title: str, body: str) -> str:
    path = folder / name
    path.write_text(f" date {published} 100\n{title}\n{body}\n", encoding="utf-8")
    return str(path)


def test_the_summit_is_one_story_with_many_articles_and_fewer_independent_sources(summit_db: Path) -> None:
    with Store(summit_db) as store:
        found = stories(store, Query(pair=PAIR, event="CONSULT", since=date(2025, 11, 20), until=date(2025, 11, 30)))
    assert len(found) == 1
    summit = found[0]
    assert summit.when.start == date(2025, 11, 24)
    assert summit.n_articles >= 5
    # The wire story, its syndicated repost and its truncated repost are one source.
    assert summit.n_sources < summit.n_articles
    assert {event.evidence.article_id for event in summit.events} >= {report[0] for report in summit.reports}


def test_wire_copies_share_a_copy_group_and_other_articles_do_not(summit_db: Path) -> None:
    with Store(summit_db) as store:
        found = stories(store, Query(pair=PAIR, event="CONSULT", since=date(2025, 11, 20), until=date(2025, 11, 30)))
        origins = {article.id: Path(article.origin).name for article in store.articles()}
    groups: dict[str, set[str]] = {}
    for article, _, group in found[0].reports:
        assert group is not None
        groups.setdefault(group, set()).add(origins[article])
    wire = next(names for names in groups.values() if "001_tur_kor_ankara_summit_wire.txt" in names)
    assert wire == {
        "001_tur_kor_ankara_summit_wire.txt",
        "036_tur_kor_summit_wire_repost.txt",
        "037_tur_kor_summit_wire_truncated.txt",
    }
    assert sum(len(names) for names in groups.values()) > len(wire)


def test_the_undated_seed_is_placed_on_the_day_of_the_dated_report_of_the_same_visit(summit_db: Path) -> None:
    with Store(summit_db) as store:
        found = stories(store, Query(pair=PAIR, since=date(2021, 1, 1), until=date(2021, 12, 31)))
        origins = {article.id: Path(article.origin).name for article in store.articles()}
    placed = {origins[article] for story in found for article in story.placed}
    assert "003_cd6dde936e8eb133.txt" in placed
    assert "005_tur_kor_cavusoglu_seoul_undated.txt" in placed
    assert all(story.when.start == date(2021, 10, 22) for story in found if story.placed)


def test_the_kepco_memorandum_is_one_registry_entry_reported_by_several_articles(summit_db: Path) -> None:
    with Store(summit_db) as store:
        entries = [entry for entry in agreements(store, Query(pair=PAIR)) if entry.topic == "nuclear energy"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.kind == "MoU"
    assert entry.status() == "signed"
    assert "Korea Electric Power Corporation" in entry.parties
    assert "Turkish Nuclear Energy Corporation" in entry.parties
    assert entry.n_articles >= 3
    assert len(entry.aliases) >= 2
    signed = next(stage for stage in entry.stages if stage.stage == "signed")
    assert signed.when.day == date(2025, 11, 24)
    assert "memorandum" in signed.quote.lower()


def test_the_2021_agreements_are_two_entries_revised_on_the_day_of_the_visit(summit_db: Path) -> None:
    with Store(summit_db) as store:
        entries = {entry.topic: entry for entry in agreements(store, Query(pair=PAIR))}
    assert {"double taxation", "science and technology"} <= set(entries)
    for topic in ("double taxation", "science and technology"):
        assert entries[topic].status(date(2021, 10, 21)) is None
        assert entries[topic].status(date(2021, 10, 22)) == "revised"  # the seed: "signed revised … Agreements"
    assert "signed" in {
        stage.stage for stage in entries["science and technology"].stages
    }  # the corpus: "a separate accord"


def test_altay_is_one_project_with_a_2021_and_a_2025_milestone(summit_db: Path) -> None:
    with Store(summit_db) as store:
        found = {project.name: project for project in projects(store, Query(pair=PAIR))}
    altay = found["Altay tank"]
    years = {step.when.start.year for step in altay.milestones if step.when.start and not step.background}
    assert {2021, 2025} <= years
    assert all(step.quote for step in altay.milestones)


def test_timeline_by_year_shows_both_visits_and_the_cli_draws_it(summit_db: Path) -> None:
    with Store(summit_db) as store:
        periods = pair_timeline(store, PAIR, By.year)
    busy = {period.label for period in periods if period.stories}
    assert {"2021", "2025"} <= busy
    assert [period.label for period in periods] == [str(year) for year in range(int(periods[0].label), 2026)]
    assert next(period for period in periods if period.label == "2025").agreements >= 1
    result = CliRunner().invoke(app, ["--db", str(summit_db), "timeline", "TUR", "KOR", "--by", "year"])
    assert result.exit_code == 0, result.output
    assert "2021" in result.output and "2025" in result.output
    result = CliRunner().invoke(
        app, ["--db", str(summit_db), "timeline", "KOR", "TUR", "--by", "year", "--format", "json"]
    )
    assert {row["label"] for row in json.loads(result.output) if row["stories"]} >= {"2021", "2025"}


def test_new_since_lists_first_appearances_only(summit_db: Path) -> None:
    with Store(summit_db) as store:
        news = new_since(
            stories(store, Query(pair=PAIR)),
            agreements(store, Query(pair=PAIR)),
            projects(store, Query(pair=PAIR)),
            date(2025, 1, 1),
        )
    assert {entry.topic for entry in news.agreements} == {"nuclear energy", "renewable energy", "health"}
    assert "Altay tank" not in {project.name for project in news.projects}  # seen in 2021 already
    assert any("Lee Jae" in person for person in news.people)
    assert not any("Çavuşoğlu" in person for person in news.people)
    result = CliRunner().invoke(app, ["--db", str(summit_db), "diff", "TUR", "KOR", "--since", "2025-01-01"])
    assert result.exit_code == 0, result.output
    assert "Nuclear energy MoU" in result.output


@pytest.mark.parametrize("command", ["stories", "agreements", "projects"])
def test_registry_commands_print_json(summit_db: Path, command: str) -> None:
    result = CliRunner().invoke(app, ["--db", str(summit_db), command, "--pair", "TUR-KOR", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows
    assert all("KOR" in json.dumps(row) for row in rows)


def test_on_monday_and_nov_24_are_one_day_and_a_summons_a_year_later_is_another_story(
    tmp_path: Path, gaz: Gazetteer
) -> None:
    inputs = [
        _write(tmp_path, "a.txt", "2025-11-25", "Ambassador summoned",
               "Japan summoned the Chinese ambassador on Monday to protest against the detention of a Japanese "
               "businessman in Beijing, the foreign ministry in Tokyo said in a statement on its website."),
        _write(tmp_path, "b.txt", "2025-11-27", "Tokyo protests detention",
               "On Nov. 24 Japan summoned the Chinese ambassador over the detention of a Japanese national, "
               "officials said, adding that consular access had been requested several times without reply."),
        _write(tmp_path, "c.txt", "2026-11-20", "Envoy summoned again",
               "Japan summoned the Chinese ambassador on Thursday after a coast guard vessel entered disputed "
               "waters near the islands, the third such incident this autumn according to the ministry."),
    ]  # fmt: skip
    with Store(tmp_path / "s.db") as store:
        ingest(inputs, store, gaz)
        found = stories(store, Query(pair=("JPN", "CHN"), event="ACCUSE"))
    days = sorted(story.when.start for story in found if story.when.start)
    assert days == [date(2025, 11, 24), date(2026, 11, 19)]
    assert [story.n_articles for story in found] == [2, 1]


def _year_and_day(folder: Path) -> tuple[str, str]:
    """A trade deal reported as signed 'this year' (a story of the whole year), and on a day in July."""
    year = _write(
        folder,
        "year.txt",
        "2025-11-24",
        "A year of trade",
        "Japan and China signed a trade deal this year, according to officials in both capitals, "
        "and customs data show the first shipments under it have already arrived at the ports.",
    )
    day = _write(folder, "day.txt", "2025-07-10", "Trade deal signed",
                 "Japan and China signed a trade deal on Monday, the commerce ministries of both countries said "
                 "in a joint statement released after the ceremony in the capital.")  # fmt: skip
    return year, day


def test_a_report_joins_a_long_story_that_began_months_before_it(tmp_path: Path, gaz: Gazetteer) -> None:
    year, day = _year_and_day(tmp_path)
    with Store(tmp_path / "s.db") as store:
        ingest([year], store, gaz)  # linked first: a story from 1 January to 31 December
        ingest([day], store, gaz)  # a day in July, found by the long story's end, not its start
        (story,) = stories(store, Query(pair=("JPN", "CHN"), event="SUPPORT"))
    assert story.n_articles == 2 and story.when.start == date(2025, 7, 7)


def test_a_version_11_database_flags_its_long_stories_when_migrated(tmp_path: Path, gaz: Gazetteer) -> None:
    year, day = _year_and_day(tmp_path)
    path = tmp_path / "s.db"
    with Store(path) as store:
        ingest([year], store, gaz)
    with sqlite3.connect(path) as db:
        db.executescript(UNDO_LONG_SPANS + "PRAGMA user_version = 11;")
    with Store(path) as store:
        ingest([day], store, gaz)  # the year's story is found only if the migration flagged it as long
        (story,) = stories(store, Query(pair=("JPN", "CHN"), event="SUPPORT"))
    assert story.n_articles == 2


def test_linking_is_incremental_resumable_and_survives_recoding(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        ingest([str(corpus_dir())], store, gaz)
        before = [(story.id, story.n_articles) for story in stories(store)]
        entries = len(agreements(store))
        assert link(store) == 0  # nothing pending
        recode(store, gaz)
        assert [(story.id, story.n_articles) for story in stories(store)] == before
        assert len(agreements(store)) == entries
        # A crash between storing and linking leaves articles pending; the next run links them.
        article = Article("x1", "typed", "", "Germany and France signed a treaty on defence industry cooperation.",
                          published=date(2025, 3, 3))  # fmt: skip
        store.add([analyse_article(article, gaz)])
        assert link(store) == 1
        assert any(entry.countries == ("DEU", "FRA") for entry in agreements(store, Query(pair=("DEU", "FRA"))))


def test_independent_sources_counts_outlets_and_copy_groups_once() -> None:
    assert (
        independent_sources([("a", "wire", "g1"), ("b", "paper", "g1"), ("c", "paper", "g2"), ("d", None, "g3")]) == 2
    )
    assert independent_sources([("a", None, None), ("b", None, None)]) == 2
    assert independent_sources([]) == 0


def test_signatures_find_edited_and_truncated_copies_but_not_other_stories() -> None:
    text = (corpus_dir() / "001_tur_kor_ankara_summit_wire.txt").read_text(encoding="utf-8").split("\n", 2)[2]
    other = (corpus_dir() / "012_jpn_kor_summit.txt").read_text(encoding="utf-8").split("\n", 2)[2]
    original = signature(Article("a", "a", "", text))
    edited = signature(Article("b", "b", "", text.replace("widen", "deepen").replace("an hour", "two hours")))
    truncated = signature(Article("c", "c", "", text[:700]))
    unrelated = signature(Article("d", "d", "", other))
    assert original and edited and truncated and unrelated
    assert original.similarity(edited) >= 0.6
    assert original.similarity(truncated) >= 0.5
    assert original.similarity(unrelated) < 0.2
    assert signature(Article("e", "e", "", "Too short to compare.")) is None


def test_sparkline_scales_to_the_largest_value() -> None:
    assert sparkline([0, 1, 8]) == " ▁█"
    assert sparkline([0, 0]) == "  "


def test_stored_events_carry_their_story_and_registry_entries(summit_db: Path) -> None:
    result = CliRunner().invoke(
        app, ["--db", str(summit_db), "events", "--pair", "TUR-KOR", "--since", "2025-11-20", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    summit = [row for row in rows if row["event"] == "CONSULT" and row["story_date"] == "2025-11-24"]
    assert len({row["story"] for row in summit}) == 1
    assert summit[0]["n_articles"] >= 5
    assert summit[0]["n_sources"] < summit[0]["n_articles"]
    named = [row["evidence"]["quote"].lower() for row in rows if row["agreements"]]
    assert any("memorandum" in quote for quote in named)
    assert all("memorandum" in quote or "agreements on wind energy" in quote for quote in named)
    assert any("Altay tank" in row["projects"] for row in rows)


def test_gdelt_rows_count_the_story_articles_and_independent_sources(summit_db: Path) -> None:
    result = CliRunner().invoke(
        app, ["--db", str(summit_db), "export", "--format", "gdelt-tsv", "--pair", "TUR-KOR", "--since", "2025-11-24"]
    )
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines() if line]
    # Columns 29, 33 and 34 (1-based): EventRootCode, NumSources, NumArticles.
    summit = [row for row in rows if row[1] == "20251124" and row[28] == "04" and int(row[33]) >= 5]
    assert summit
    assert all(int(row[32]) < int(row[33]) for row in summit)


def test_articles_show_where_an_undated_article_was_placed(summit_db: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(summit_db), "articles", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {Path(row["origin"]).name: row for row in json.loads(result.output)}
    assert rows["003_cd6dde936e8eb133.txt"]["published"] is None
    assert rows["003_cd6dde936e8eb133.txt"]["placed_on"] == "2021-10-22"
    assert rows["004_tur_kor_cavusoglu_seoul_2021.txt"]["placed_on"] is None  # dated: nothing to place


def _visit(meetings_of: str) -> str:
    return (
        f"Turkish Foreign Minister Mevlüt Çavuşoğlu met South Korean Foreign Minister Chung Eui-yong in Seoul "
        f"{meetings_of}. Çavuşoğlu also met Prime Minister Kim Boo-kyum to discuss trade. "
        "He later held talks with former UN chief Ban Ki-moon about regional issues."
    )


def test_a_visit_is_one_story_whether_its_report_is_dated_or_not(tmp_path: Path, gaz: Gazetteer) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(f"Minister in Seoul\n{_visit('during a visit')}\n", encoding="utf-8")
    dated = _write(tmp_path, "dated.txt", "2021-10-23", "Minister in Seoul", _visit("on Friday"))
    counts = []
    for name, text in (("undated", str(undated)), ("dated", dated)):
        with Store(tmp_path / f"{name}.db") as store:
            ingest([text], store, gaz)
            found = stories(store, Query(pair=PAIR, event="CONSULT"))
            events = store.events(Query(event="CONSULT"))
        assert len(events) >= 3, name  # three meetings …
        counts.append(len(found))
    assert counts == [1, 1]  # … one visit


def test_a_signing_and_a_welcome_on_one_day_are_two_stories(tmp_path: Path, gaz: Gazetteer) -> None:
    text = _write(
        tmp_path, "summit.txt", "2025-11-24", "Summit in Ankara",
        "Turkish President Recep Tayyip Erdoğan met South Korean President Lee Jae-myung in Ankara on Monday. "
        "Korea Electric Power Corporation and the Turkish Nuclear Energy Corporation signed a memorandum of "
        "understanding on nuclear power on Monday. Erdoğan also welcomed Hyundai's new investment in its car "
        "plant in Izmit.",
    )  # fmt: skip
    with Store(tmp_path / "s.db") as store:
        ingest([text], store, gaz)
        found = stories(store, Query(pair=PAIR, event="SUPPORT"))
    assert sorted(story.cameo[:3] for story in found) == ["051", "057"]


def test_an_undated_report_placed_by_one_act_places_its_other_acts(tmp_path: Path, gaz: Gazetteer) -> None:
    dated = _write(tmp_path, "dated.txt", "2021-10-23", "Minister in Seoul", _visit("on Friday"))
    undated = tmp_path / "undated.txt"
    undated.write_text(
        f"Minister in Seoul\n{_visit('during a visit')} Çavuşoğlu praised South Korea for its help to Turkish "
        "exporters.\n",
        encoding="utf-8",
    )
    with Store(tmp_path / "s.db") as store:
        ingest([dated, str(undated)], store, gaz)
        meetings = stories(store, Query(pair=PAIR, event="CONSULT"))
        praise = stories(store, Query(pair=PAIR, event="SUPPORT"))
    assert len(meetings) == 1 and meetings[0].n_articles == 2  # the undated report joins the dated visit …
    # … and its praise, which no dated report tells, takes the visit's day rather than the office-holders' window
    assert [(story.when.start, story.when.precision, len(story.placed)) for story in praise] == [
        (date(2021, 10, 22), Precision.DAY, 1)
    ]
