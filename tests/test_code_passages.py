"""The event coder on passages, report openings and how acts are told: constructions the team's texts
(eval/probes/passages.jsonl, reports.jsonl, voices.jsonl) found misread, each a general rule; and the same words in
their other senses, which two fresh-eyes reviews ran, where they tell no act."""

from __future__ import annotations

from datetime import date

import pytest
from test_code import ON, brief

from bilateral.actors import Gazetteer
from bilateral.code import code_text


def sides(text: str, gaz: Gazetteer, on: date = ON) -> list[tuple[str, str, str]]:
    """(type, actors, recipients) of each event coded from ``text`` as published ``on``, each side's countries joined
    by "+"."""
    return [brief(event)[:1] + brief(event)[2:4] for event in code_text(text, gaz, on=on)]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "North Korea tested a rocket engine on Monday. The launch came days after the North warned South Korea "
            "and the United States over their drills.",
            ("THREATEN", "PRK", "KOR+USA"),
        ),
        (
            "Saudi Arabia hosted Iran's foreign minister on Sunday. The kingdom pledged $2 billion in aid to Syria.",
            ("AGREE", "SAU", "SYR"),
        ),
        (
            "Taiwan reported 20 Chinese aircraft near its airspace. The island protested to Beijing.",
            ("ACCUSE", "TWN", "CHN"),
        ),
        ("Qatar hosted the talks. The Gulf state sent $30 million in aid to Gaza on Friday.", ("AID", "QAT", "PSE")),
    ],
)
def test_a_state_described_rather_than_named_is_the_one_of_that_kind_named_before(
    gaz: Gazetteer, text: str, wanted: tuple[str, str, str]
) -> None:
    """ "The North", "the kingdom", "the island", "the Gulf state": the latest state named before of that kind."""
    told = {
        (
            event.event,
            "+".join(sorted(p.country or "" for p in event.actor)),
            "+".join(sorted(p.country or "" for p in event.recipient)),
        )
        for event in code_text(text, gaz, on=ON)
    }
    assert wanted in told


@pytest.mark.parametrize(
    ("text", "not_acting"),
    [
        ("Sudan's army pushed into Darfur. The North accused Chad of arming rebels.", "PRK"),  # no Korea in the story
        ("Jordan and Egypt met on Monday. The island protested to Beijing.", "JOR"),  # no island state named before
        ("Egypt signed the deal. The kingdom protested to Beijing.", "EGY"),  # a republic named before
    ],
)
def test_a_description_with_no_state_of_its_kind_before_names_no_one(
    gaz: Gazetteer, text: str, not_acting: str
) -> None:
    second = text.index(". ") + 2
    acting = {p.country for event in code_text(text, gaz, on=ON) if event.evidence.start >= second for p in event.actor}
    assert not_acting not in acting


def test_in_retaliation_says_why_an_act_was_done_and_is_no_threat(gaz: Gazetteer) -> None:
    text = "North Korea fired artillery near the border, with South Korea holding a live-fire drill in retaliation."
    assert "THREATEN" not in {event.event for event in code_text(text, gaz, on=ON)}
    text = "Iran vowed retaliation against Israel on Sunday."  # a vow of it still is
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("THREATEN", "130", "IRN", "ISR")]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("India-Pakistan talks resumed in Geneva on Tuesday.", ("CONSULT", "IND+PAK")),  # in one's capital: a visit
        (
            "A Japan-South Korea summit in Singapore on Friday produced a pledge on missile data.",
            ("CONSULT", "JPN+KOR"),
        ),
        ("Sino-Pakistani naval drills began in the Arabian Sea on Sunday.", ("COOPERATE", "CHN+PAK")),
        ("Pak-Afghan talks opened in Doha on Monday.", ("CONSULT", "AFG+PAK")),
        ("A US-Mongolian agreement on copper mining was signed on Wednesday.", ("AGREE", "MNG+USA")),
    ],
)
def test_two_states_joined_by_a_hyphen_before_a_joint_acts_noun_are_its_parties(
    gaz: Gazetteer, text: str, wanted: tuple[str, str]
) -> None:
    """ "India-Pakistan talks": both act together; "Sino-", "Pak-" name China and Pakistan only joined to a country."""
    told = [
        (event.event, "+".join(sorted(p.country or "" for p in event.actor)), event.recipient)
        for event in code_text(text, gaz, on=ON)
    ]
    assert told == [(*wanted, ())]


