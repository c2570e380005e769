"""The event coder on how news tells an act: as history ("then-President", "had … in 2019"), as a fact its critics
name the agent of ("condemned the seizure of a tanker by Iran"), as what is asked for, and under a dateline that
names only a city. Each a general rule; beside it, the same words where they tell no act."""

from __future__ import annotations

from datetime import date

import pytest
from test_code import ON
from test_code_passages import sides

from bilateral.actors import Gazetteer
from bilateral.code import code_text


@pytest.mark.parametrize(
    "text",
    [
        "Relations soured when the Australian government, under then prime minister Scott Morrison, called on China "
        "to allow an inquiry.",
        "Then-Foreign Minister Kang Kyung-wha visited Tokyo and met Japan's prime minister.",
        "The pact with Iran was signed with Britain by then-U.S. President Barack Obama.",
    ],
)
def test_an_act_of_a_then_office_holder_is_history(gaz: Gazetteer, text: str) -> None:
    """ "then prime minister", "then-President": the writer looks back, so the act is background, not news."""
    events = code_text(text, gaz, on=ON)
    assert events
    assert all(event.background for event in events)


def test_the_last_time_an_act_was_done_is_history(gaz: Gazetteer) -> None:
    events = code_text("Blinken and Wang Yi last met in Beijing in April.", gaz, on=ON)
    assert events
    assert all(event.background for event in events)
    events = code_text("Blinken met Wang Yi in Beijing last week.", gaz, on=ON)
    assert [event.background for event in events] == [False]


def test_then_without_an_office_is_no_history(gaz: Gazetteer) -> None:
    events = code_text("South Korea's president met Japan's prime minister and then flew to Washington.", gaz, on=ON)
    assert [event.background for event in events] == [False]


def test_a_pluperfect_act_with_an_adverb_is_history_in_an_undated_article(gaz: Gazetteer) -> None:
    """ "had unilaterally closed … in February 2019": settled past, whatever the adverb between "had" and the verb."""
    events = code_text("Caracas had unilaterally closed its land borders with Colombia in February 2019.", gaz, on=None)
    assert [(event.event, event.background) for event in events] == [("SANCTION", True)]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Britain condemned the seizure of a tanker by Iran in the Gulf.", ("COERCE", "IRN", "GBR")),
        (
            "The Japanese government called the detention of its ship by the Russian authorities unacceptable.",
            ("COERCE", "RUS", "JPN"),
        ),
        ("The arrest of two Britons by Iranian police drew protests from London.", ("COERCE", "IRN", "GBR")),
    ],
)
def test_an_act_named_by_a_noun_with_its_agent_after_by_is_the_agents(
    gaz: Gazetteer, text: str, wanted: tuple[str, str, str]
) -> None:
    """ "the seizure of a tanker by Iran": a fact its critic states, with who did it; coded beside the condemnation."""
    assert wanted in sides(text, gaz)


@pytest.mark.parametrize(
    "text",
    [
        "Britain accused Iran of seizing a tanker in the Gulf.",  # an allegation: ACCUSE alone
        "Paris has long described the detention of its citizens in Iran as hostage-taking.",  # no agent named
        "Tokyo protested Russia's detention of two Japanese fishermen.",
    ],
)
def test_an_act_alleged_or_named_without_its_agent_is_not_coded_beside_the_accusation(
    gaz: Gazetteer, text: str
) -> None:
    assert all(event != "COERCE" for event, _, _ in sides(text, gaz))


