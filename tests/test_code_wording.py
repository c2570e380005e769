"""The event coder on general news wording: constructions of headlines, wire ledes, regional and state-media English
that the team's wording probes (eval/probes/) found misread, each a general rule; and the same words in their other
senses, where they tell no act."""

from __future__ import annotations

import pytest
from test_code import ON, brief

from bilateral.actors import Gazetteer
from bilateral.code import code_text


@pytest.mark.parametrize(
    ("text", "struck"),
    [
        ("Russian forces shelled Kharkiv on Tuesday.", "UKR"),  # the town shelled, not "Tuesday"; no act at home
        ("Israel bombed Gaza on Tuesday.", "PSE"),
        ("Israel attacked Hamas positions in Gaza on Tuesday.", "PSE"),  # the object is no town: the place after "in"
    ],
)
def test_the_town_struck_is_the_verbs_object_before_a_later_preposition(gaz: Gazetteer, text: str, struck: str) -> None:
    events = code_text(text, gaz, on=ON)
    assert [(event.event, event.recipient[0].country, event.scope.value) for event in events] == [
        ("ASSAULT", struck, "international")
    ]


def test_an_act_told_as_a_possessive_noun_reaches_its_of_object(gaz: Gazetteer) -> None:
    """ "Israel's bombing of Gaza", "Lithuania's expulsion of the Russian envoy": the owner acts on the "of" object."""
    text = "Israel's bombing of Gaza on Tuesday drew condemnation."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("ASSAULT", "190", "ISR", "PSE")]
    text = "Lithuania's expulsion of the Russian ambassador on Friday angered Moscow."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("SANCTION", "166", "LTU", "RUS")]


def test_sanctions_a_state_faces_or_draws_are_not_its_own(gaz: Gazetteer) -> None:
    """ "Russia faces new sanctions": the subject is the target; "from" names who imposes them, and a risk is no act."""
    assert not code_text("Russia faces new sanctions over its actions in Ukraine.", gaz, on=ON)
    assert not code_text("Pyongyang's missile launch triggered new sanctions at the United Nations.", gaz, on=ON)
    assert not code_text("Venezuela risks sanctions from the United States if the vote is cancelled.", gaz, on=ON)
    text = "Iran faced fresh sanctions from the European Union on Monday."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("SANCTION", "163", "EU", "IRN")]


def test_lifting_curbs_is_a_concession_and_a_state_that_protested_accuses(gaz: Gazetteer) -> None:
    text = "Japan lifted export curbs on South Korea on Thursday."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("CONCEDE", "081", "JPN", "KOR")]
    text = "Canada eased some of its trade restrictions on India."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("CONCEDE", "081", "CAN", "IND")]
    text = "The Philippines protested China's dangerous manoeuvres near the shoal."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("ACCUSE", "114", "PHL", "CHN")]
    text = "Thousands protested outside the US embassy in Manila on Monday."  # a crowd's protest stays one
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("PROTEST", "141", "PHL", "USA")]


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces withdrew from Kherson on Friday.",
        "Russian troops pulled out of Kherson.",
    ],
)
def test_a_withdrawal_from_a_foreign_town_is_from_its_state(gaz: Gazetteer, text: str) -> None:
    events = code_text(text, gaz, on=ON)
    assert [(event.event, event.recipient[0].country, event.scope.value) for event in events] == [
        ("RETREAT", "UKR", "international")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Putin sent condolences to Xi Jinping on Thursday after floods killed dozens of people in Guangdong.",
        "Sisi hosted Jordan's King Abdullah in Cairo on Sunday for talks on the Gaza ceasefire.",
        "Araqchi said Tehran would not hold talks with Washington while sanctions remained in place.",
        "A poll showed that most Germans oppose sending cruise missiles to Ukraine.",
        "Fighting between Armenia and Azerbaijan resumed despite a truce.",
        "Under a ceasefire brokered by Qatar, Israel and Hamas exchanged hostages and prisoners.",
        "Iran has been under US sanctions since 1979.",
    ],
)
def test_words_of_an_act_that_report_none(gaz: Gazetteer, text: str) -> None:
    """A flood's dead, a truce as a topic of talks or as the setting of other acts, sanctions still in force or a
    state under them, an opinion of an act: no such act."""
    kinds = {event.event for event in code_text(text, gaz, on=ON)}
    assert not kinds & {"ASSAULT", "CONCEDE", "SANCTION", "AID"}