@pytest.mark.parametrize(
    "text",
    [
        "The Russia-Ukraine war entered its fourth year.",  # a hostile act between a pair says not who did it
        "India-Pakistan tensions prompted talks.",  # the pair leads another noun
        "The Indo-Pacific strategy calls for more talks.",  # "Indo" joined to no country names none
        "Iran said talks would resume next week.",  # talks with no pair before them are no act
    ],
)
def test_a_hyphened_pair_names_no_joint_act_elsewhere(gaz: Gazetteer, text: str) -> None:
    assert not code_text(text, gaz, on=ON)


def test_a_statement_still_counts_beside_talks_with_no_pair(gaz: Gazetteer) -> None:
    text = (
        "The African Union chief appealed for calm in Mozambique and urged all sides to settle their differences "
        "through dialogue."
    )
    assert [brief(event)[:4] for event in code_text(text, gaz, on=ON)] == [("STATEMENT", "020", "AU", "MOZ")]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Trump gave Russia 50 days to reach a deal with Ukraine or face tariffs.", ("THREATEN", "USA", "RUS")),
        (
            "The European Commission gave Hungary two months to repeal the law or lose access to 1 billion euros.",
            ("THREATEN", "EU", "HUN"),
        ),  # not aid: the billion is what Hungary may lose
        ("Israel gave Lebanon until February to disarm the militia or face wider strikes.", ("THREATEN", "ISR", "LBN")),
        ("Japan gave Vietnam $50 million in flood aid on Monday.", ("AID", "JPN", "VNM")),  # no deadline, no threat
        ("Iran gave two British diplomats 48 hours to leave the country.", ("SANCTION", "IRN", "GBR")),  # an expulsion
    ],
)
def test_a_deadline_with_or_face_is_a_threat(gaz: Gazetteer, text: str, wanted: tuple[str, str, str]) -> None:
    """An ultimatum, "gave X N days to … or face …", threatens X, whatever the penalty names (tariffs, funds)."""
    assert sides(text, gaz) == [wanted]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Vietnam summoned a Chinese embassy official on Friday and demanded that Beijing stop the surveys.",
            [("ACCUSE", "VNM", "CHN"), ("REQUEST", "VNM", "CHN")],
        ),  # an embassy official summoned; the demand, a second act of the same subject
        (
            "Kabul summoned Pakistan's charge d'affaires and vowed to retaliate.",
            [("ACCUSE", "AFG", "PAK"), ("THREATEN", "AFG", "PAK")],
        ),
        (
            "The Kremlin accused Kyiv of terrorism and vowed a response.",
            [("ACCUSE", "RUS", "UKR"), ("THREATEN", "RUS", "UKR")],
        ),
        (
            "Turkish President Tayyip Erdogan received Syrian President Ahmed al-Sharaa in Ankara on Saturday.",
            [("CONSULT", "SYR", "TUR")],
        ),  # the visitor received acts
        ("Putin received a letter from Kim Jong Un.", []),  # a letter received is no visit
        ("Japan received a delegation from China on Monday.", [("CONSULT", "CHN", "JPN")]),  # a visit, not aid
    ],
)
def test_a_second_act_of_the_same_subject_and_a_visitor_received(
    gaz: Gazetteer, text: str, wanted: list[tuple[str, str, str]]
) -> None:
    assert sides(text, gaz) == wanted


def test_a_demand_told_as_a_participle_is_background_to_the_act(gaz: Gazetteer) -> None:
    """ "a withdrawal demanded by the rulers": the withdrawal is the act; the demand, an earlier one, is no second
    act beside it."""
    text = "The last French soldiers left Niger on Friday, completing a withdrawal demanded by the military rulers."
    assert "REQUEST" not in {event.event for event in code_text(text, gaz, on=ON)}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Israeli fire killed 14 people waiting for food aid in Gaza on Saturday.", [("ASSAULT", "ISR", "PSE")]),
        ("A Chinese coast guard vessel rammed a Philippine supply boat on Monday.", [("ASSAULT", "CHN", "PHL")]),
        ("The ship rammed a pier in Istanbul.", []),  # no state's boat struck
        ("Pakistan closed its airspace to Indian airlines on Thursday.", [("SANCTION", "PAK", "IND")]),
        ("Greece closed its airspace because of the storm.", []),
    ],
)
def test_fire_that_kills_rams_and_closed_airspace(
    gaz: Gazetteer, text: str, wanted: list[tuple[str, str, str]]
) -> None:
    """ "Israeli fire killed …" acts like "Israeli strikes"; ramming a state's boat is force; an airspace or border
    crossings closed to a state are a sanction, but not for the weather."""
    assert sides(text, gaz) == wanted