def test_what_a_state_requests_be_done_is_not_done(gaz: Gazetteer) -> None:
    """ "requested that the ship and its crew … be released": the release is asked for, not made."""
    text = "The Japanese government requested that the ship and its crew be released by Russia immediately."
    assert sides(text, gaz) == [("REQUEST", "JPN", "RUS")]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "JAKARTA - The Japanese government called the detention of its ship by the Russian authorities "
            "unacceptable.",
            ("COERCE", "RUS", "JPN"),
        ),
        ("BEIRUT: Syria's army and its ally Russia announced a ceasefire on Thursday.", ("CONCEDE", "RUS", "SYR")),
    ],
)
def test_a_dateline_without_a_date_names_where_the_report_was_filed_not_a_party(
    gaz: Gazetteer, text: str, wanted: tuple[str, str, str]
) -> None:
    """ "JAKARTA -", "BEIRUT:": the city a report was filed in is no party to the act, as with a dated dateline."""
    told = sides(text, gaz)
    assert wanted in told
    assert not any("IDN" in actor or "LBN" in actor or "IDN" in to or "LBN" in to for _, actor, to in told)


def test_a_border_closure_needs_no_determiner_after_of(gaz: Gazetteer) -> None:
    text = "The Nigeria Customs Service announced the closure of land borders with Niger."
    assert ("SANCTION", "NGA", "NER") in sides(text, gaz)


def test_a_closed_border_crossing_reopened_is_no_closure(gaz: Gazetteer) -> None:
    assert ("SANCTION", "POL", "BLR") in sides("Poland closed its border crossings with Belarus.", gaz)
    told = sides("Poland reopened a closed border crossing with Belarus.", gaz)
    assert all(event != "SANCTION" for event, _, _ in told)


@pytest.mark.parametrize(
    "text",
    [
        'North Korean leader Kim Jong Un called South Korea his nation\'s "principal enemy".',
        "Iran's supreme leader described Israel as an occupier and a threat to the region.",
    ],
)
def test_calling_a_state_an_enemy_or_a_threat_is_an_accusation(gaz: Gazetteer, text: str) -> None:
    assert [event for event, _, _ in sides(text, gaz)] == ["ACCUSE"]


def test_calling_a_thing_a_threat_accuses_no_state(gaz: Gazetteer) -> None:
    assert sides("The minister called climate change the biggest threat facing Pacific islands.", gaz) == []


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("The UAE flew 40 tonnes of medical supplies to Sudan on Monday.", ("AID", "ARE", "SDN")),
        ("Turkey flew in rescue teams to Syria after the quake.", ("AID", "TUR", "SYR")),
    ],
)
def test_flying_help_to_a_state_is_aid(gaz: Gazetteer, text: str, wanted: tuple[str, str, str]) -> None:
    assert wanted in sides(text, gaz)


def test_aircraft_flying_over_a_sea_carry_no_aid(gaz: Gazetteer) -> None:
    assert ("AID", "ARE", "SDN") in sides("The UAE flew 40 tonnes of medical supplies to Sudan on Monday.", gaz)
    text = (
        "NATO jets scrambled on Tuesday to intercept Russian reconnaissance aircraft flying over the Baltic Sea "
        "without filing flight plans."
    )
    assert all(event != "AID" for event, _, _ in sides(text, gaz))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Four people were killed in Israeli shelling in the east of the Gaza Strip.", ("ASSAULT", "ISR", "PSE")),
        ("Israeli troops shelled towns in the Gaza Strip on Friday.", ("ASSAULT", "ISR", "PSE")),
    ],
)
def test_an_attack_reaches_the_place_an_area_is_named_after(
    gaz: Gazetteer, text: str, wanted: tuple[str, str, str]
) -> None:
    """ "the east of the Gaza Strip", "Donetsk Oblast": the town the area is named after gives its country."""
    assert wanted in sides(text, gaz)


