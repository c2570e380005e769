"""Who acted on whom, and what each act is, where the sentence qualifies it: envoys summoned and people held
with no agent named, meetings on one's ground, exercises held with others, protests at embassies, reactions drawn
"from" a state, warnings, hopes, suspensions and what they list (issue 12's rounds on the real-news development
part's mistakes, each a rule of the guides)."""

from __future__ import annotations

import pytest
from test_code import ON, brief

from bilateral.actors import Gazetteer
from bilateral.code import code_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A summoned envoy's state receives the act; the state the envoy serves in, or reports it, acts.
        (
            "Ukraine's charge d'affaires in the Russian Federation was summoned on May 28.",
            ("ACCUSE", "114", "RUS", "UKR", "asserted"),
        ),
        (
            "Russia's ambassador to Italy arrived at the foreign ministry after being summoned on Monday.",
            ("ACCUSE", "114", "ITA", "RUS", "asserted"),
        ),
        (
            "The ambassadors of Russia in the countries of the European Union were summoned on Monday.",
            ("ACCUSE", "114", "EU", "RUS", "asserted"),
        ),
        (
            "The Russian Foreign Ministry issued a statement, revealing that the US ambassador was summoned.",
            ("ACCUSE", "114", "RUS", "USA", "asserted"),
        ),
        # People held or sent away: the state they are held in, or sent from, acts on theirs.
        (
            "The man was identified as a U.S. Navy sailor detained in Venezuela this month.",
            ("COERCE", "173", "VEN", "USA", "asserted"),
        ),
        (
            "Planes carrying 200 Colombian migrants who were expelled from the U.S. landed in Bogota.",
            ("SANCTION", "166", "USA", "COL", "asserted"),
        ),
        # A protest at an embassy (capitalised or not) is against its state, by the people named before it, else
        # by the place's.
        (
            "Jordanian youth protested outside the Israeli Embassy in Amman on Saturday.",
            ("PROTEST", "141", "JOR", "ISR", "asserted"),
        ),
        (
            "About two dozen protesters gathered outside the Russian Embassy in London to protest the Syrian "
            "government's siege of Aleppo.",
            ("PROTEST", "141", "GBR", "RUS", "asserted"),
        ),
        # A warning against an act is a caution, not a threat; what a state hopes another will do is no act of it.
        (
            "Russia warned against the use of force in Niger on Monday.",
            ("STATEMENT", "012", "RUS", "NER", "asserted"),
        ),
        ("Japan expressed hope that China will support the plan.", ("STATEMENT", "012", "JPN", "CHN", "asserted")),
        # What an act drew "from" a state is that state's criticism of whoever did it.
        (
            "Japan released treated water into the sea on Thursday, drawing condemnation from China.",
            ("ACCUSE", "111", "CHN", "JPN", "asserted"),
        ),
        # An exercise held "with" others is a joint act of every party (both guides).
        ("Japan held a joint naval exercise with India on Monday.", ("COOPERATE", "062", "IND+JPN", "", "asserted")),
        # Two leaders meeting on one's ground: the visitor acts (eval/realnews/GUIDE.md, section 3).
        ("Modi and Bangladesh's Sheikh Hasina held talks in New Delhi.", ("CONSULT", "042", "BGD", "IND", "asserted")),
        ("Putin received Erdogan in Sochi on Friday.", ("CONSULT", "042", "TUR", "RUS", "asserted")),
        ("Macron received Zelensky with full honours.", ("CONSULT", "042", "UKR", "FRA", "asserted")),
    ],
)
def test_who_acted_on_whom(gaz: Gazetteer, text: str, expected: tuple[str, ...]) -> None:
    assert [brief(event) for event in code_text(text, gaz, on=ON)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Withdrawing forces is a retreat; withdrawing diplomats, or from an agreement, a body or talks, cuts
        # relations (eval/realnews/GUIDE.md); withdrawing a candidacy or an offer is no act between the states.
        ("Russia began withdrawing troops from the border with Ukraine.", [("RETREAT", "087", "RUS", "UKR")]),
        ("Israel pulled back its forces from Gaza.", [("RETREAT", "087", "ISR", "PSE")]),
        ("Russia withdrew its ambassador from Ukraine.", [("SANCTION", "161", "RUS", "UKR")]),
        ("The United States withdrew from the nuclear deal with Iran.", [("SANCTION", "160", "USA", "IRN")]),
        ("Mali withdrew from ECOWAS on Sunday.", [("SANCTION", "160", "MLI", "ECOWAS")]),
        ("Pakistan pulled out of talks with India.", [("SANCTION", "164", "PAK", "IND")]),
        ("Japan withdrew its candidacy for the UN seat.", []),
        # What only frames the withdrawal (talks before it, the deal it follows) does not make it a cut.
        ("Russia withdrew troops from the city under the deal with Ukraine.", [("RETREAT", "087", "RUS", "UKR")]),
        ("Israel withdrew its forces from Gaza following ceasefire talks.", [("RETREAT", "087", "ISR", "PSE")]),
        ("Russia withdrew support troops from Armenia.", [("RETREAT", "087", "RUS", "ARM")]),
        ("Russia withdrew its delegation from the talks with Ukraine.", [("SANCTION", "164", "RUS", "UKR")]),
        ("Pakistan pulled back from the negotiations with India.", [("SANCTION", "164", "PAK", "IND")]),
    ],
)
def test_what_a_withdrawal_withdraws(gaz: Gazetteer, text: str, expected: list[tuple[str, ...]]) -> None:
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == expected