def test_a_noun_act_after_and_a_light_verb_has_the_first_verbs_subject(gaz: Gazetteer) -> None:
    """ "condemned the US arms sale to Taiwan and imposed sanctions on American firms": China sanctions, too."""
    text = "China condemned the US arms sale to Taiwan and imposed sanctions on three American defence companies."
    assert sides(text, gaz) == [
        ("ACCUSE", "CHN", "USA"),
        ("SANCTION", "CHN", "USA"),
    ]


@pytest.mark.parametrize(
    ("text", "not_wanted"),
    [
        ("China responded in kind on Friday, imposing 34% tariffs on all US goods.", "THREATEN"),  # done, not vowed
        ("Pakistan would respond in kind if India takes one step toward peace, its prime minister said.", "THREATEN"),
        ("Erdogan received a phone call from President Putin on Monday.", "042"),  # a call, not a visit
        ("Netanyahu received a letter from President Trump.", "042"),
        ("Kyiv received the Chinese president's peace plan with skepticism.", "042"),
        ("Japan vowed to respond to the humanitarian needs of Myanmar.", "THREATEN"),
        ("Canada vowed revenge against the United States after the 4 Nations final.", "THREATEN"),
        ("China gave Pakistan loans for ten years, and Islamabad must now repay them or risk default.", "THREATEN"),
        ("Germany gave Syrian refugees six months to find work or lose benefits.", "THREATEN"),
        ("Trump met Zelensky in Washington, where Republican lawmakers demanded more oversight of aid.", "REQUEST"),
        ("The India-Pakistan dialogue has been frozen since 2016.", "CONSULT"),
        ("Stocks rose on hopes for US-China talks.", "CONSULT"),
        ("The planned India-Pakistan talks were cancelled.", "CONSULT"),
        ("Fans packed the stadium in Dubai for the India-Pakistan meeting on Sunday.", "CONSULT"),
        ("The Indo-Canadian community meeting in Surrey drew hundreds.", "CONSULT"),
    ],
)
def test_the_new_words_in_their_other_senses_tell_no_such_act(gaz: Gazetteer, text: str, not_wanted: str) -> None:
    """A fresh-eyes review ran this session's new readings in their other senses; each of these misfired once."""
    assert not_wanted not in {code for event in code_text(text, gaz, on=ON) for code in (event.event, event.cameo)}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Saudi Arabia signed a deal to buy British Typhoon jets. The kingdom also agreed to invest in Egypt.",
            ("AGREE", "SAU", "EGY"),
        ),  # a thing of Britain's names no kingdom that acts
        (
            "Bahrain's king hosted Sri Lanka's president. The island kingdom agreed to hire more Sri Lankan workers.",
            ("AGREE", "BHR", "LKA"),
        ),  # one description, the longest
    ],
)
def test_a_description_means_the_one_state_of_its_kind_named_as_an_actor(
    gaz: Gazetteer, text: str, wanted: tuple[str, str, str]
) -> None:
    assert wanted in sides(text, gaz)