@pytest.mark.parametrize(
    "text",
    [
        "Peru's central bank left its rate unchanged. Also read: Bolivia recalls ambassador from Lima over border row.",
        "Stocks rose. Top stories: Chad, Sudan trade accusations over border raid; Egypt summons Ethiopian envoy.",
        "Analysis: Manila's new maritime law could prompt Beijing to retaliate.",
    ],
)
def test_a_link_to_another_story_is_page_furniture(gaz: Gazetteer, text: str) -> None:
    """ "Also read:", "Top stories:": headlines of other stories, which read like acts but are not this one's."""
    assert code_text(text, gaz, on=ON) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Under the deal, Malaysia will remove tariffs on South Korean cars and steel over ten years.",
        "The agreement lets the two governments exchange classified information on North Korean missile launches.",
    ],
)
def test_what_an_agreement_provides_is_no_act(gaz: Gazetteer, text: str) -> None:
    assert code_text(text, gaz, on=ON) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Analysts say Ethiopia's push for sea access could strain ties with its neighbours, and some warn it could "
        "draw in Egypt.",
        "Military experts say it is unlikely that Romania will shoot down Russian drones over its territory.",
    ],
)
def test_what_analysts_think_is_no_act(gaz: Gazetteer, text: str) -> None:
    assert code_text(text, gaz, on=ON) == ()


def test_an_act_analysts_only_comment_on_stays(gaz: Gazetteer) -> None:
    assert ("THREATEN", "CHN", "JPN") in sides("China warned Japan on Monday, analysts said.", gaz)


@pytest.mark.parametrize(
    "text",
    ["The UAE has repeatedly denied supplying weapons to Sudan.", "Czech lawmakers have visited Taiwan several times."],
)
def test_a_habit_told_with_no_time_is_background(gaz: Gazetteer, text: str) -> None:
    events = code_text(text, gaz, on=ON)
    assert events
    assert all(event.background for event in events)


def test_a_repeated_act_on_a_day_is_news(gaz: Gazetteer) -> None:
    events = code_text("Russia repeatedly shelled Kharkiv on Tuesday.", gaz, on=ON)
    assert [(event.event, event.background) for event in events] == [("ASSAULT", False)]


def test_a_request_for_comment_is_the_reporters(gaz: Gazetteer) -> None:
    text = "Nicaragua's government did not respond to a request for comment from the United States."
    assert code_text(text, gaz, on=ON) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Djibouti also hosts military bases of the United States, France, China and Japan.",
        "Lithuania hosts Belarusian opposition leader Sviatlana Tsikhanouskaya.",
        "Kenya hosts refugees from Somalia and South Sudan.",
    ],
)
def test_hosting_bases_exiles_or_refugees_is_no_visit(gaz: Gazetteer, text: str) -> None:
    assert all(event != "CONSULT" for event, _, _ in sides(text, gaz))


def test_hosting_a_leader_is_his_visit(gaz: Gazetteer) -> None:
    assert sides("Turkey hosted Russian President Vladimir Putin on Monday.", gaz) == [("CONSULT", "RUS", "TUR")]


def test_experts_of_an_organisation_speak_for_it(gaz: Gazetteer) -> None:
    """ "UN experts said": a body's panel, whose demands are the body's act, not an analyst's guess."""
    assert sides("UN experts said Myanmar must stop air strikes on civilians.", gaz) == [("REQUEST", "UN", "MMR")]


def test_a_habit_in_a_clause_after_the_act_is_not_the_acts(gaz: Gazetteer) -> None:
    """ "declined to supply …, which Kyiv has repeatedly requested": the refusal is news; the requests are the habit."""
    text = "Germany declined to supply Taurus cruise missiles to Ukraine, which Kyiv has repeatedly requested."
    events = code_text(text, gaz, on=ON)
    assert [(event.event, event.background) for event in events] == [("REJECT", False)]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Washington, joined by London and Ottawa, sanctioned two Russian banks.", ("SANCTION", "CAN+GBR+USA", "RUS")),
        (
            "Spain, joined by Ireland and Slovenia, recognised the State of Palestine.",
            ("SUPPORT", "ESP+IRL+SVN", "PSE"),
        ),
        (
            "The United States and Canada, as well as the European Union, imposed sanctions on Iranian officials.",
            ("SANCTION", "CAN+EU+USA", "IRN"),
        ),
        ("Vietnam, together with Laos and Cambodia, agreed to build a railway.", ("AGREE", "KHM+LAO+VNM", "")),
    ],
)
def test_states_joined_to_the_subject_act_with_it(gaz: Gazetteer, text: str, wanted: tuple[str, str, str]) -> None:
    """ "X, joined by Y and Z,", "X, together with Y,", "X, as well as Y,": all of them act."""
    assert wanted in sides(text, gaz)