def test_the_parties_of_a_clause_opened_by_as_are_its_own(gaz: Gazetteer) -> None:
    text = "Iran seized a tanker on Sunday, as the United States and Britain started talks on maritime security."
    assert not [event for event in code_text(text, gaz, on=ON) if event.event == "COERCE"]  # no state's tanker
    text = "Iran seized a British tanker on Sunday, as the United States and France began talks on shipping."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("COERCE", "171", "IRN", "GBR")]
    for text in (  # nor is a party of the clause the recipient guessed, named alone or abbreviated
        "Iran seized a tanker on Sunday, as Britain sought talks.",
        "Iran seized a tanker on Sunday, as U.S. and British officials held talks.",
    ):
        assert not [event for event in code_text(text, gaz, on=ON) if event.event == "COERCE"]


def test_what_a_suspension_lists_is_stopped_and_a_second_verb_is_an_act_of_its_own(gaz: Gazetteer) -> None:
    text = (
        "The United States suspended military ties to Russia, including exercises, port visits and planning meetings."
    )
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("SANCTION", "161", "USA", "RUS")]
    text = "Japan suspended ties with China and held talks with Russia."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [
        ("SANCTION", "161", "JPN", "CHN"),
        ("CONSULT", "040", "JPN", "RUS"),
    ]


def test_what_an_act_drew_from_a_state_is_aimed_at_the_main_clauses_subject(gaz: Gazetteer) -> None:
    text = "Modi travelled to Moscow for talks with President Vladimir Putin, drawing criticism from Ukraine."
    told = [brief(event)[:4] for event in code_text(text, gaz, on=ON)]
    assert ("ACCUSE", "111", "UKR", "IND") in told  # Modi's trip drew it, not Putin, named last


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # A reaction drawn "from" a state stands beside the act that drew it, and is never that act's content.
        (
            "North Korea launched a missile over Japan, prompting condemnation from South Korea.",
            [("MOBILIZE", "150", "PRK", "JPN"), ("ACCUSE", "111", "KOR", "PRK")],
        ),
        (
            "Hungary blocked the EU statement, drawing criticism from Poland.",
            [("REJECT", "120", "HUN", "EU"), ("ACCUSE", "111", "POL", "HUN")],
        ),
        # An announcement of an agreement's end, or of an inquiry into it, is no agreement.
        ("China announced the end of the fishing agreement with Japan.", []),
        # A list after a suspension stops at a second verb.
        (
            "Japan suspended aid to Myanmar, including food deliveries, and held talks with Thailand.",
            [("SANCTION", "162", "JPN", "MMR"), ("CONSULT", "040", "JPN", "THA")],
        ),
        # A country named as what was discussed is no venue; a border is no partner in an exercise.
        ("Zelensky and Biden discussed the war in Ukraine.", [("CONSULT", "040", "UKR+USA", "")]),
        # The state that says an envoy was summoned summoned him.
        ("Russia said on Tuesday that the British ambassador was summoned.", [("ACCUSE", "114", "RUS", "GBR")]),
        # Only people held are called on consularly; "citizens'" is no people, and a leader's visit stays one.
        ("President Macron visited French sailors in Djibouti.", [("CONSULT", "042", "FRA", "DJI")]),
        # A hope ends where its own clause does.
        (
            "The hopes that the US would lift sanctions on Iran faded after Washington imposed new tariffs on Iran.",
            [("SANCTION", "163", "USA", "IRN")],
        ),
    ],
)
def test_an_act_keeps_its_own_reading_beside_the_rules_that_qualify_others(
    gaz: Gazetteer, text: str, wanted: list[tuple[str, ...]]
) -> None:
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON) if not event.background] == wanted
