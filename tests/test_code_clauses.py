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


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Brazil said it is ready to contribute troops to a peacekeeping force in Haiti.", True),
        ("Chile plans to expand trade with Peru next year.", True),
        ("Peruvian officials said the drills were intended to show that Peru can defend itself against Chile.", False),
        ("Colombia said the plot against Venezuela included a plan to kill the president.", False),
        ("Estonia said it is ready to respond if Russia decides to move against it.", False),
        ("Poland will continue to do everything it can to stay vigilant about Belarus.", False),
    ],
)
def test_an_intention_is_agree_only_when_what_is_intended_is_cooperation(gaz: Gazetteer, text: str, kept: bool) -> None:
    """ "ready to contribute troops" promises help; "intended to show", "a plan to kill" and "ready to respond"
    promise nothing (the realnews development set's AGREE mistakes were mostly of this kind)."""
    assert any(event.event == "AGREE" for event in code_text(text, gaz, on=ON)) is kept


def test_it_after_a_clause_opener_is_the_party_just_named(gaz: Gazetteer) -> None:
    """ "watching North Korea after it fired": the missile is North Korea's, not the watcher's."""
    text = "Japan is keeping a close watch on North Korea after it fired a ballistic missile on Tuesday."
    (fired,) = code_text(text, gaz, on=ON)
    assert brief(fired)[:3] == ("MOBILIZE", "150", "PRK")


def test_what_is_only_supposed_is_no_act(gaz: Gazetteer) -> None:
    """An act in an "if" or "unless" clause has not happened; the main clause's act still stands."""
    texts = (
        "If India deploys troops to the border, Pakistan will respond.",
        "Estonia is ready to act if Russia deploys more troops near its border.",
        "Lithuania will not reopen the crossing unless Belarus deploys guards.",
    )
    assert [event.event for text in texts for event in code_text(text, gaz, on=ON) if event.event == "MOBILIZE"] == []
    (warned,) = code_text("Japan warned China that it would protest if Chinese ships entered its waters.", gaz, on=ON)
    assert brief(warned)[:4] == ("THREATEN", "130", "JPN", "CHN")


def test_mobilising_support_or_a_deployment_force_is_no_force_posture(gaz: Gazetteer) -> None:
    texts = (
        "The African Union mobilised international support for Niger's transition.",
        "Kenyan officers from the rapid deployment force arrived in Haiti on Monday.",
    )
    assert [event.event for text in texts for event in code_text(text, gaz, on=ON) if event.event == "MOBILIZE"] == []
    (deployed,) = code_text("India deployed troops near its border with China on Monday.", gaz, on=ON)
    assert deployed.event == "MOBILIZE"


def test_the_speaker_acts_when_no_party_leads_the_reported_clause(gaz: Gazetteer) -> None:
    """ "X said lifting the sanctions on Y is out of the question": X rejects; Y is only named in the clause."""
    text = "Japanese officials said on Monday that lifting the sanctions on North Korea is out of the question."
    (rejected,) = code_text(text, gaz, on=ON)
    assert brief(rejected)[:4] == ("REJECT", "120", "JPN", "PRK")


def test_aid_suspended_in_part_is_a_sanction(gaz: Gazetteer) -> None:
    text = "The United States announced that it was suspending a portion of its financial aid to Ethiopia."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("SANCTION", "162", "USA", "ETH")]


@pytest.mark.parametrize(
    "text",
    [
        "Russian border guards said warning shots were fired to stop a Japanese fishing boat.",
        "Venezuela expelled three Spanish diplomats in retaliation for the expulsion of its envoy from Madrid.",
        "Relations between Caracas and Madrid worsened after the opposition candidate was threatened with arrest.",
        "Australia sought support for further isolating North Korea at the meeting in Manila.",
    ],
)
def test_words_of_threat_and_support_that_report_neither(gaz: Gazetteer, text: str) -> None:
    """A warning shot is fire; "in retaliation for" gives the reason of another act; who threatened a person
    "threatened with arrest" is not said; seeking support for a policy is not support given."""
    assert [event.event for event in code_text(text, gaz, on=ON) if event.event in ("THREATEN", "SUPPORT")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A transfer told in the passive: from the giver to the taker.
        ("Forty armoured vehicles have been delivered from Poland to Ukraine.", ("AID", "POL", "UKR")),
        ("Pakistani fighters waged drone attacks on Indian positions in Kashmir on Sunday.", ("ASSAULT", "PAK", "IND")),
        ("Rwandan police will join the multinational force in Haiti next month.", ("AGREE", "RWA", "HTI")),
    ],
)
def test_acts_told_in_the_passive_or_by_a_phrase(gaz: Gazetteer, text: str, expected: tuple[str, str, str]) -> None:
    assert [(brief(event)[0], *brief(event)[2:4]) for event in code_text(text, gaz, on=ON)] == [expected]


def test_a_reason_given_in_condemnation_is_its_own_accusation(gaz: Gazetteer) -> None:
    text = "Chile recalled its ambassador to Israel in condemnation of the bombing of Gaza."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [
        ("SANCTION", "161", "CHL", "ISR"),
        ("ACCUSE", "111", "CHL", "ISR"),
    ]