def test_a_passive_subject_listed_is_acted_on_whole(gaz: Gazetteer) -> None:
    text = "Rwanda and Uganda were accused by the Democratic Republic of Congo on Monday of backing the M23 rebels."
    assert ("ACCUSE", "COD", "RWA+UGA") in sides(text, gaz)


def test_ambassadors_called_in_are_summoned(gaz: Gazetteer) -> None:
    text = "Iran called in the British, French and German ambassadors on Sunday."
    assert ("ACCUSE", "IRN", "DEU+FRA+GBR") in sides(text, gaz)


def test_a_place_reached_by_several_states_act_is_its_recipient(gaz: Gazetteer) -> None:
    text = "Saudi Arabia, Kuwait and the United Arab Emirates deposited $3 billion in Egypt's central bank."
    assert ("AID", "ARE+KWT+SAU", "EGY") in sides(text, gaz)


def test_the_government_is_the_state_that_led_the_sentences_before(gaz: Gazetteer) -> None:
    """ "South Africa recalled … The government also threatened …": the state the story was just about."""
    text = (
        "South Africa recalled its diplomats from Israel on Monday. The government also threatened action against "
        "the Israeli ambassador over his remarks."
    )
    assert ("THREATEN", "ZAF", "ISR") in sides(text, gaz)


def test_a_government_placed_or_possessed_is_not_the_leading_state(gaz: Gazetteer) -> None:
    text = "Russia attacked Ukraine's power grid overnight. The government in Kyiv condemned the strikes."
    assert ("ACCUSE", "UKR", "RUS") in sides(text, gaz)
    assert not any(actor == "RUS" and event == "ACCUSE" for event, actor, _ in sides(text, gaz))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("The Baltic states summoned Russia's envoys on Wednesday.", ("ACCUSE", "EST+LTU+LVA", "RUS")),
        (
            "Foreign ministers of the five Nordic countries pledged 500 million euros to Ukraine on Tuesday.",
            ("AGREE", "DNK+FIN+ISL+NOR+SWE", "UKR"),
        ),
    ],
)
def test_a_group_of_states_named_as_a_group_is_its_members(
    gaz: Gazetteer, text: str, wanted: tuple[str, str, str]
) -> None:
    assert wanted in sides(text, gaz)


def test_a_group_with_an_apposition_acts_without_the_apposition(gaz: Gazetteer) -> None:
    text = "The Baltic states, all members of NATO and the European Union, have expelled dozens of Russian diplomats."
    assert sides(text, gaz) == [("SANCTION", "EST+LTU+LVA", "RUS")]


def test_a_sea_named_after_a_group_is_no_party(gaz: Gazetteer) -> None:
    assert sides("Russian warships held drills in the Baltic Sea on Monday.", gaz) == [("MOBILIZE", "RUS", "")]


def test_a_verb_joined_by_and_shares_the_main_verbs_subject_not_a_gerunds(gaz: Gazetteer) -> None:
    """ "accused North Korea of supplying Russia … and vowed to respond": the accusers vow, toward North Korea."""
    text = (
        "The United States, South Korea and Japan accused North Korea on Saturday of supplying Russia with artillery "
        "shells and vowed to respond."
    )
    told = sides(text, gaz)
    assert ("THREATEN", "JPN+KOR+USA", "PRK") in told
    assert not any(event == "THREATEN" and actor == "PRK" for event, actor, _ in told)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Russia voiced backing for Iran's nuclear programme.", [("SUPPORT", "RUS", "IRN")]),
        ("Turkey sought backing for its plan from Germany.", []),
    ],
)
def test_backing_for_a_state_is_support_but_not_when_sought(
    gaz: Gazetteer, text: str, wanted: list[tuple[str, str, str]]
) -> None:
    assert sides(text, gaz) == wanted


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("EU ministers agreed to impose new sanctions on Belarus on Monday.", ("SANCTION", "EU", "BLR")),
        ("EU ambassadors agreed to introduce a price cap on Russian oil.", ("SANCTION", "EU", "RUS")),
    ],
)
def test_agreeing_to_a_hostile_act_is_that_act(gaz: Gazetteer, text: str, wanted: tuple[str, str, str]) -> None:
    """Allies agreeing among themselves to sanction a state do not cooperate with it: the act is the sanction."""
    told = sides(text, gaz)
    assert wanted in told
    assert all(event != "AGREE" for event, _, _ in told)