@pytest.mark.parametrize(
    ("text", "either"),
    [
        (
            "Saudi Arabia and Bahrain signed a security pact. The kingdom also agreed to buy Chinese drones.",
            {"SAU", "BHR"},
        ),
        (
            "Taiwan reported Chinese aircraft. Japan and the Philippines voiced concern. Beijing warned the island.",
            {"JPN", "PHL"},
        ),
    ],
)
def test_a_description_of_two_states_of_its_kind_names_neither(gaz: Gazetteer, text: str, either: set[str]) -> None:
    """Two kingdoms (or island states) named: which one "the kingdom" means is not said."""
    last = text.rindex(". ") + 2
    told = [event for event in code_text(text, gaz, on=ON) if event.evidence.start >= last]
    assert not {p.country for event in told for p in (*event.actor, *event.recipient)} & either


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("The US-Russia-Ukraine talks in Riyadh ended on Tuesday.", ("CONSULT", "RUS+UKR+USA")),  # a chain of three
        ("Indo-Pak talks resumed in Dubai on Monday.", ("CONSULT", "IND+PAK")),  # in Delhi: a visit
        ("The Iranian ambassador was summoned by the French foreign ministry on Monday.", ("ACCUSE", "FRA")),
        ("Two Chinese nationals were put under investigation in France.", ("ACCUSE", "FRA")),  # the place's state
    ],
)
def test_chains_passives_and_acts_undergone_in_a_place(gaz: Gazetteer, text: str, wanted: tuple[str, str]) -> None:
    told = [
        (event.event, "+".join(sorted(p.country or "" for p in event.actor))) for event in code_text(text, gaz, on=ON)
    ]
    assert told == [wanted]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Indonesia imposed anti-dumping duties of up to 40 percent on ceramic tiles from China.",
            [("SANCTION", "IDN", "CHN")],
        ),
        (
            "Ethiopia and Somalia held a third round of technical talks in Djibouti on Thursday.",
            [("CONSULT", "ETH+SOM", "")],
        ),
        ("Moscow was ready for a second round of peace talks in Turkey, Lavrov said.", []),  # readiness, not talks held
        (
            "Venezuela on Sunday freed four Colombian truck drivers who had crossed the border.",
            [("RETREAT", "VEN", "COL")],
        ),
        (
            "Belgium returned a carved royal throne to the Democratic Republic of Congo on Friday.",
            [("RETREAT", "BEL", "COD")],
        ),
        ("Russia struck Kharkiv after the talks collapsed.", [("ASSAULT", "RUS", "UKR")]),
        ("Typhoon Haikui struck Taiwan on Sunday.", []),
        ("The US hit China with 25% tariffs on Friday.", [("SANCTION", "USA", "CHN")]),  # not China's tariffs
        (
            "The UAE president sent condolences to Pakistan after a train derailment in Sindh killed 30 people.",
            [],
        ),  # the derailment killed: no party's act of force (nor a statement beside an act)
    ],
)
def test_report_wording(gaz: Gazetteer, text: str, wanted: list[tuple[str, str, str]]) -> None:
    """Constructions the team's report openings (eval/probes/reports.jsonl) found misread."""
    assert sides(text, gaz) == wanted


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Indian and Pakistani troops exchanged small-arms and mortar fire across the Line of Control.",
            [("ASSAULT", "IND+PAK", "")],
        ),  # fire exchanged is no prisoner exchange
        ("Russia and Ukraine exchanged 150 prisoners of war on Friday.", [("RETREAT", "RUS+UKR", "")]),
        ("Iran on Saturday freed a Swiss tourist held in Evin prison.", [("RETREAT", "IRN", "CHE")]),
        (
            "The navies of Malaysia, Indonesia and the Philippines resumed trilateral patrols in the Sulu Sea.",
            [("COOPERATE", "IDN+MYS+PHL", "")],
        ),
        (
            "Pakistani jets struck militant hideouts in Afghanistan. Kabul said the strikes would not go unanswered.",
            [("ASSAULT", "PAK", "AFG")],
        ),  # "would not go unanswered" is not read: its subject phrase names the target as often as the actor
    ],
)
def test_fire_exchanged_prisoners_freed_patrols_and_unanswered_strikes(
    gaz: Gazetteer, text: str, wanted: list[tuple[str, str, str]]
) -> None:
    assert sides(text, gaz) == wanted


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "The IMF board reviewed Pakistan's loan. The board urged Islamabad to widen its tax base.",
            [("REQUEST", "IMF", "PAK")],
        ),
        (
            "ECOWAS will send observers to The Gambia. The commission called on the Gambian authorities to help.",
            [("REQUEST", "ECOWAS", "GMB")],
        ),  # election observers sent are no show of force
        (
            "The UN Security Council met on Friday. The council demanded that Israel allow aid into Gaza.",
            [("REQUEST", "UN", "ISR")],
        ),
        (
            "The European Union approved new sanctions. The bank raised interest rates in Frankfurt.",
            [],
        ),  # no bank named
    ],
)
def test_an_organ_of_the_organisation_named_last_is_that_organisation(
    gaz: Gazetteer, text: str, wanted: list[tuple[str, str, str]]
) -> None:
    """ "The board", "the commission", "the council", "the watchdog": the organisation named lately whose name fits."""
    second = text.index(". ") + 2
    told = [
        (
            event.event,
            "+".join(p.country or "" for p in event.actor),
            "+".join(p.country or "" for p in event.recipient),
        )
        for event in code_text(text, gaz, on=ON)
        if event.evidence.start >= second
    ]
    assert told == wanted