@pytest.mark.parametrize(
    "text",
    [
        "The US State Department urged its citizens to leave Lebanon.",
        "Britain called on its nationals to avoid travel to Iran.",
        "He gathered information on Russia's mobilization efforts.",
    ],
)
def test_advice_to_ones_own_people_and_an_act_named_as_a_topic_are_no_acts(gaz: Gazetteer, text: str) -> None:
    assert code_text(text, gaz, on=ON) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What the rules on settings, states and topics leave alone (a fresh-eyes review of them).
        ("Putin announced during Easter a truce with Ukraine.", ("CONCEDE", "0871", "RUS", "UKR", "asserted")),
        ("The US Treasury put three Chinese refiners under sanctions.", ("SANCTION", "163", "USA", "CHN", "asserted")),
        ("France weighed in and condemned Russia.", ("ACCUSE", "111", "FRA", "RUS", "asserted")),
        ("The UN condemned efforts by Israel to annex the West Bank.", ("ACCUSE", "111", "UN", "ISR", "asserted")),
        # A truce in a trade war is no tariff; sanctions relief eases them; a case brought against a state accuses it.
        ("The US and China agreed to extend a tariff truce for 90 days.", ("AGREE", "030", "CHN+USA", "", "asserted")),
        ("Washington granted sanctions relief to Syria.", ("CONCEDE", "081", "USA", "SYR", "asserted")),
        ("Ukraine brought a case against Russia at the ICJ.", ("ACCUSE", "115", "UKR", "RUS", "asserted")),
    ],
)
def test_acts_beside_settings_states_and_topics(gaz: Gazetteer, text: str, expected: tuple[str, ...]) -> None:
    assert [brief(event) for event in code_text(text, gaz, on=ON)] == [expected]


def test_people_received_in_numbers_are_no_visitors(gaz: Gazetteer) -> None:
    assert not [event for event in code_text("Egypt received Palestinians for treatment.", gaz, on=ON)
                if event.event == "CONSULT"]  # fmt: skip


def test_a_missile_fired_into_the_sea_is_not_aimed_at_the_state_that_reports_it(gaz: Gazetteer) -> None:
    text = "North Korea test-fired cruise missiles into the Yellow Sea on Sunday, South Korea's military said."
    assert [(event.event, event.recipient) for event in code_text(text, gaz, on=ON)] == [("MOBILIZE", ())]
    text = "North Korea fired a ballistic missile toward Japan on Tuesday."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("MOBILIZE", "150", "PRK", "JPN")]


def test_a_sea_named_after_a_state_is_no_party(gaz: Gazetteer) -> None:
    text = "Iranian forces seized a tanker in the Gulf of Oman on Thursday."
    assert "OMN" not in {party.country for event in code_text(text, gaz, on=ON) for party in event.recipient}
    text = "Russia and China held naval drills in the Sea of Japan on Monday."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("COOPERATE", "062", "CHN+RUS", "")]
    events = code_text("The EU called for calm in the Taiwan Strait.", gaz, on=ON)
    assert "TWN" not in {party.country for event in events for party in event.actor + event.recipient}


def test_an_act_dated_this_week_is_news_beside_an_older_year(gaz: Gazetteer) -> None:
    """ "held talks on Monday, the first since 2019": the old year dates the last talks, not these."""
    text = "Japan and China held talks on Monday for the first time since 2019."
    assert [(event.event, event.background) for event in code_text(text, gaz, on=ON)] == [("CONSULT", False)]
    text = "Bahrain and Iran restored diplomatic relations on Wednesday, reopening embassies closed since 2016."
    assert [(event.event, event.background) for event in code_text(text, gaz, on=ON)] == [("SUPPORT", False)]
    text = "Japan sent aid to Turkey in 1999."  # an old year with no nearer time stays history
    assert [(event.event, event.background) for event in code_text(text, gaz, on=ON)] == [("AID", True)]