def test_agreeing_to_release_people_stays_a_promise(gaz: Gazetteer) -> None:
    assert sides("Iran agreed to release two French nationals.", gaz) == [("AGREE", "IRN", "FRA")]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Maria Zakharova accused Washington of meddling in Moldova's election.", ("ACCUSE", "RUS", "USA")),
        ("Foreign Ministry spokeswoman Mao Ning urged Japan to stop provoking China.", ("REQUEST", "CHN", "JPN")),
        ("Stéphane Dujarric urged Israel to allow aid into Gaza.", ("REQUEST", "UN", "ISR")),
    ],
)
def test_a_spokesperson_named_alone_speaks_for_the_state_or_body(
    gaz: Gazetteer, text: str, wanted: tuple[str, str, str]
) -> None:
    """Spokespeople (bilateral/actors/data/people-spokespeople.tsv) are named without their country in news."""
    assert wanted in sides(text, gaz)


def test_several_states_condemning_unnamed_aim_at_the_articles_other_country(gaz: Gazetteer) -> None:
    """ "Taiwan and the United States have both condemned the action": the action is the story's other state's."""
    text = (
        "China launched large-scale drills around Taiwan on Monday, its army said. Beijing called the drills a "
        "warning to Taiwan. Taiwan and the United States have both condemned the action."
    )
    assert ("ACCUSE", "TWN+USA", "CHN") in sides(text, gaz)


def test_a_joint_act_of_the_articles_two_states_aims_at_no_one(gaz: Gazetteer) -> None:
    """Both of the article's states act: there is no other one of the pair to aim at (the look-up once failed)."""
    text = "China and Taiwan traded barbs on Monday. China and Taiwan both condemned the report."
    assert sides(text, gaz) == [("ACCUSE", "CHN+TWN", "")]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Mexico imposed tariffs on US steel and Canada expelled two Russian diplomats.",
            [("SANCTION", "MEX", "USA"), ("SANCTION", "CAN", "RUS")],
        ),
        (
            "Mexico imposed tariffs on US steel, while Canada imposed tariffs on Chinese cars.",
            [("SANCTION", "MEX", "USA"), ("SANCTION", "CAN", "CHN")],
        ),
    ],
)
def test_two_acts_of_one_type_by_two_subjects_are_two_events(
    gaz: Gazetteer, text: str, wanted: list[tuple[str, str, str]]
) -> None:
    """A clause with a subject of its own ("and Canada expelled", ", while Canada imposed") tells its own act, and
    ends the clause before it: Canada is not the target of Mexico's tariffs."""
    assert sides(text, gaz) == wanted


