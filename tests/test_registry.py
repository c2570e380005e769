"""Reading agreements and projects from coded sentences, and the registry the seeds give."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import permutations
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.actors import Gazetteer
from bilateral.cli import app, common
from bilateral.code import code_text
from bilateral.pipeline import ingest
from bilateral.records import Precision
from bilateral.registry import agreements
from bilateral.registry.agreements import read_agreements, signatories
from bilateral.registry.entries import RESIGNED
from bilateral.registry.projects import read_projects
from bilateral.store import Query, Store
from bilateral.stories import stories
from tests.conftest import BACKENDS, database

DAY = date(2025, 5, 12)


def _agreements(text: str, gaz: Gazetteer) -> list[tuple[str, str, str]]:
    found = {
        (mention.topic.label, mention.kind, mention.stage)
        for event in code_text(text, gaz, on=DAY)
        for mention in read_agreements(event)
    }
    return sorted(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japan and India signed a memorandum of understanding on semiconductors in Tokyo on Monday.",
            [("semiconductors", "MoU", "signed")],
        ),
        (
            "The foreign ministers of Spain and Morocco signed agreements on migration and fisheries.",
            [("agriculture", "agreement", "signed"), ("migration", "agreement", "signed")],
        ),
        (
            "Poland and South Korea signed three deals including arms production, officials said.",
            [("defence industry", "agreement", "signed")],
        ),
        (
            "Canada and India will sign a free trade agreement next year, both governments said.",
            [("free trade", "agreement", "announced")],
        ),
        (
            "Russia suspended its agreement with Ukraine on grain shipments on Monday.",
            [("agriculture", "agreement", "suspended")],
        ),
        (
            "Peru and Ecuador failed to sign a trade agreement after talks between their ministers in Lima broke down "
            "on Sunday.",
            [("free trade", "agreement", "negotiated")],  # a signing that did not happen
        ),
        (
            "Italy and Albania signed a defence agreement in Rome on Wednesday.",
            [("security", "agreement", "signed")],
        ),
        (
            "Germany and France signed an agreement on Tuesday after long talks.",
            [("unspecified", "agreement", "signed")],  # a signing told as done, its subject not named
        ),
        (
            "The presidents of Brazil and China witnessed the signing of 20 pacts in Beijing on Tuesday.",
            [("unspecified", "agreement", "signed")],
        ),
        (
            "A treaty between Japan and India was signed in Tokyo on Monday.",
            [("unspecified", "treaty", "signed")],
        ),
        (
            "The foreign ministers of Ethiopia and Somalia signed a joint statement in Ankara on Monday.",
            [("unspecified", "joint declaration", "signed")],
        ),
        (
            "India and Bangladesh signed seven memoranda of understanding including one on space technology.",
            [("space", "MoU", "signed")],  # the subject named beside a count is the one kept
        ),
    ],
)
def test_agreements_are_read_per_subject_with_kind_and_stage(
    text: str, expected: list[tuple[str, str, str]], gaz: Gazetteer
) -> None:
    assert _agreements(text, gaz) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Germany and France will sign an agreement next week, officials said.",  # no subject, not done: not guessed
        "Germany and France had hoped to conclude a deal on Tuesday, officials said.",  # hoped for
        "The deal to be signed by Germany and France on Tuesday is still in draft.",  # not yet signed
        "The leaders of Germany and France will attend the signing of several pacts on Tuesday.",  # not yet
        "Talks between Japan and India concluded on Monday without an agreement.",
        "No agreement was signed by Japan and India on Monday.",
        "Japan and India denied on Monday that they had signed a secret agreement.",
        "Japan and India, which signed an agreement in 2010, held talks in Tokyo on Monday.",  # history
        "Japan said on Monday it sealed its border with India after the agreement collapsed.",
        "Japan condemned India's missile test on Monday in a joint statement with South Korea on nuclear energy.",
        "Japan accused India on Monday of violating the agreement signed last year.",  # no "was": an earlier one
        "Japan and India signed the agreement three years ago, officials said on Monday.",
        "Japan and India had signed a similar agreement before the war, officials recalled on Monday.",
        "Egypt said it was in agreement with Sudan regarding water security.",  # a view, not a document
        "Chile and Peru did not sign the fisheries agreement on Friday.",  # negated
        "Jordan's parliament called on the government to end the peace treaty with Israel.",  # one there already
        "Iran accused the United States of violating the nuclear deal.",  # likewise: a demand or a charge about it
    ],
)
def test_no_agreement_entry_without_a_subject_a_document_or_an_act(text: str, gaz: Gazetteer) -> None:
    assert _agreements(text, gaz) == []


def test_a_value_stated_in_the_sentence_is_kept(gaz: Gazetteer) -> None:
    events = code_text(
        "South Korea and the Czech Republic signed a $17 billion contract on nuclear power on Wednesday.", gaz, on=DAY
    )
    values = {mention.value for event in events for mention in read_agreements(event)}
    assert values == {"$17 billion"}


def test_listed_projects_are_found_and_an_alias_needing_a_second_word_waits_for_it(gaz: Gazetteer) -> None:
    altay = code_text("South Korea approved the export of engines for Turkey's Altay tank on Monday.", gaz, on=DAY)
    assert {project.name for event in altay for project in read_projects(event)} == {"Altay tank"}
    plant = code_text("Erdoğan praised Hyundai's car plant in Izmit during talks with Lee.", gaz, on=DAY)
    assert "Hyundai İzmit plant" in {project.name for event in plant for project in read_projects(event)}
    elsewhere = code_text("Erdoğan praised Hyundai's new showroom in Ankara during talks with Lee.", gaz, on=DAY)
    assert not {project.name for event in elsewhere for project in read_projects(event)}


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        (
            "Russia suspends its participation in the implementation of the agreement on grain exports with Ukraine.",
            "suspended",
        ),
        ("Japan and India signed the trade agreement after China suspended talks with Russia.", "signed"),
    ],
)
def test_a_suspension_told_before_a_later_stage_word_suspends_the_agreement(
    text: str, stage: str, gaz: Gazetteer
) -> None:
    assert {found for _, _, found in _agreements(text, gaz)} == {stage}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ghana and Nigeria signed an amended agreement on fisheries in Accra on Tuesday.",
            [("agriculture", "agreement", "revised")],
        ),
        (
            "Norway and Iceland signed a protocol updating their treaty on fisheries on Monday.",
            [("agriculture", "treaty", "revised")],
        ),
        (
            "Mexico and Canada will sign a revised trade agreement next month, officials said.",
            [("free trade", "agreement", "announced")],  # promised, not yet done
        ),
        (
            "Kenya and Uganda signed an agreement on railways on Friday after revising their plans.",
            [("transport", "agreement", "signed")],  # the plans were revised, not the agreement
        ),
    ],
)
def test_a_revised_amended_or_updated_agreement_is_a_revision_stage(
    text: str, expected: list[tuple[str, str, str]], gaz: Gazetteer
) -> None:
    assert _agreements(text, gaz) == expected


def test_a_signed_document_approving_a_sale_is_an_agreement_but_other_documents_are_not(gaz: Gazetteer) -> None:
    approval = (
        "On Friday, South Korea's defence minister signed a document approving the sale of tank engines to Poland."
    )
    assert _agreements(approval, gaz) == [("defence industry", "approval", "signed")]
    phrases = {mention.phrase for event in code_text(approval, gaz, on=DAY) for mention in read_agreements(event)}
    assert phrases == {"document approving the sale of tank engines to Poland"}
    other = "Poland signed a document on tank maintenance with South Korea, the ministry said on Friday."
    assert _agreements(other, gaz) == []


def test_agreements_named_after_an_earlier_act_of_the_same_kind_are_kept(gaz: Gazetteer) -> None:
    text = (
        "Spanish Prime Minister Pedro Sanchez met Moroccan King Mohammed VI in Rabat on Monday. "
        "Sanchez said Spain was in agreement with Morocco on the fight against terrorism. "
        "He also pointed to new agreements on solar energy and on fisheries."
    )
    assert _agreements(text, gaz) == [
        ("agriculture", "agreement", "announced"),
        ("renewable energy", "agreement", "announced"),
    ]


ON_2021 = date(2021, 10, 22)


@pytest.mark.parametrize(
    ("text", "signed_by"),
    [
        (
            "Japanese Foreign Minister Takeshi Iwaya and his Indian counterpart Subrahmanyam Jaishankar signed an "
            "agreement on semiconductors in Tokyo on Monday.",
            {"Takeshi Iwaya", "S. Jaishankar"},
        ),
        (
            "German Chancellor Olaf Scholz signed a migration agreement with Kenyan President William Ruto in Berlin.",
            {"Olaf Scholz", "William Ruto"},
        ),
        (
            "Turkish Foreign Minister Mevlüt Çavuşoğlu met South Korean Foreign Minister Chung Eui-yong in Seoul on "
            "Friday. The two diplomats signed an agreement on tourism.",
            {"Mevlüt Çavuşoğlu", "Chung Eui-yong"},  # "the two diplomats" are the two ministers just named
        ),
        (
            "Turkish Foreign Minister Mevlüt Çavuşoğlu met South Korean Foreign Minister Chung Eui-yong in Seoul on "
            "Friday. He said Kang Eun-ho, the South Korean procurement minister, signed a document approving the "
            "sale of engines for Turkish tanks.",
            {"Kang Eun-ho"},  # who reports the signing did not sign
        ),
        (
            "President Lee Jae-myung and President Recep Tayyip Erdogan witnessed the signing of agreements on "
            "nuclear energy in Ankara.",
            set(),  # witnesses, not signatories
        ),
        (
            "KEPCO signed a memorandum of understanding on nuclear power with Turkey's TENMAK as South Korean "
            "President Lee Jae-myung held talks with President Recep Tayyip Erdogan.",
            set(),  # the leaders met while the companies signed
        ),
    ],
)
def test_signatories_are_the_people_the_sentence_says_signed(text: str, signed_by: set[str], gaz: Gazetteer) -> None:
    events = [event for event in code_text(text, gaz, on=ON_2021) if read_agreements(event)]
    assert events, "the sentence reports an agreement"
    assert {person.name for event in events for person in signatories(event)} == signed_by


def _entries(store: Store) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return sorted((entry.topic, entry.countries, tuple(stage.stage for stage in entry.stages))
                  for entry in agreements(store))  # fmt: skip


def _ingest_texts(store: Store, folder: Path, texts: list[str], batches: list[list[int]], gaz: Gazetteer) -> None:
    for batch in batches:
        paths = []
        for number in batch:
            path = folder / f"{number}.txt"
            path.write_text(f"Report {number}\n\n{texts[number]}\n", encoding="utf-8")
            paths.append(str(path))
        ingest(paths, store, gaz)


def _registry(
    backend: str, folder: Path, texts: list[str], batches: list[list[int]], gaz: Gazetteer
) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    with database(backend, folder) as path, Store(path) as store:
        _ingest_texts(store, folder, texts, batches, gaz)
        return _entries(store)


UNNAMED_AND_NAMED = [
    "Japan and India signed an agreement in Tokyo on Monday, the foreign ministry said.",
    "Japan and India signed a memorandum of understanding on semiconductors in Tokyo on Monday.",
    "Japan and India signed a free trade agreement in Tokyo on Monday.",
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("batches", [[[0, 1, 2]], [[0], [1], [2]], [[2], [0], [1]], [[1, 2], [0]]])
def test_a_signing_with_no_subject_named_elsewhere_is_its_own_entry_whatever_the_batches(
    backend: str, batches: list[list[int]], tmp_path: Path, gaz: Gazetteer
) -> None:
    assert _registry(backend, tmp_path, UNNAMED_AND_NAMED, batches, gaz) == [
        ("free trade", ("IND", "JPN"), ("signed",)),
        ("semiconductors", ("IND", "JPN"), ("signed",)),
        ("unspecified", ("IND", "JPN"), ("signed",)),  # which of the two it is, its article does not tell
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_signing_with_no_subject_joins_the_one_entry_its_article_names(
    backend: str, tmp_path: Path, gaz: Gazetteer
) -> None:
    texts = [
        "Japan and India signed a memorandum of understanding on semiconductors in Tokyo on Monday. "
        "The agreement was signed by the two foreign ministers in Tokyo on Monday.",
        "Japan and India signed a memorandum of understanding on semiconductors in Tokyo on Monday. "
        "Japan and India also signed a migration agreement in Tokyo on Monday. "
        "The agreements were signed by the two foreign ministers in Tokyo on Monday.",
    ]
    with database(backend, tmp_path) as path, Store(path) as store:
        _ingest_texts(store, tmp_path, texts, [[0]], gaz)
        one = [(entry.topic, entry.n_articles) for entry in agreements(store)]
        _ingest_texts(store, tmp_path, texts, [[1]], gaz)
        two = sorted((entry.topic, len(entry.stages)) for entry in agreements(store))
    assert one == [("semiconductors", 1)]  # the second sentence is a report of the MoU, not another agreement
    assert [topic for topic, _ in two] == ["migration", "semiconductors"]  # and beside two, of neither


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_signing_with_no_subject_joins_no_entry_its_article_tells_only_under_talks(
    backend: str, tmp_path: Path, gaz: Gazetteer
) -> None:
    texts = [
        "Japan and India signed an agreement in Tokyo on Monday. "
        "Japanese and Indian negotiators held talks on a free trade agreement in Tokyo on Monday.",
    ]
    assert _registry(backend, tmp_path, texts, [[0]], gaz) == [  # the talks are on another agreement
        ("free trade", ("IND", "JPN"), ("negotiated",)),
        ("unspecified", ("IND", "JPN"), ("signed",)),
    ]


SIGNED_MONTHS_APART = [  # one subject signed by one pair three times, each some ten weeks after the one before
    ("2025-01-06", "Japan and India signed a free trade agreement in Tokyo on Monday."),
    ("2025-03-17", "Japan and India signed a free trade agreement in New Delhi on Monday."),
    ("2025-05-26", "Japan and India signed a free trade agreement in Osaka on Monday."),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("order", list(permutations(range(3))))
def test_no_entry_holds_signings_further_apart_than_a_resigning_whatever_order_they_arrive_in(
    backend: str, order: tuple[int, ...], tmp_path: Path, gaz: Gazetteer
) -> None:
    with database(backend, tmp_path) as path, Store(path) as store:
        for number in order:  # one batch each: the latest first, in the middle or last
            published, text = SIGNED_MONTHS_APART[number]
            source = tmp_path / f"{number}.jsonl"
            source.write_text(json.dumps({"title": f"Report {number}", "text": text, "published": published}) + "\n")
            ingest([str(source)], store, gaz)
        rows = store._db.execute(
            """SELECT agreement_events.agreement_id, articles.published FROM agreement_events
            JOIN articles ON articles.id = agreement_events.article_id"""
        ).fetchall()
    signed: dict[str, list[date]] = {}
    for entry, published in rows:
        signed.setdefault(entry, []).append(date.fromisoformat(str(published)))
    entries = [sorted(days) for days in signed.values()]
    assert sorted(day for days in entries for day in days) == [date(2025, 1, 6), date(2025, 3, 17), date(2025, 5, 26)]
    assert all(days[-1] - days[0] <= RESIGNED for days in entries)  # never January to May in one entry
    assert len(entries) == 2  # the middle signing joins the first or the last, as its turn to arrive decides


@pytest.fixture(scope="module", params=BACKENDS)
def seeds_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer, seeds: Path
) -> Iterator[str]:
    """The two shared seeds alone: the 2025 Ankara summit and the undated 2021 Seoul visit."""
    with database(request.param, tmp_path_factory.mktemp("seeds")) as path:
        with Store(path) as store:
            ingest([str(seeds)], store, gaz)
        yield path


def test_the_seeds_agreements_are_in_the_registry_with_stages_and_signatories(seeds_db: Path) -> None:
    with Store(seeds_db) as store:
        entries = {(entry.topic, entry.kind): entry for entry in agreements(store, Query(pair=("TUR", "KOR")))}
    assert set(entries) == {
        ("nuclear energy", "MoU"),
        ("double taxation", "agreement"),
        ("science and technology", "agreement"),
        ("renewable energy", "agreement"),
        ("health", "agreement"),
        ("defence industry", "approval"),
    }
    ministers = {"Mevlüt Çavuşoğlu (Foreign Minister)", "Chung Eui-yong (Foreign Minister)"}
    for topic in ("double taxation", "science and technology"):
        entry = entries[topic, "agreement"]
        assert [stage.stage for stage in entry.stages] == ["revised"]
        assert entry.stages[0].when.precision is Precision.WINDOW
        assert set(entry.signatories) == ministers
    approval = entries["defence industry", "approval"]
    assert approval.status() == "signed"
    assert "power pack" in approval.aliases[0]
    assert approval.signatories == ("Kang Eun-ho (Minister of the Defense Acquisition Program Administration)",)
    assert entries["nuclear energy", "MoU"].signatories == ()  # the seed does not say who signed it
    for topic in ("renewable energy", "health"):
        assert entries[topic, "agreement"].stages[0].when.day == date(2025, 11, 24)


def test_signatories_are_shown_by_the_agreements_command_and_the_brief(
    seeds_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common.out, "width", 400)  # one line per entry
    table = CliRunner().invoke(app, ["--db", str(seeds_db), "agreements", "--pair", "TUR-KOR"])
    assert table.exit_code == 0, table.output
    assert "signed by Kang Eun-ho" in table.output
    brief = CliRunner().invoke(app, ["--db", str(seeds_db), "brief", "TUR", "KOR", "--since", "2021-01-01"])
    assert brief.exit_code == 0, brief.output
    assert "signed by Kang Eun-ho" in brief.output


def test_the_seoul_trip_and_the_ankara_summit_are_counted_alike(seeds_db: Path) -> None:
    """One trip, one summit: a meeting story each and as many acts, whether the report is dated or not."""
    with Store(seeds_db) as store:
        found = [story for story in stories(store, Query(pair=("TUR", "KOR"))) if story.when.start]
    visits = Counter(story.when.start.year for story in found if story.when.start)
    meetings = Counter(story.when.start.year for story in found if story.when.start and story.event == "CONSULT")
    assert meetings == {2021: 1, 2025: 1}
    assert set(visits) == {2021, 2025} and abs(visits[2021] - visits[2025]) <= 1


@pytest.mark.parametrize("first", ["bilateral.store", "bilateral.registry", "bilateral.registry.lifecycle"])
def test_the_registry_reads_are_functions_whatever_is_imported_first(first: str) -> None:
    """``bilateral.registry.agreements`` is both a submodule and the read of the registry: the read must win."""
    check = f"import {first}\nfrom bilateral.registry import agreements, projects\nprint(agreements, projects)"
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert done.stdout.count("<function") == 2, done.stdout


def test_a_reaction_drawn_from_a_state_reports_no_agreement_of_that_state(gaz: Gazetteer) -> None:
    events = code_text("Australia signed a deal with Nauru, drawing criticism from China.", gaz, on=DAY)
    parties = {tuple(sorted({p.country or "" for p in (*e.actor, *e.recipient)})) for e in events if read_agreements(e)}
    assert parties == {("AUS", "NRU")}  # China criticised the deal; it signed nothing