def test_arms_delivered_an_envoy_recalled_from_a_city_and_counter_tariffs(gaz: Gazetteer) -> None:
    text = "Germany delivered a further IRIS-T air-defence system to Ukraine on Friday."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("AID", "070", "DEU", "UKR")]
    text = "South Africa recalled its ambassador from Tel Aviv on Friday for consultations."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("SANCTION", "161", "ZAF", "ISR")]
    text = "Canada imposed 25 percent counter-tariffs on U.S. steel on Wednesday."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("SANCTION", "163", "CAN", "USA")]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("France formally recognised the State of Palestine on Monday.", ("SUPPORT", "054", "FRA", "PSE")),
        ("Erdogan lashed out at Israel on Saturday over the war.", ("ACCUSE", "111", "TUR", "ISR")),
        ("The Chinese embassy in Manila was picketed by hundreds of fishermen.", ("PROTEST", "140", "PHL", "CHN")),
        ("Demonstrators hurled stones at the Israeli embassy in Amman.", ("PROTEST", "141", "JOR", "ISR")),
        ("Ukraine hit the Novorossiysk naval base with sea drones on Wednesday.", ("ASSAULT", "190", "UKR", "RUS")),
        ("China added 12 U.S. defence firms to its export control list.", ("SANCTION", "163", "CHN", "USA")),
    ],
)
def test_acts_told_in_words_of_their_own(gaz: Gazetteer, text: str, coded: tuple[str, ...]) -> None:
    """Recognition, lashing out, picketing, stones at an embassy, a strike told as "hit … with drones", a state's
    firms put on a list."""
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [coded]


def test_words_of_those_acts_in_other_senses(gaz: Gazetteer) -> None:
    assert not code_text("Prices hit a record on Monday.", gaz, on=ON)
    assert not code_text("The ministry recognised the importance of trade with Japan.", gaz, on=ON)


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Canada offered its deepest condolences to Turkey after a fire at a plant killed 12 workers.",
         [("STATEMENT", "018", "CAN", "TUR")]),
        ("The United States lowered tariffs on Japanese cars on Tuesday.", [("CONCEDE", "081", "USA", "JPN")]),
        ("China's ban on Japanese seafood imports was partially lifted on Monday.", [("CONCEDE", "081", "CHN", "JPN")]),
        ("Venezuela suspended diplomatic relations with Panama on Sunday.", [("SANCTION", "161", "VEN", "PAN")]),
        ("Kenya sent a further 230 police officers to Haiti on Friday.", [("AID", "070", "KEN", "HTI")]),
        ("Russia shipped 25,000 tonnes of wheat to Burkina Faso on Thursday.", [("AID", "070", "RUS", "BFA")]),
        ("The IMF disbursed about $1 billion to Pakistan on Friday.", [("AID", "070", "IMF", "PAK")]),
        ("Macron and Starmer travel to Kyiv for talks with Zelensky on a ceasefire plan.",
         [("CONSULT", "042", "FRA+GBR", "UKR")]),
    ],
)  # fmt: skip
def test_sympathy_eased_measures_ties_suspended_and_aid_shipped(
    gaz: Gazetteer, text: str, coded: list[tuple[str, ...]]
) -> None:
    """Condolences offered are no offer (nor a fire's dead an attack); tariffs lowered and a ban lifted, even in the
    passive, are concessions; relations suspended are cut; police, wheat and money sent abroad are aid; a ceasefire
    plan is no truce."""
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("China launched drills around Taiwan, sending dozens of warships and fighter jets close to the island.",
         [("MOBILIZE", "150", "CHN", "TWN")]),
        ("The Pentagon ordered a second aircraft carrier strike group to the Middle East on Monday.",
         [("MOBILIZE", "154", "USA", "")]),
        ("India suspended talks with Pakistan on Wednesday, a day after gunmen killed 26 tourists in Kashmir.",
         [("SANCTION", "161", "IND", "PAK")]),
        ("Hundreds of South Koreans rallied in Seoul on Saturday, denouncing North Korea's nuclear programme.",
         [("PROTEST", "140", "KOR", "PRK")]),
        ("Houthi rebels attacked a Greek ship on Monday.", [("ASSAULT", "190", "YEM", "GRC")]),
    ],
)  # fmt: skip
def test_shows_of_force_units_unnamed_gunmen_and_what_a_rally_denounces(
    gaz: Gazetteer, text: str, coded: list[tuple[str, ...]]
) -> None:
    """Warships sent close to an island are no aid; a strike group is a unit; gunmen no one names are no state's
    attackers (a named group's are); what a rally denounces is its protest."""
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == coded


