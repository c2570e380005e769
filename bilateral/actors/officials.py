"""Officials the people files do not hold, named with their country and title.

"Chinese Vice Foreign Minister Song Tao", "Japan's Chief Cabinet Secretary
Katsunobu Kato", "Indonesian Navy spokesman First Admiral Ali": a country word,
a run of title words that holds an office noun, then a name of two to four
capitalised words that the gazetteer does not know. The name is a person acting
for that country, and so is either end of it alone later in the same text
("Song urged …", "… Kato said"), as for a known person's surname.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bilateral.actors.gazetteer import Gazetteer, Hit
from bilateral.records import ActorKind, Field, Mention

# Words that make up an official's title; the run must hold one of _OFFICES.
_OFFICES = frozenset(
    [
        "minister",
        "secretary",
        "ambassador",
        "envoy",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "official",
        "diplomat",
        "chief",
        "commander",
        "general",
        "admiral",
        "director",
        "governor",
        "president",
        "premier",
        "chancellor",
        "consul",
        "representative",
        "adviser",
        "advisor",
        "negotiator",
        "speaker",
        "lawmaker",
        "senator",
        "prosecutor",
        "attache",
        "attaché",
        "chargé",
        "charge",
        "head",
    ]
)
_QUALIFIERS = frozenset(
    [
        "vice",
        "deputy",
        "assistant",
        "acting",
        "senior",
        "junior",
        "first",
        "second",
        "chief",
        "cabinet",
        "state",
        "foreign",
        "affairs",
        "defence",
        "defense",
        "interior",
        "home",
        "external",
        "trade",
        "finance",
        "economy",
        "economic",
        "commerce",
        "industry",
        "justice",
        "energy",
        "agriculture",
        "health",
        "education",
        "security",
        "national",
        "special",
        "permanent",
        "military",
        "army",
        "navy",
        "naval",
        "air",
        "force",
        "forces",
        "coast",
        "guard",
        "police",
        "intelligence",
        "ministry",
        "office",
        "department",
        "presidential",
        "border",
        "customs",
        "immigration",
        "public",
        "relations",
        "press",
        "general",
        "staff",
        "joint",
        "policy",
        "commission",
        "council",
        "committee",
        "d'affaires",
        "d’affaires",
        "of",
        "for",
        "the",
        "and",
        "to",
    ]
)
_JOINERS = frozenset({"of", "for", "the", "and", "to"})  # title words that never start or end a title
_TITLE_NEXT = re.compile(
    r"(?:'s|’s)? (?:" + "|".join(sorted(_OFFICES | _QUALIFIERS - _JOINERS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)  # a title word right after the country word: the cheap test before the whole title is read
_POSSESSIVE = re.compile(r"(?:'s|’s)?\s+")
_WORD = re.compile(r"([\w'’.-]+)(\s+|(?=[,;:)!?\"“”])|$)")
_NAME_WORD = re.compile(r"(?:[A-Z][a-z]*\.?|[A-Z][\w'’-]*[a-z][\w'’-]*)$")  # "Song", "Al-Sisi", "S", "Dr."
_HONORIFICS = frozenset(
    {"Dr", "Mr", "Mrs", "Ms", "Sir", "Gen", "Maj", "Col", "Lt", "Brig", "Capt", "Adm", "Rear", "Sgt", "Cdr"}
    | {"Dr.", "Mr.", "Mrs.", "Ms.", "Gen.", "Maj.", "Col.", "Lt.", "Brig.", "Capt.", "Adm.", "Sgt.", "Cdr."}
)  # and military ranks, before a name and never part of it
_MOST_NAME_WORDS = 4
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?<!['’-])(?![\w-])")
_SHORTEST_ALONE = 3  # letters: "Hu" alone is too often something else
_MOST_WORDS = 14  # a title, an honorific and a name: no more words are read after a country word
_NOT_NAMES = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "The",
        "This",
        "That",
        "In",
        "On",
        "At",
        "As",
        "But",
        "And",
        # an organisation's nouns: "US General Services Administration" names no one
        "Administration",
        "Office",
        "Staff",
        "Hospital",
        "League",
        "Agency",
        "Ministry",
        "Department",
        "Service",
        "Services",
        "Council",
        "Committee",
        "Commission",
        "Court",
        "Bank",
        "Company",
        "Corporation",
        "Group",
        "University",
        "Party",
        "Forces",
        "Guard",
        "Police",
        "Authority",
        "Board",
        "Institute",
        "Centre",
        "Center",
        # verbs in a title-case headline: "Chinese Ambassador Liu Xiaoping Told Reporters"
        "Told",
        "Said",
        "Says",
        "Met",
        "Meets",
        "Visits",
        "Visited",
        "Arrives",
        "Warns",
        "Calls",
        "Urges",
        "Signs",
    ]
)


def officials(field: Field, text: str, hits: list[Hit], gazetteer: Gazetteer, found: list[Mention]) -> list[Mention]:
    """``found`` (the field's mentions so far) with the titled officials of ``text`` and their later
    mentions by either end of the name alone, in text order. An office noun right before an official's
    name ("Foreign Minister") gives its office to the official instead of standing as a mention of its own."""
    candidates = [
        (entry.country, span)
        for hit in hits
        if hit.target.entry is not None and _TITLE_NEXT.match(text, hit.end)  # most country words: no title after
        for entry in (gazetteer.entry(hit),)
        if entry.kind is ActorKind.COUNTRY and entry.country is not None  # "Russia's UN Ambassador X": Russia's
        for span in (_titled_name(text, hit.end),)
        if span is not None
    ]
    if not candidates:
        return found
    covered = bytearray(len(text))  # 1 where an actor was already read: linear checks whatever the text
    for start, end in [*((m.start, m.end) for m in found), *((hit.start, hit.end) for hit in hits)]:
        covered[start:end] = b"\x01" * (end - start)
    offices = {mention.end: mention for mention in found if mention.form == "office"}
    titled: list[Mention] = []
    for country, span in candidates:
        if covered.find(1, *span) != -1:
            continue
        office = offices.pop(span[0] - 1, None) if text[span[0] - 1 : span[0]] == " " else None
        official = _person(field, text, *span, country, form="titled")
        if office is not None:
            official = replace(official, office=office.office, role=office.role)
        titled.append(official)
        covered[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
    kept = [mention for mention in found if mention.form != "office" or offices.get(mention.end) is mention]
    return sorted(kept + titled + _alone(field, text, titled, covered), key=lambda mention: mention.start)


def _titled_name(text: str, at: int) -> tuple[int, int] | None:
    """The span of the name after the country word ending at ``at`` and a title, if one follows."""
    glue = _POSSESSIVE.match(text, at)
    words: list[tuple[str, int, int]] = []  # the words that follow, joined by single spaces
    position = glue.end() if glue else len(text)
    for match in _WORD.finditer(text, position):
        if match.start() != position:
            break
        words.append((match.group(1), match.start(1), match.end(1)))
        if match.group(2) != " " or len(words) == _MOST_WORDS:
            break
        position = match.end()
    title = 0
    while title < len(words) and words[title][0].lower() in _QUALIFIERS | _OFFICES:
        title += 1
    while title and words[title - 1][0].lower() in _JOINERS:
        title -= 1
    if not any(word.lower() in _OFFICES for word, _, _ in words[:title]) or words[0][0].lower() in _JOINERS:
        return None
    rest = words[title:]
    while rest and rest[0][0] in _HONORIFICS:
        rest = rest[1:]
    name = []
    for word, start, end in rest[:_MOST_NAME_WORDS]:
        if not _NAME_WORD.match(word) or word in _NOT_NAMES:
            break
        if word.endswith(("'s", "’s")):  # "Roquemont's visit": the name without the possessive
            name.append((start, end - 2))
            break
        if word.endswith(".") and len(word) > 2:  # "… Kato." ends the sentence, not an initial
            name.append((start, end - 1))
            break
        name.append((start, end))
    if len(name) < 2:  # one capitalised word after a title is as often a place or a body as a person
        return None
    return name[0][0], name[-1][1]


def _alone(field: Field, text: str, found: list[Mention], covered: bytearray) -> list[Mention]:
    """Later mentions of each official by the first or the last word of the name alone, in one scan."""
    named: dict[str, Mention] = {}
    for official in found:
        words = official.text.split()
        for word in (words[0], words[-1]):
            if len(word) >= _SHORTEST_ALONE and word not in _HONORIFICS:
                named.setdefault(word, official)
    if not named:
        return []
    mentions: list[Mention] = []
    for match in _CAPITALISED.finditer(text):  # one scan, and a look-up per capitalised word
        who = named.get(match.group())
        if who is None or match.start() < who.start or covered.find(1, *match.span()) != -1:
            continue
        start = match.start()
        if mentions and mentions[-1].name == who.text and text[mentions[-1].end : start] == " ":
            start = mentions.pop().start  # "Song Tao" again: one mention of the full name
        mentions.append(_person(field, text, start, match.end(), who.country, form="surname", name=who.text))
    return mentions


def _person(
    field: Field, text: str, start: int, end: int, country: str | None, *, form: str, name: str | None = None
) -> Mention:
    return Mention(
        field, start, end, text[start:end], ActorKind.PERSON, name or text[start:end], country,
        sector="GOV", form=form, source="text",
    )  # fmt: skip
