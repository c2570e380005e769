"""Synthetic news of realistic length and density, for throughput benchmarks.

:mod:`bilateral.samples.generate` writes short articles with an act in nearly every
sentence, from ten sentence shapes and eight country pairs: a hard case for the coder,
but not what an analyst's corpus looks like. This module writes articles the way wire and
newspaper stories run: 600 to 900 words, most sentences quotes, background, figures and
domestic context, a few acts between two or more of 45 countries (some far more often in
the news than others), written in many shapes from parts that combine (openers, how an actor
is named, the act, its topic, attributions, clauses of time and reason), with page furniture
(menus, captions, share lines, related links), some encoding damage, wire copies of recent
articles by other outlets, and publication dates in no order. The same ``seed`` gives the
same corpus. Every sentence is the project's own.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from bilateral.samples.generate import OUTLETS, _copy, _damage

# name, adjective, capital; the order is how often each is in the news (a Zipf-like weight).
COUNTRIES = [
    ("the United States", "American", "Washington"), ("China", "Chinese", "Beijing"),
    ("Russia", "Russian", "Moscow"), ("Ukraine", "Ukrainian", "Kyiv"), ("Türkiye", "Turkish", "Ankara"),
    ("Israel", "Israeli", "Jerusalem"), ("Iran", "Iranian", "Tehran"), ("India", "Indian", "New Delhi"),
    ("Japan", "Japanese", "Tokyo"), ("South Korea", "South Korean", "Seoul"), ("Germany", "German", "Berlin"),
    ("France", "French", "Paris"), ("the United Kingdom", "British", "London"), ("Pakistan", "Pakistani", "Islamabad"),
    ("Saudi Arabia", "Saudi", "Riyadh"), ("Egypt", "Egyptian", "Cairo"), ("Brazil", "Brazilian", "Brasília"),
    ("Qatar", "Qatari", "Doha"), ("Poland", "Polish", "Warsaw"), ("Italy", "Italian", "Rome"),
    ("Azerbaijan", "Azerbaijani", "Baku"), ("Armenia", "Armenian", "Yerevan"), ("Greece", "Greek", "Athens"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"), ("Mexico", "Mexican", "Mexico City"), ("Spain", "Spanish", "Madrid"),
    ("Indonesia", "Indonesian", "Jakarta"), ("Vietnam", "Vietnamese", "Hanoi"), ("Nigeria", "Nigerian", "Abuja"),
    ("Kenya", "Kenyan", "Nairobi"), ("Argentina", "Argentine", "Buenos Aires"), ("Canada", "Canadian", "Ottawa"),
    ("Australia", "Australian", "Canberra"), ("Kazakhstan", "Kazakh", "Astana"), ("Syria", "Syrian", "Damascus"),
    ("Iraq", "Iraqi", "Baghdad"), ("Jordan", "Jordanian", "Amman"), ("Morocco", "Moroccan", "Rabat"),
    ("Algeria", "Algerian", "Algiers"), ("Sweden", "Swedish", "Stockholm"), ("Norway", "Norwegian", "Oslo"),
    ("Serbia", "Serbian", "Belgrade"), ("Hungary", "Hungarian", "Budapest"), ("Chile", "Chilean", "Santiago"),
    ("Thailand", "Thai", "Bangkok"),
]  # fmt: skip
_WEIGHTS = [1 / (rank + 3) for rank in range(len(COUNTRIES))]
OFFICES = ["foreign minister", "defence minister", "prime minister", "president", "trade minister",
           "energy minister", "interior minister", "deputy foreign minister", "ambassador", "envoy"]  # fmt: skip
TOPICS = ["energy", "the defence industry", "trade", "semiconductors", "shipbuilding", "public health", "grain exports",
          "tourism", "migration", "border security", "nuclear power", "rare earths", "fisheries", "railways",
          "water sharing", "cyber security", "the gas pipeline", "visa rules", "student exchanges",
          "counter-terrorism"]  # fmt: skip
GIVEN = ["Anna", "Mehmet", "Li", "Sergei", "Olena", "David", "Fatima", "Kenji", "Ji-won", "Lukas", "Amara", "Rahul",
         "Sofia", "Omar", "Ingrid", "Carlos", "Nadia", "Tomasz", "Elif", "Yusuf"]  # fmt: skip
FAMILY = ["Varga", "Okafor", "Lindqvist", "Moreau", "Petrov", "Haddad", "Tanaka", "Kowalski", "Demir", "Castillo",
          "Nguyen", "Mensah", "Brandt", "Rossi", "Karimov", "Silva", "Novak", "Aziz", "Halvorsen", "Reyes"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
VENUES = ["Geneva", "Vienna", "Doha", "Singapore", "Oslo", "Astana", "Istanbul", "Brussels", "New York", "Muscat"]

# {a} and {b} are how each side is named (see _name); {A}/{B} the country, {topic}, {when}, {venue}.
ACTS = [
    "{a} met {b} in {venue} {when} to discuss {topic}",
    "{a} held talks with {b} {when}, the first such meeting in two years",
    "{a} hosted {b} for a two-day visit {when}",
    "{a} spoke by telephone with {b} {when} about {topic}",
    "{A} and {B} signed an agreement on {topic} {when}",
    "{a} and {b} signed a memorandum of understanding on {topic} {when}",
    "{A} and {B} agreed {when} to resume talks on {topic}",
    "{a} urged {B} to lift its restrictions on {topic}",
    "{a} called on {B} to return to the negotiating table",
    "{a} accused {B} of violating the ceasefire along the border",
    "{a} criticised {B}'s decision to suspend cooperation on {topic}",
    "{A} summoned {B}'s ambassador {when} to protest against remarks about {topic}",
    "{A} expelled two {B_adj} diplomats {when}, citing espionage",
    "{A} imposed sanctions on {B_adj} companies involved in {topic}",
    "{A} announced {when} that it would send humanitarian aid to {B}",
    "{A} pledged 300 million dollars to help {B} rebuild its {topic} sector",
    "{a} threatened to cut ties with {B} unless it released the detained sailors",
    "{A} rejected {B}'s proposal for a joint commission on {topic}",
    "{A_adj} troops and warships began joint exercises with {B} {when}",
    "{A_adj} forces shelled positions held by {B_adj} troops near the border {when}",
    "{A} recalled its ambassador from {B} {when} for consultations",
    "{A} and {B} restored diplomatic relations {when} after a rupture of seven years",
    "{a} thanked {B} for its support during the floods",
    "{A} offered to mediate between {B} and its neighbours",
]
QUOTES = [
    '"We are ready to work with all our partners, but our red lines have not changed," {p} told reporters.',
    '"This is a difficult moment, and nobody expects quick results," said {p}, who asked not to be named.',
    '"The door remains open," {p} said, adding that technical teams would meet again soon.',
    '"Our position is clear and it is well known," {p} told a news conference in {cap}.',
    '"There is still a lot of work to do on {topic}," {p} said in an interview with a local broadcaster.',
    '"People want to see jobs and lower prices, not speeches," {p} said at a rally.',
    "{p} said the talks had been frank and that both sides understood each other better.",
    "{p}, speaking on condition of anonymity, said a decision was expected within weeks.",
]
BACKGROUND = [
    "Trade between the two countries reached {n} billion dollars in {year}, according to official figures.",
    "Relations have been strained since {year}, when a dispute over {topic} led to a freeze in high-level contacts.",
    "{A} is one of the largest buyers of {B_adj} {topic_plain}, and the two governments have discussed a free trade "
    "deal for years.",
    "The {A_adj} economy grew by {small} percent last year, its slowest pace in a decade, while inflation stayed "
    "above {small} percent.",
    "Parliament in {cap} is expected to vote on the budget next month, and the opposition has promised to block it.",
    "About {n} thousand {B_adj} citizens live and work in {A}, many of them in construction and farming.",
    "The {A_adj} currency has lost almost a fifth of its value against the dollar since the start of the year.",
    "Analysts say the outcome will depend on whether the two sides can agree on how to share the costs.",
    "The region has seen a string of elections this year, and several governments face pressure at home.",
    "Critics at home accuse the government of neglecting {topic_plain} while spending heavily on prestige projects.",
    "Opinion polls suggest most voters care more about the cost of living than about foreign policy.",
    "The ministry did not respond to a request for comment on {weekday}.",
    "It was not immediately clear how many people had been affected or when the work would resume.",
    "Officials expect the first results of the programme to be visible by the end of {later}.",
    "The two leaders last met in {year} on the sidelines of a summit in {venue}.",
    "Local media reported heavy traffic in {cap} as roads around the conference centre were closed.",
    "Shares of energy companies fell by {small} percent on the news before recovering later in the day.",
    "The plan still needs the approval of both parliaments, which could take several months.",
    "Weather forecasters warned of storms along the coast for the rest of the week.",
    "More than {n} people attended the opening of the exhibition, organisers said.",
]
FURNITURE = [
    "Home | World | Politics | Business | Opinion", "Share this article", "Follow us on social media",
    "Sign up for our daily newsletter", "Advertisement", "Related: markets close higher", "Most read",
    "(Photo: file picture)", "Reporting by our correspondents; editing by the news desk", "© All rights reserved",
    "Read more", "Comments are closed for this article.",
]  # fmt: skip
ATTRIBUTIONS = [", the ministry said in a statement", ", state media reported", ", officials said",
                ", according to a government statement", ", a spokesperson said", ""]  # fmt: skip
OPENERS = ["", "", "", "On {weekday}, ", "Earlier this month, ", "In a surprise move, ", "Separately, ",
           "Meanwhile, ", "After weeks of tension, ", "In {venue}, "]  # fmt: skip


def _name(rng: random.Random, country: tuple[str, str, str], office: str) -> str:
    """How a side is named: the country, its capital, an office of it, or an official with a name."""
    name, adjective, capital = country
    form = rng.randrange(5)
    if form == 0:
        return name
    if form == 1:
        return capital
    if form == 2:
        return f"the {adjective} {office}"
    if form == 3:
        return f"{adjective} {office.title()} {rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return f"{name}'s {office}"


def _when(rng: random.Random) -> str:
    form = rng.randrange(4)
    if form == 0:
        return f"on {rng.choice(WEEKDAYS)}"
    if form == 1:
        return f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}"
    if form == 2:
        return "last week"
    return "this week"


def _capital(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


def _act(rng: random.Random, a: tuple[str, str, str], b: tuple[str, str, str], topic: str) -> str:
    shape = rng.choice(ACTS)
    text = shape.format(
        a=_name(rng, a, rng.choice(OFFICES)), b=_name(rng, b, rng.choice(OFFICES)), A=a[0], B=b[0], A_adj=a[1],
        B_adj=b[1], topic=topic, when=_when(rng), venue=rng.choice(VENUES),
    )  # fmt: skip
    opener = rng.choice(OPENERS).format(weekday=rng.choice(WEEKDAYS), venue=rng.choice(VENUES))
    return f"{opener}{text}{rng.choice(ATTRIBUTIONS)}."


def _context(rng: random.Random, a: tuple[str, str, str], b: tuple[str, str, str], topic: str, year: int) -> str:
    if rng.random() < 0.35:
        speaker = rng.choice([
            f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}, an analyst at a research institute in {a[2]}",
            f"a senior {a[1]} official", f"the {b[1]} {rng.choice(OFFICES)}",
            f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}, a professor of international relations",
        ])  # fmt: skip
        return _capital(rng.choice(QUOTES).format(p=speaker, cap=a[2], topic=topic))
    return rng.choice(BACKGROUND).format(
        A=a[0], B=b[0], A_adj=a[1], B_adj=b[1], cap=a[2], topic=topic, topic_plain=topic.removeprefix("the "),
        n=rng.randint(2, 90), small=rng.randint(1, 9), year=year - rng.randint(1, 9), later=year + 1,
        weekday=rng.choice(WEEKDAYS), venue=rng.choice(VENUES),
    )  # fmt: skip


def articles(count: int, *, seed: int = 11) -> Iterator[dict[str, str]]:
    """``count`` articles as JSON-ready dicts: 600-900 words, about four acts each; a tenth are wire copies."""
    rng = random.Random(seed)
    recent: list[dict[str, str]] = []
    for number in range(count):
        if recent and rng.random() < 0.1:
            yield _copy(rng.choice(recent), number, rng)
            continue
        a, b = _pair(rng)
        topic = rng.choice(TOPICS)
        published = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3650))
        lead = _capital(_act(rng, a, b, topic))
        paragraphs = [lead]
        words = len(lead.split())
        target = rng.randint(600, 900)
        while words < target:
            roll = rng.random()
            if roll < 0.12:
                third = _pair(rng)[0]
                sentence = _capital(_act(rng, *rng.choice([(a, b), (b, a), (a, third), (third, b)]), topic))
            else:
                sentence = _context(rng, a, b, topic, published.year)
                if sentence in paragraphs:  # a story tells each thing once
                    continue
            if rng.random() < 0.04:
                paragraphs.append(rng.choice(FURNITURE))
            paragraphs.append(sentence)
            words += len(sentence.split())
        paragraphs.insert(0, rng.choice(FURNITURE))
        paragraphs.append(rng.choice(FURNITURE))
        text = "\n\n".join(paragraphs)
        if rng.random() < 0.05:
            text = _damage(text, rng)
        record = {
            "title": f"{_capital(a[0])} and {b[0]} at odds over {topic.removeprefix('the ')}"
            if rng.random() < 0.5
            else f"{a[1]} and {b[1]} officials discuss {topic.removeprefix('the ')}",
            "text": text,
            "date": published.isoformat(),
            "source": rng.choice(OUTLETS),
        }
        recent = [*recent[-49:], record]
        yield record


def _pair(rng: random.Random) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """Two different countries, the busier ones more often."""
    first = rng.choices(COUNTRIES, _WEIGHTS)[0]
    second = first
    while second == first:
        second = rng.choices(COUNTRIES, _WEIGHTS)[0]
    return first, second