def test_a_negotiation_that_took_years_flags_a_football_club_and_acts_stopped_short_of(gaz: Gazetteer) -> None:
    text = "India and Britain signed a free trade agreement in London on Thursday after three years of negotiations."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("SUPPORT", "057", "GBR+IND", "")]
    text = "Waving EU and Ukrainian flags, thousands of Georgians marched in Tbilisi against Russia's influence."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("PROTEST", "140", "GEO", "RUS")]
    assert not code_text("A spokesman for the Belgrade football club denied that its fans had attacked anyone.", gaz)
    text = "Washington stopped short of accusing Beijing of supplying weapons to Russia."
    assert [(event.event, event.modality.value) for event in code_text(text, gaz, on=ON)] == [("ACCUSE", "negated")]
    text = "South Korea and Japan began sharing real-time missile warning data."
    assert "THREATEN" not in {event.event for event in code_text(text, gaz, on=ON)}


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Indonesian and Malaysian navies conducted a coordinated patrol in the Strait of Malacca.",
         [("COOPERATE", "062", "IDN+MYS", "")]),
        ("Colombian and Ecuadorean police dismantled a smuggling network in a joint operation.",
         [("COOPERATE", "060", "COL+ECU", "")]),
        ("Japan protests to China over new gas field structure", [("ACCUSE", "114", "JPN", "CHN")]),
        ("Israel pounds Yemen's Hodeidah port in second wave of strikes", [("ASSAULT", "190", "ISR", "YEM")]),
        ("Israel said it would pull its forces out of five positions in southern Lebanon.",
         [("RETREAT", "087", "ISR", "LBN")]),
        ("Maduro's government ordered 15,000 troops to the Colombian border on Monday.",
         [("MOBILIZE", "154", "VEN", "COL")]),
        ("India suspended the Indus Waters Treaty with Pakistan on Wednesday.", [("SANCTION", "160", "IND", "PAK")]),
    ],
)  # fmt: skip
def test_joint_operations_headline_verbs_troops_ordered_and_a_treaty_suspended(
    gaz: Gazetteer, text: str, coded: list[tuple[str, ...]]
) -> None:
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("A three-year ban on Australian wine was lifted by Beijing last week.", [("CONCEDE", "081", "CHN", "AUS")]),
        ("Sanctions were imposed on two Chinese refineries by the European Union.", [("SANCTION", "163", "EU", "CHN")]),
        ("Visa bans were imposed by Britain, Canada and Australia on five Georgian officials.",
         [("SANCTION", "163", "AUS+CAN+GBR", "GEO")]),
        ("Japan imposed sanctions on Russia, which were criticised by China.", [("SANCTION", "163", "JPN", "RUS")]),
    ],
)  # fmt: skip
def test_an_act_named_by_a_noun_and_told_in_the_passive_is_the_agents(
    gaz: Gazetteer, text: str, coded: list[tuple[str, ...]]
) -> None:
    """ "… was lifted by Beijing": the agent after "by" acts on the party named with the noun (a verb that is no
    enactment, "criticised by", leaves the act to its own subject)."""
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("US strikes three Iranian nuclear sites", [("ASSAULT", "190", "USA", "IRN", "asserted")]),
        ("Pakistan says it shot down Indian drone over Kashmir", [("ASSAULT", "190", "PAK", "IND", "asserted")]),
        ("Turkey denies passage to Russian warships through Bosphorus", [("REJECT", "120", "TUR", "RUS", "asserted")]),
        ("Chinese shoppers boycott Japanese brands", [("PROTEST", "140", "CHN", "JPN", "asserted")]),
        ("Belarus moves nuclear-capable Iskander units toward Polish border",
         [("MOBILIZE", "154", "BLR", "POL", "asserted")]),
        ("Modi to visit Tokyo for annual summit with Japanese PM", [("AGREE", "036", "IND", "JPN", "future")]),
        ("Indonesia waives visas for Indian tourists", [("CONCEDE", "081", "IDN", "IND", "asserted")]),
        ("Last French troops leave Niger", [("RETREAT", "087", "FRA", "NER", "asserted")]),
        ("China returns detained Taiwanese fishing crew via Kinmen", [("RETREAT", "084", "CHN", "TWN", "asserted")]),
    ],
)  # fmt: skip
def test_headline_grammar(gaz: Gazetteer, text: str, coded: list[tuple[str, ...]]) -> None:
    """Headlines tell past acts in the present ("US strikes …", "troops leave") and plans with "to" ("Modi to
    visit"); "detained" before the crew freed describes them."""
    assert [brief(event) for event in code_text(text, gaz, on=ON)] == coded