def test_two_states_joined_by_and_are_one_subject(gaz: Gazetteer) -> None:
    """ "the drills that the United States and South Korea began": one subject of two states, no new clause."""
    text = (
        "North Korea's foreign ministry on Tuesday condemned the drills that the United States and South Korea began."
    )
    assert sides(text, gaz) == [("ACCUSE", "PRK", "KOR+USA")]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Jamieson Greer met Li Chenggang in Geneva on Sunday.", ("CONSULT", "USA", "CHN")),
        ("Janet Yellen will travel to China later this week.", ("AGREE", "USA", "CHN")),
        ("Andriy Yermak thanked Türkiye for its support.", ("SUPPORT", "UKR", "TUR")),
    ],
)
def test_trade_negotiators_and_security_advisers_act_for_their_state(
    gaz: Gazetteer, text: str, wanted: tuple[str, str, str]
) -> None:
    """Trade ministers, treasury secretaries and security advisers (bilateral/actors/data/people-ministers.tsv)."""
    assert wanted in sides(text, gaz)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Vassily Nebenzia accused Britain of escalating the conflict on Tuesday.", ("ACCUSE", "RUS", "GBR")),
        ("Steve Witkoff met Qatar's prime minister in Doha on Sunday.", ("CONSULT", "USA", "QAT")),
    ],
)
def test_ambassadors_and_envoys_act_for_their_state(gaz: Gazetteer, text: str, wanted: tuple[str, str, str]) -> None:
    """UN ambassadors, envoys, military and intelligence chiefs (bilateral/actors/data/people-officials.tsv)."""
    assert wanted in sides(text, gaz)


@pytest.mark.parametrize(
    ("text", "on", "wanted"),
    [
        ("Kristalina Georgieva urged Argentina to cut spending.", date(2024, 5, 1), ("REQUEST", "IMF", "ARG")),
        ("Rafael Grossi visited Tehran on Tuesday.", date(2024, 5, 1), ("CONSULT", "IAEA", "IRN")),
        ("Hugo Chavez accused Washington of plotting a coup.", date(2012, 5, 1), ("ACCUSE", "VEN", "USA")),
    ],
)
def test_heads_of_organisations_and_earlier_leaders_are_known(
    gaz: Gazetteer, text: str, on: date, wanted: tuple[str, str, str]
) -> None:
    """Heads of international organisations (people-igo-heads.tsv) act for their body while in office; leaders of
    2010-2017 (people-world-earlier.tsv) for their state."""
    told = sides(text, gaz, on)
    assert wanted in told


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("The Baltic states have expelled dozens of Russian diplomats over the past two years.", True),
        ("Russia has struck Kharkiv repeatedly over the past week.", False),
    ],
)
def test_acts_summed_over_years_are_background_over_days_news(gaz: Gazetteer, text: str, background: bool) -> None:
    events = code_text(text, gaz, on=ON)
    assert events
    assert all(event.background is background for event in events)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Under the deal, Hamas freed three Israeli hostages on Saturday.", [("RETREAT", "PSE", "ISR")]),
        ("A UN panel of experts said North Korea had supplied missiles to Russia.", [("AID", "PRK", "RUS")]),
        ("NATO – the Western military alliance – condemned Russia's missile strike.", [("ACCUSE", "NATO", "RUS")]),
        (
            "Israel called in reservists as diplomats from Egypt and Qatar pressed for a truce.",
            [("REQUEST", "EGY+QAT", "ISR")],
        ),
    ],
)
def test_the_new_rules_leave_their_words_other_senses_alone(
    gaz: Gazetteer, text: str, wanted: list[tuple[str, str, str]]
) -> None:
    """What a deal's terms brought about is done; a body's panel of experts speaks for it; a party in capitals before
    a dash is a subject, not a dateline; reservists called in are no summoned envoys (a review's findings)."""
    assert sides(text, gaz) == wanted


@pytest.mark.parametrize(
    "text",
    [
        "Blinken met Wang Yi in Beijing and then met the Chinese president.",
        "China staged its biggest military drills around Taiwan in recent years.",
        "Israeli jets repeatedly struck southern Lebanon, the army said.",
    ],
)
def test_then_and_habits_elsewhere_leave_news_as_news(gaz: Gazetteer, text: str) -> None:
    events = code_text(text, gaz, on=ON)
    assert events
    assert not any(event.background for event in events)


def test_a_datelines_city_may_be_followed_by_its_country(gaz: Gazetteer) -> None:
    text = (
        "SANDAKAN, Malaysia — The navies of Malaysia, Indonesia and the Philippines resumed joint patrols on Wednesday."
    )
    assert ("COOPERATE", "IDN+MYS+PHL", "") in sides(text, gaz)