@pytest.mark.parametrize(
    ("text", "not_wanted"),
    [
        ("Trump's trade policies have drawn fire from Canada and Mexico.", "ASSAULT"),
        ("Russia and Ukraine traded accusations over the shelling of the Zaporizhzhia plant.", "ASSAULT"),
        ("India strikes UK free trade deal after three years of talks.", "ASSAULT"),
        ("Trump Strikes Trade Deal With Japan", "ASSAULT"),  # a headline in title case
        ("Trump struck India with 50 percent tariffs.", "ASSAULT"),
        ("Spain struck England late to win the Euro 2024 final in Berlin.", "ASSAULT"),
        ("Saudi Crown Prince Mohammed bin Salman returned to Riyadh after visiting Washington.", "RETREAT"),
        ("Egypt released its annual report on migrants crossing into Libya.", "RETREAT"),
        ("Saudi Arabia released Indian workers' unpaid wages.", "RETREAT"),
        ("Kenya's new law frees foreign workers from paying a levy, the Indian high commission said.", "RETREAT"),
    ],
)
def test_the_report_readings_in_their_other_senses(gaz: Gazetteer, text: str, not_wanted: str) -> None:
    """A second fresh-eyes review ran the report openings' readings in their other senses; each misfired once."""
    assert not_wanted not in {event.event for event in code_text(text, gaz, on=ON)}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Trump flew to Alaska to see Putin. Trump praised Putin after the two leaders met on Friday.",
            ("CONSULT", "RUS+USA"),
        ),  # "the two leaders" are the article's pair: the clause's subject is a party
        ("The US and China kicked off a new round of negotiations in Geneva on Saturday.", ("CONSULT", "CHN+USA")),
        ("Trump hit Canada and Mexico with tariffs.", ("SANCTION", "CAN+MEX+USA")),  # both are hit
        ("The US hit Russia with a new round of sanctions.", ("SANCTION", "RUS+USA")),
        (
            "Gaza was quiet on Friday, after an exchange of fire between Israeli troops and Palestinians.",
            ("ASSAULT", "ISR+PSE"),
        ),
    ],
)
def test_the_report_readings_kept_where_they_hold(gaz: Gazetteer, text: str, wanted: tuple[str, str]) -> None:
    told = {
        (event.event, "+".join(sorted(p.country or "" for p in (*event.actor, *event.recipient))))
        for event in code_text(text, gaz, on=ON)
    }
    assert wanted in told


def test_a_dateline_does_not_lead_the_sentence_it_opens(gaz: Gazetteer) -> None:
    """ "RIYADH — GCC ministers condemned …": the ministers lead, so a later "the ministers" are the GCC's, not the
    dateline city's."""
    text = (
        "RIYADH — Gulf Cooperation Council ministers on Sunday condemned Iran's interference in Arab states. "
        "The ministers also called on Iran to accept referral of the dispute to the court."
    )
    told = sides(text, gaz)
    assert ("REQUEST", "GCC", "IRN") in told


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            '"Pyongyang must stop its provocations," South Korea\'s unification ministry said.',
            [("REQUEST", "KOR", "PRK")],
        ),
        (
            '"This is unlawful and we demand that our citizens be released," Lithuania\'s foreign minister said on '
            "Tuesday, a day after Russian border guards detained two Lithuanian fishermen.",
            [("REQUEST", "LTU", "RUS"), ("COERCE", "RUS", "LTU")],
        ),  # the guards are the verb's own subject, though "after" comes before them
        ("Poland closed the Russian consulate in Gdansk on Monday.", [("SANCTION", "POL", "RUS")]),
        ("The embassy was closed for the holiday.", []),
        ('"Our people must come home," the Ukrainian president said of the prisoners held in Russia.', []),
    ],
)
def test_voices_quotes_first_and_their_speakers(gaz: Gazetteer, text: str, wanted: list[tuple[str, str, str]]) -> None:
    """Constructions the team's texts on how acts are told (eval/probes/voices.jsonl) found misread."""
    assert sides(text, gaz) == wanted


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Two German tourists were arrested in Iran last week.", [("COERCE", "IRN", "DEU")]),  # the place's state
        (
            "Chinese maritime forces detained eight Vietnamese fishermen near the Paracel Islands.",
            [("COERCE", "CHN", "VNM")],
        ),
        ("Two Swiss climbers were killed in Italy.", []),  # no act of Italy's
    ],
)
def test_people_of_a_state_held_in_another(gaz: Gazetteer, text: str, wanted: list[tuple[str, str, str]]) -> None:
    assert sides(text, gaz) == wanted