def test_a_carrier_sent_is_no_aid_and_a_missile_over_japan_is_aimed_at_it(gaz: Gazetteer) -> None:
    text = "US sends second aircraft carrier to Middle East as warning to Iran"
    assert "AID" not in {event.event for event in code_text(text, gaz, on=ON)}
    text = "North Korea fired a ballistic missile over Japan on Tuesday, prompting a rare warning for residents."
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("MOBILIZE", "150", "PRK", "JPN")]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Poland will shoot down any Russian drone that violates its airspace, the minister said.",
         [("THREATEN", "138", "POL", "RUS", "asserted")]),
        ("India, France to hold joint naval exercise next week", [("AGREE", "030", "FRA+IND", "", "future")]),
        ("India's army raises alert level along the Line of Control", [("MOBILIZE", "154", "IND", "", "asserted")]),
        ("Modi condoles loss of lives in Nepal earthquake", [("STATEMENT", "018", "IND", "NPL", "asserted")]),
        ("Hungary blocks EU's new sanctions package on Russia", [("REJECT", "120", "HUN", "EU", "asserted")]),
        ("China's military launches Strait Thunder drills around Taiwan",
         [("MOBILIZE", "150", "CHN", "TWN", "asserted")]),
        ("Iran frees French national after two years in Evin jail", [("RETREAT", "084", "IRN", "FRA", "asserted")]),
    ],
)  # fmt: skip
def test_warnings_plans_alerts_condolences_vetoes_and_releases(
    gaz: Gazetteer, text: str, coded: list[tuple[str, ...]]
) -> None:
    """Force promised against "any" intruder is a threat made now; a headline's "to hold" a plan; an alert raised a
    mobilisation; "condoles" sympathy; blocking a package a rejection (the package's sanctions are not imposed);
    drills around a state aim at it; "in Evin jail" says where, not that anyone was jailed."""
    assert [brief(event) for event in code_text(text, gaz, on=ON)] == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("The UN chief urged Israel on Monday to let aid trucks into Gaza.", [("REQUEST", "020", "UN", "ISR")]),
        ("The former UN chief urged Israel on Monday to let aid into Gaza.", []),
        ("Trump said he would not lift tariffs on Canadian steel.", [("REJECT", "120", "USA", "CAN")]),
        ("Japan's prime minister called South Korea's president on Thursday to discuss North Korea's missile launches.",
         [("CONSULT", "041", "JPN", "KOR")]),
        ("The UN chief began a regional trip aimed at pushing for a ceasefire in Gaza.", []),
    ],
)  # fmt: skip
def test_an_organisations_chief_a_refusal_to_ease_a_call_and_a_truce_sought(
    gaz: Gazetteer, text: str, coded: list[tuple[str, ...]]
) -> None:
    """The UN chief speaks for the UN (a former one does not); "would not lift tariffs" refuses; "called X to
    discuss" is a phone call; a ceasefire pushed for is not declared."""
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("India imposed port restrictions on imports of garments from Bangladesh on Saturday.",
         [("SANCTION", "163", "IND", "BGD")]),
        ("The Export-Import Bank of India extended a line of credit of 120 million US dollars to Nepal.",
         [("AID", "071", "IND", "NPL")]),
        ("Pakistan handed over a note verbale to the Indian envoy on Sunday.", [("ACCUSE", "114", "PAK", "IND")]),
        ("China lodged stern representations with the Philippines on Tuesday.", [("ACCUSE", "114", "CHN", "PHL")]),
        ("Ethiopia said it would not accept any binding agreement with Egypt.", [("REJECT", "120", "ETH", "EGY")]),
        ("The UAE lifted the suspension of visit visas for Pakistani nationals.", [("CONCEDE", "081", "ARE", "PAK")]),
    ],
)  # fmt: skip
def test_the_diplomatic_words_of_regional_papers(gaz: Gazetteer, text: str, coded: list[tuple[str, ...]]) -> None:
    """Restrictions imposed, a line of credit extended (in "US dollars", which are no party), a note verbale, stern
    representations, an agreement not accepted, visit visas (no visit)."""
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == coded


