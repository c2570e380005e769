"""Reading agreements and projects from coded sentences."""

from __future__ import annotations

from datetime import date

import pytest

from bilateral.actors import Gazetteer
from bilateral.code import code_text
from bilateral.registry.agreements import read_agreements
from bilateral.registry.projects import read_projects

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
    ],
)
def test_agreements_are_read_per_subject_with_kind_and_stage(
    text: str, expected: list[tuple[str, str, str]], gaz: Gazetteer
) -> None:
    assert _agreements(text, gaz) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Germany and France signed an agreement on Tuesday after long talks.",  # no subject: not guessed
        "Egypt said it was in agreement with Sudan regarding water security.",  # a view, not a document
        "Chile and Peru did not sign the fisheries agreement on Friday.",  # negated
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