def test_the_three_countries_are_the_three_listed_before(gaz: Gazetteer) -> None:
    text = (
        "Egypt, Ethiopia and Sudan resumed talks on the dam in Khartoum on Monday. "
        "At the end of the talks, the water ministers of the three countries agreed to meet again in May."
    )
    agreed = [event for event in code_text(text, gaz, on=ON) if event.event == "AGREE"]
    assert [brief(event)[2] for event in agreed] == ["EGY+ETH+SDN"]
    # A number that counts something else names no one.
    text = "Egypt, Ethiopia and Sudan held talks on Monday. After the three days of talks, Egypt agreed to meet Sudan."
    agreed = [event for event in code_text(text, gaz, on=ON) if event.event == "AGREE"]
    assert [brief(event)[2:4] for event in agreed] == [("EGY", "SDN")]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Thailand and Cambodia are due to hold talks on Tuesday, Malaysia said.", date(2025, 3, 18)),
        ("The Thai and Cambodian ministers will meet on Monday in Kuala Lumpur.", date(2025, 3, 17)),
        ("Thailand and Cambodia met on Tuesday in Kuala Lumpur.", date(2025, 3, 11)),  # told as done: the last one
        ("Thailand will host Cambodia's minister in May, the foreign ministry said on Tuesday.", None),
    ],
)
def test_a_weekday_of_an_act_still_to_come_is_the_next_one(gaz: Gazetteer, text: str, day: date | None) -> None:
    """On Friday 14 March, "are due to meet on Tuesday" is 18 March; "met on Tuesday" is 11 March."""
    (event,) = code_text(text, gaz, on=ON)
    assert event.when.start == day or (day is None and event.when.start != date(2025, 3, 18))


def test_in_protest_at_is_the_protest_of_whoever_acted(gaz: Gazetteer) -> None:
    """ "Peru recalled its envoy and told Chile's envoy to stay away, in protest at Chile's decision": Peru
    protests, at Chile."""
    text = "Peru recalled its ambassador to Chile and told Chile's ambassador not to return, in protest at the ruling."
    assert ("ACCUSE", "111", "PER", "CHL") in [brief(event)[:4] for event in code_text(text, gaz, on=ON)]


def test_a_country_word_after_on_names_the_topic_of_cooperation(gaz: Gazetteer) -> None:
    text = "Japan and South Korea began sharing data on North Korean missile launches on Tuesday."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("COOPERATE", "064", "JPN+KOR", "")]


def test_what_protesters_call_for_is_their_protest(gaz: Gazetteer) -> None:
    """Protesters are not the state: their demand is the protest, not a REQUEST by the country they stand in."""
    text = "Waving flags, protesters in Paris called for Russia to withdraw its forces."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("PROTEST", "140", "FRA", "RUS")]
    text = "Some 200 Kenyans gathered outside the US embassy in Nairobi and burned flags in protest against the film."
    assert [brief(event)[0] for event in code_text(text, gaz, on=ON)] == ["PROTEST"]  # and no ACCUSE beside it


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Russia launched hypersonic missiles at several regions of Ukraine on Monday.", "ASSAULT"),
        ("Houthi forces fired drones at Saudi oil facilities on Friday.", "ASSAULT"),
        ("North Korea fired two ballistic missiles off its east coast on Sunday.", "MOBILIZE"),
        ("North Korea launched a ballistic missile into the sea on Monday.", "MOBILIZE"),
    ],
)
def test_missiles_launched_at_a_target_are_a_strike_and_into_the_sea_a_test(
    gaz: Gazetteer, text: str, kind: str
) -> None:
    assert [event.event for event in code_text(text, gaz, on=ON)] == [kind]


def test_gratitude_for_support_is_support(gaz: Gazetteer) -> None:
    text = "Moldova's foreign minister expressed gratitude for Romania's steady support."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("SUPPORT", "051", "MDA", "ROU")]


def test_a_comment_on_relations_is_a_statement_and_severing_them_a_sanction(gaz: Gazetteer) -> None:
    text = "Chile's president said relations with Argentina were back on track after a difficult year."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("STATEMENT", "010", "CHL", "ARG")]
    text = "Honduras said on Monday it was severing diplomatic relations with Taiwan."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("SANCTION", "161", "HND", "TWN")]


def test_what_a_state_can_do_is_no_act_and_a_since_clause_holds_no_object(gaz: Gazetteer) -> None:
    assert not code_text("Qatari officials say they can effectively mediate between Israel and Hamas.", gaz, on=ON)
    text = "It was the fifth exchange Oman has mediated since Iran detained the French citizens."
    assert ("CONSULT", "OMN", "IRN") not in [(brief(event)[0], *brief(event)[2:4]) for event in code_text(text, gaz)]


def test_a_joint_act_names_its_counterpart_with_with_not_to(gaz: Gazetteer) -> None:
    """ "the three agreed to present a report to South Africa": the report's addressee is not party to the deal."""
    text = "Egypt, Ethiopia and Sudan agreed to present a final report to South Africa before the summit."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("AGREE", "030", "EGY+ETH+SDN", "")]


def test_the_world_body_is_the_organisation_named_last(gaz: Gazetteer) -> None:
    text = "The IMF released its outlook on Monday. Argentina asked the global lender to delay the next payment."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("REQUEST", "020", "ARG", "IMF")]