def test_free_from_interference_frees_no_one(gaz: Gazetteer) -> None:
    text = "China backs the people of Nicaragua in choosing a path free from external interference, Lin said."
    assert "RETREAT" not in {event.event for event in code_text(text, gaz, on=ON)}


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Japan condemned the tariffs that were imposed by the United States on Canadian steel.",
         [("ACCUSE", "111", "JPN", "USA")]),
        ("Germany welcomed the aid that was delivered by France to Ukraine.", [("SUPPORT", "051", "DEU", "FRA")]),
        ("Britain pledged 3 billion pounds to Ukraine's armed forces on Thursday.", [("AGREE", "033", "GBR", "UKR")]),
        ("After protests by farmers, France rejected the trade deal with Brazil.", [("REJECT", "120", "FRA", "BRA")]),
        ("Beijing slapped tariffs on Canberra as its lockdown was lifted.", [("SANCTION", "163", "CHN", "AUS")]),
        ("The EU slashed Russian gas imports and imposed sanctions on Moscow.", [("SANCTION", "163", "EU", "RUS")]),
        ("Russia withdrew thousands of Russian troops from Kherson.", [("RETREAT", "087", "RUS", "UKR")]),
        ("In 2022, Argentina beat France; in 2026, Morocco won praise from Spain for its bid.",
         [("SUPPORT", "051", "MAR", "ESP")]),
        ("Turkish drones attacked groups of PKK militants in northern Iraq.", [("ASSAULT", "190", "TUR", "IRQ")]),
        ("Egypt sent aid convoys to Gaza while Israeli troops stayed near the Rafah crossing.",
         [("AID", "070", "EGY", "PSE")]),
        ("China struck a port deal with Peru on Friday.", []),
        ("Japan recognises China as its largest trading partner.", []),
        ("The United States added India to its list of trusted partners.", []),
        ("The European Union shot down Hungary's proposal on Monday.", []),
        ("India ordered 26 Rafale jets from France to replace its ageing fleet.", []),
        ("Turkey's school fire drills near the Syrian border were cancelled.", []),
        ("Vietnam raised the alert level after bird flu cases in China.", []),
        ("Pakistan returned 5,000 Afghan nationals across the border on Tuesday.", []),
        ("Germany's curbs on migration angered Poland.", []),
        ("Ukrainian soldiers left without ammunition were captured by Russian forces.", []),
        ("Thailand's visa-free entry for Chinese tourists remains popular.", []),
    ],
)  # fmt: skip
def test_the_new_words_in_their_other_senses(gaz: Gazetteer, text: str, coded: list[tuple[str, ...]]) -> None:
    """A fresh-eyes review's sentences: the session's new cues and roles where the words mean something else (a
    relative clause's agent, pounds of money, a state's words amid a rally, a deal struck, a list of partners, a
    figurative shooting down, jets bought, school drills, a health alert, deportees, curbs at home)."""
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == coded


def test_an_old_year_right_after_the_act_still_dates_it(gaz: Gazetteer) -> None:
    text = "On Monday, Zelensky recalled that Russia invaded Ukraine in 2014."
    assert [(event.event, event.background) for event in code_text(text, gaz, on=ON)] == [("ASSAULT", True)]
