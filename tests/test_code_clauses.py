"""The event coder across clauses and sentences: clause breaks, acts told as history, "they" and the group
that led a recent sentence, verbs that share a subject."""

from __future__ import annotations

from datetime import date

import pytest
from test_code import ON, brief

from bilateral.actors import Gazetteer
from bilateral.code import code_text


def test_an_act_after_a_clause_break_is_its_own(gaz: Gazetteer) -> None:
    """ "failed to sign … after holding talks": the talks are an act, not what was (not) signed."""
    events = code_text("Brazil and Chile failed to sign a trade pact after holding talks in Lima.", gaz, on=ON)
    assert [brief(event) for event in events] == [
        ("SUPPORT", "057", "BRA+CHL", "", "negated"),
        ("CONSULT", "040", "BRA+CHL", "", "asserted"),
    ]


def test_what_is_called_off_is_no_act_but_a_later_clause_is(gaz: Gazetteer) -> None:
    (cancelled,) = code_text("The French minister cancelled a planned visit to Haiti.", gaz, on=ON)
    assert brief(cancelled)[:2] == ("SANCTION", "161")  # and no CONSULT for the visit that did not happen
    events = code_text("Niger severed ties with France, accusing it of plotting a coup.", gaz, on=ON)
    assert [brief(event)[:4] for event in events] == [
        ("SANCTION", "161", "NER", "FRA"),
        ("ACCUSE", "112", "NER", "FRA"),
    ]


def test_an_old_year_makes_history_only_of_its_own_clause(gaz: Gazetteer) -> None:
    text = "The minister recalled that Japan had sent aid to Turkey in 1999, and said Japan signed a deal with Turkey."
    assert [(event.event, event.background) for event in code_text(text, gaz, on=ON)] == [
        ("AID", True),
        ("SUPPORT", False),
    ]


@pytest.mark.parametrize(
    ("text", "on", "background"),
    [
        ("Venezuela closed its border with Colombia in February 2011 amid a row.", ON, True),  # month and year
        ("Venezuela closed its border with Colombia in 2011.", None, False),  # undated: no year to compare with
        ("Venezuela closed its border with Colombia, sending a 2000-strong force.", ON, False),  # no year
        # An old year at the end of a long clause still dates it.
        ("China seized de facto control of the islands by force from Vietnam in a violent battle in 1974.", ON, True),
    ],
)
def test_an_old_year_makes_history_as_a_month_and_at_a_long_clauses_end(
    gaz: Gazetteer, text: str, on: date | None, background: bool
) -> None:
    events = code_text(text, gaz, on=on)
    assert [event.background for event in events if event.event in ("SANCTION", "COERCE")] == [background]


def test_they_after_an_organisation_led_sentence_is_that_organisation(gaz: Gazetteer) -> None:
    text = (
        "G7 leaders met in Hiroshima on Saturday. They condemned Russia's aggression and warned China. "
        "They also announced tougher sanctions against Moscow. Japan's premier spoke later. They agreed."
    )
    assert [brief(event)[::2] for event in code_text(text, gaz, on=ON)] == [
        ("ACCUSE", "G7", "asserted"),
        ("THREATEN", "G7", "asserted"),
        ("SANCTION", "G7", "asserted"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One state leading a sentence in between is not whom "they" means.
        (
            "BRICS leaders met in Rio on Sunday. Russia's president spoke first. They condemned Israel's strikes.",
            [("ACCUSE", "BRICS", "ISR")],
        ),
        # "the ministers", "Foreign ministers", "the countries" are the organisation's members too.
        (
            "Officials said nothing. G7 foreign ministers met on Tuesday. Foreign ministers warned Russia of dire "
            "consequences. The ministers also urged China to exercise restraint. The countries called for talks "
            "with Iran.",
            [("THREATEN", "G7", "RUS"), ("REQUEST", "G7", "CHN"), ("REQUEST", "G7", "IRN")],
        ),
        # "the bloc" after another organisation named in its sentence is that one.
        (
            "The AU imposed sanctions on Mali. ECOWAS officials said the bloc also demanded that Mali free prisoners.",
            [("SANCTION", "AU", "MLI"), ("REQUEST", "ECOWAS", "MLI")],
        ),
    ],
)
def test_the_group_that_led_a_recent_sentence_acts_for_they_and_its_members(
    gaz: Gazetteer, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(event.event, *brief(event)[2:4]) for event in code_text(text, gaz, on=ON)] == expected


def test_verbs_joined_by_and_share_their_subject(gaz: Gazetteer) -> None:
    """ "Russia summoned the British ambassador and warned …": Russia warned, and warned Britain."""
    events = code_text("Russia summoned the British ambassador on Monday and warned of retaliation.", gaz, on=ON)
    assert [brief(event) for event in events] == [
        ("ACCUSE", "114", "RUS", "GBR", "asserted"),
        ("THREATEN", "130", "RUS", "GBR", "asserted"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb of speech after a comma is a second predicate of the same subject, not what the first governs.
        (
            "Australia condemned Russia's invasion of Ukraine, warned China against any use of force.",
            [("ACCUSE", "AUS", "RUS"), ("THREATEN", "AUS", "CHN")],
        ),
        # A participle after a comma describes the noun before it: Korea condemned, not Japan.
        ("Japan welcomed the trade deal with China, condemned by Korea as a betrayal.", [("SUPPORT", "JPN", "CHN")]),
    ],
)
def test_verbs_joined_by_a_comma_share_their_subject(
    gaz: Gazetteer, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(event.event, *brief(event)[2:4]) for event in code_text(text, gaz, on=ON)] == expected
