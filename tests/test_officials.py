"""Officials the people files do not hold, named by a country word, a title and a name."""

from __future__ import annotations

import time
from datetime import date

import pytest

from bilateral.actors import Gazetteer, gazetteer, recognise
from bilateral.code import code_text
from bilateral.read import read_text
from bilateral.records import ActorKind
from bilateral.repair import repair


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def people(gaz: Gazetteer, text: str) -> list[tuple[str, str | None, str]]:
    reading = recognise(repair(read_text(text)), gaz)
    return [(m.text, m.country, m.form) for m in reading.mentions if m.kind is ActorKind.PERSON]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ruritanian", []),  # no title, no name
        (
            "Chinese Vice Foreign Minister Dong Pelham summoned the envoy.",
            [("Dong Pelham", "CHN", "titled")],
        ),
        (
            "Japan's Chief Cabinet Secretary Ichiro Wadakawa told reporters.",
            [("Ichiro Wadakawa", "JPN", "titled")],
        ),
        (
            "Indonesian Navy spokesman First Admiral Tarno Budiwan said the ships left.",
            [("Tarno Budiwan", "IDN", "titled")],
        ),
        ("the Kenyan ambassador Dr Amos Kiberenge met them.", [("Amos Kiberenge", "KEN", "titled")]),
        ("The Chinese Foreign Ministry Wednesday lodged a protest.", []),  # a body, not a person
        ("Egyptian Interior Minister Cairo said", []),  # one capitalised word: as often a place or a body
        ("French Defence Minister Alain Roquemont Monday said", [("Alain Roquemont", "FRA", "titled")]),
        ("Chinese Foreign Policy chief of staff", []),  # a title with no name after it
        ("Russia's UN Ambassador Vasko Nebrenko spoke.", []),  # an organisation's post is not the country's
        ("The US General Services Administration said", []),  # an organisation, not a person
        ("Chinese Ambassador Liu Xiaoping Told Reporters", [("Liu Xiaoping", "CHN", "titled")]),  # a headline
        ("British Army spokesman Maj Gen John Smithers said", [("John Smithers", "GBR", "titled")]),  # ranks
        ("French Defence Minister Alain Roquemont's visit", [("Alain Roquemont", "FRA", "titled")]),
        ("Japan protests to Chinese Ambassador Wu Jianfeng", [("Wu Jianfeng", "CHN", "titled")]),  # the text's end
    ],
)
def test_a_country_word_a_title_and_a_name_make_an_official(
    gaz: Gazetteer, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert people(gaz, text) == expected


def test_the_official_is_known_later_by_either_end_of_the_name(gaz: Gazetteer) -> None:
    text = (
        "Chinese Vice Foreign Minister Dong Pelham met the envoy. Later Dong Pelham said Dong would go, "
        "and Pelham agreed. Dong"  # a last word with nothing after it still counts
    )
    assert people(gaz, text) == [
        ("Dong Pelham", "CHN", "titled"),
        ("Dong Pelham", "CHN", "surname"),  # the full name again: one mention
        ("Dong", "CHN", "surname"),
        ("Pelham", "CHN", "surname"),
        ("Dong", "CHN", "surname"),
    ]


def test_a_name_before_the_official_is_introduced_is_not_the_official(gaz: Gazetteer) -> None:
    assert people(gaz, "Pelham arrived. Chinese Foreign Minister Dong Pelham spoke.") == [
        ("Dong Pelham", "CHN", "titled")
    ]


def test_a_known_person_stays_the_files_person(gaz: Gazetteer) -> None:
    found = people(gaz, "Turkish President Recep Tayyip Erdogan met them.")
    assert [(text, country) for text, country, _ in found] == [("Recep Tayyip Erdogan", "TUR")]
    assert found[0][2] != "titled"


def test_an_official_named_once_is_the_actor_of_a_later_sentence(gaz: Gazetteer) -> None:
    text = (
        "Chinese Vice Foreign Minister Dong Pelham met reporters on Tuesday. "
        "Dong urged Japan to release the fishing boat and its crew."
    )
    events = code_text(text, gaz, on=date(2010, 9, 8))
    assert [(e.event, [p.country for p in e.actor], [p.country for p in e.recipient]) for e in events] == [
        ("REQUEST", ["CHN"], ["JPN"])
    ]


def test_many_officials_in_a_long_text_are_read_in_linear_time(gaz: Gazetteer) -> None:
    piece = "Chinese Vice Foreign Minister Dong Pelham{n} met Japanese Ambassador Ichiro Wadakawa{n}; Dong{n} spoke. "

    def seconds(repeats: int) -> float:
        text = "".join(piece.format(n=chr(ord("a") + n % 26) * (1 + n // 26)) for n in range(repeats))
        began = time.perf_counter()
        recognise(repair(read_text(text)), gaz)
        return time.perf_counter() - began

    seconds(50)  # warm
    short, long = min(seconds(200) for _ in range(2)), min(seconds(800) for _ in range(2))
    assert long / short < 8, (short, long)


def test_the_office_before_the_name_is_the_officials(gaz: Gazetteer) -> None:
    reading = recognise(repair(read_text("French Defence Minister Alain Roquemont said so.")), gaz)
    persons = [m for m in reading.mentions if m.kind is ActorKind.PERSON]
    assert [(m.text, m.country, m.role, m.office) for m in persons] == [
        ("Alain Roquemont", "FRA", "defence_minister", "Defence Minister")
    ]


def test_a_counterpart_is_of_the_person_named_just_before(gaz: Gazetteer) -> None:
    text = "Hakan Fidan met Xi Jinping in Beijing on Monday. Later Fidan told his Russian counterpart of the talks."
    reading = recognise(repair(read_text(text)), gaz, on=date(2024, 6, 20))
    (counterpart,) = [m for m in reading.mentions if m.form == "counterpart"]
    assert (counterpart.country, counterpart.role) == ("RUS", "foreign_minister")


def test_a_league_is_no_official(gaz: Gazetteer) -> None:
    # "Indian Premier" is read as an office noun by the gazetteer (before officials existed); no name follows it
    assert [
        found for found in people(gaz, "Indian Premier League Chairman Arun Dhumal said") if found[2] == "titled"
    ] == []
