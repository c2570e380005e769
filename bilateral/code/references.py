"""Slots that refer rather than name: pronouns ("he", "it", "we", "they"), offices ("the minister") and the
article's pair ("the two presidents"), each resolved to the party it stands for."""

from __future__ import annotations

import re
from dataclasses import replace

from bilateral.code.slots import Context, Slot, party_of
from bilateral.records import ActorKind, Mention, Party

_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_POSSESSIVE_BEFORE_CUE = re.compile(r"\b(?:his|her)\s+(?:\w+\s+)?$", re.IGNORECASE)
_IT_AFTER_SAYING = re.compile(
    r"\b(?:said|says|added|announced|warned|stated|insisted|confirmed|declared|vowed|pledged)\s+(?:that\s+)?(?P<it>it)\b"
    r"(?!\s+(?:was|is|has|had)\s+(?:not\s+)?(?:clear|unclear|likely|unlikely|possible|important|time|too))",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_JOINT = re.compile(
    r"\b(?:the two (?:presidents|leaders|sides|countries|nations|ministers|diplomats|governments|delegations|"
    r"premiers|prime ministers|foreign ministers|defence ministers|defense ministers|heads of state|neighbou?rs|"
    r"capitals|allies|partners)|both (?:countries|sides|leaders|nations|governments|capitals)|they)\b",
    re.IGNORECASE,
)
_THEY = re.compile(
    r"\b(?:they|(?:(?<=\bthe )|^)(?:(?:foreign|defen[cs]e|finance|trade)\s+)?(?:ministers|leaders|countries|members|"
    r"member states|bloc|alliance)|council members)\b",
    re.IGNORECASE,
)  # "They condemned …", "the ministers wrote", "Foreign ministers warned": the group that led a recent sentence
_NUMBERED = re.compile(
    r"\b(?:the|all|all the)\s+(?P<count>three|four|five)\b(?:\s+(?:(?:water|foreign|defen[cs]e|finance|trade)\s+)?"
    r"(?:countries|nations|states|sides|governments|ministers|leaders|delegations|parties|neighbou?rs))?"
    r"(?!\s+(?:of|days|weeks|months|years|hours|times|million|billion|percent|per cent)\b)",
    re.IGNORECASE,
)
_COUNT = {"three": 3, "four": 4, "five": 5}
_BODY = re.compile(
    r"\bthe\s+(?:(?:international|world|global|regional|multilateral)\s+)(?:body|organi[sz]ation|lender)\b"
    r"|\bthe\s+(?:world|global)\s+lender\b",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(
    r"\b[Tt]he (?:(?:country|nation)['’]s )?(?:government|foreign ministry|ministry of foreign affairs|foreign office|"
    r"defen[cs]e ministry)\b(?!\s+(?:of|in)\b)(?!['’]s\b)"
)  # "The government also threatened action against …": the state that led the sentence before ("the authorities"
# and "the regime" are as often the other side's, so they are left alone)
_ORGAN = re.compile(
    r"\b[Tt]he\s+(?:(?:executive|governing|security|peace and security)\s+)?"
    r"(?P<organ>fund|bank|board|agency|commission|council|watchdog)\b(?!['’]s\b)"
)  # not "the fund's chief" nor "the council's decision": a possessive organ names the party's own
_ORGAN_NAMES: dict[str, tuple[str, ...] | None] = {
    "fund": ("fund",),
    "bank": ("bank",),
    "agency": ("agency", "high commissioner", "unhcr", "unrwa", "iaea"),
    "watchdog": ("atomic energy", "iaea"),
    "commission": ("commission", "union", "ecowas", "community"),
    "council": ("council", "united nations", "african union", "cooperation council"),
    "board": None,  # a fund's, a bank's or an agency's
}
"""The organisations an organ may belong to, by words of their names."""
_ORGAN_REACH = 700  # characters: an organ refers to an organisation named within the last few sentences
_OFFICE_REFERENCE = re.compile(
    r"\b[Tt]he (?P<office>(?:foreign |defen[cs]e |prime )?minister|president|chancellor|premier|foreign secretary|"
    r"secretary of state)\b(?! of\b)"
)
_OFFICE_WORDS = {
    "minister": ("foreign_minister", "defence_minister", "head_of_government", "minister"),
    "president": ("head_of_state",),
    "chancellor": ("head_of_government",),
    "premier": ("head_of_government",),
    "secretary": ("foreign_minister",),
    "state": ("foreign_minister",),
}


def references(
    text: str, start: int, end: int, named: list[Slot], people: list[Mention], context: Context
) -> list[Slot]:
    """The slots of the sentence ``text[start:end]`` that refer to a party rather than name it, outside the ``named``
    slots; ``people`` are the persons named so far, this sentence's included."""
    sentence = text[start:end]
    taken = [(slot.start, slot.end) for slot in named]
    found: list[Slot] = []
    here = [person for person in people if person.start >= start]
    lowered = sentence.lower()
    pronouns = _SUBJECT_PRONOUN.finditer(sentence) if ("he " in lowered or "he," in lowered) else ()
    for match in pronouns:
        at = start + match.start()
        person = _referent(here, context, at)
        if person is not None and not _inside(at, taken):
            found.append(Slot(at, start + match.end(), (party_of(person),), "pronoun"))
    for match in _IT_AFTER_SAYING.finditer(sentence) if " it " in lowered else ():
        at = start + match.start("it")
        speakers = [slot for slot in named if slot.end <= start + match.start() and slot.agent]
        if speakers and not _inside(at, taken):  # "China said it would …": it is China
            found.append(Slot(at, start + match.end("it"), speakers[-1].parties, "pronoun"))
    firsts = _FIRST_PERSON.finditer(sentence) if ("we" in lowered or "our" in lowered or "us" in lowered) else ()
    for match in firsts:
        at = start + match.start()
        speaker = _speaker(text, start, end, named, here, context, at)
        if speaker is not None and not _inside(at, taken):
            found.append(Slot(at, start + match.end(), (speaker,), "speaker"))
    if "the " in lowered:
        for match in _OFFICE_REFERENCE.finditer(sentence):
            at = start + match.start()
            holder = _office_holder(context, match["office"].lower())
            if holder is not None and not _inside(at, taken):
                found.append(Slot(at, start + match.end(), (party_of(holder),), "office"))
    if context.leader is not None and "the " in lowered:
        for match in _GOVERNMENT.finditer(sentence):
            at = start + match.start()
            if not _inside(at, taken) and not any(slot.start < at for slot in named if slot.agent):
                leader = context.leader
                party = Party(match[0], leader.name, leader.country, ActorKind.COUNTRY)
                found.append(Slot(at, start + match.end(), (party,), "government"))
    if context.group:  # "G7 leaders met … They condemned …": the G7
        group = tuple(party_of(mention) for mention in context.group)
        igos = iter(slot for slot in named if slot.parties[0].kind is ActorKind.IGO)
        igo = next(igos, None)
        for match in _THEY.finditer(sentence):
            at = start + match.start()
            while igo is not None and igo.end <= at:  # "ECOWAS said the bloc …": the organisation named before it
                group, igo = igo.parties, next(igos, None)
            if not _inside(at, taken):
                found.append(Slot(at, start + match.end(), group, "pronoun"))
                taken.append((at, start + match.end()))
    found += _named_before(sentence, lowered, start, context, taken)
    if context.dyad is not None and ("two " in lowered or "both " in lowered or "they" in lowered):
        for match in _JOINT.finditer(sentence):
            at = start + match.start()
            if not _inside(at, taken):
                pair = _joint_people(match[0], context.dyad, people, at) or tuple(
                    Party(match[0], None, code, ActorKind.COUNTRY) for code in context.dyad
                )
                found.append(Slot(at, start + match.end(), pair, "joint"))
    return found


def _named_before(
    sentence: str, lowered: str, start: int, context: Context, taken: list[tuple[int, int]]
) -> list[Slot]:
    """ "the three ministers": the three states listed before; "the world body": the organisation named last."""
    found: list[Slot] = []
    if context.listed and ("three" in lowered or "four" in lowered or "five" in lowered):
        listed = tuple(dict.fromkeys(party_of(mention) for mention in context.listed))
        for match in _NUMBERED.finditer(sentence):
            at = start + match.start()
            if _COUNT[match["count"].lower()] == len({party.country for party in listed}) and not _inside(at, taken):
                found.append(Slot(at, start + match.end(), listed, "joint"))  # "the three ministers": those listed
                taken.append((at, start + match.end()))
    if context.body and ("body" in lowered or "organi" in lowered or "lender" in lowered):
        for match in _BODY.finditer(sentence):
            at = start + match.start()
            if not _inside(at, taken):  # "Egypt asked the international body to intervene": the UN named before
                found.append(Slot(at, start + match.end(), (party_of(context.body[0]),), "reference"))
                taken.append((at, start + match.end()))
    if context.body and any(word in lowered for word in _ORGAN_NAMES):
        found += _organs(sentence, start, context.body[0], taken)
    return found


def _organs(sentence: str, start: int, body: Mention, taken: list[tuple[int, int]]) -> list[Slot]:
    """ "The board urged Islamabad …", "the commission called on …": an organ of the organisation named last, when
    its name fits ("the fund" after the IMF, "the council" after the UN) and it was named lately."""
    found = []
    named = f"{body.name or ''} {body.text}".lower()
    for match in _ORGAN.finditer(sentence):
        at = start + match.start()
        fits = _ORGAN_NAMES[match["organ"].lower()]
        if at - body.end > _ORGAN_REACH or _inside(at, taken) or not (fits is None or any(w in named for w in fits)):
            continue
        found.append(Slot(at, start + match.end(), (party_of(body),), "reference"))
        taken.append((at, start + match.end()))
    return found


_JOINT_ROLES = (
    (re.compile(r"presidents|heads of state"), ("head_of_state",)),
    (re.compile(r"prime ministers|premiers"), ("head_of_government",)),
    (re.compile(r"leaders"), ("head_of_state", "head_of_government")),
    (re.compile(r"foreign ministers|diplomats"), ("foreign_minister",)),
    (re.compile(r"defen[cs]e ministers"), ("defence_minister",)),
    (re.compile(r"ministers"), ("foreign_minister", "defence_minister", "minister")),
)


def _joint_people(words: str, dyad: tuple[str, str], people: list[Mention], at: int) -> tuple[Party, ...]:
    """ "the two diplomats": the latest person of each country named before, when both hold such an office."""
    noun = words.lower().removeprefix("the two ")
    roles = next((roles for pattern, roles in _JOINT_ROLES if pattern.fullmatch(noun)), ())
    found = []
    for code in dyad:
        named = [person for person in people if person.start < at and person.country == code]
        if not named or named[-1].role not in roles:
            return ()
        found.append(replace(party_of(named[-1]), text=words))
    return tuple(found)


def possessive_actor(text: str, start: int, cue_start: int, here: list[Mention], context: Context) -> Slot | None:
    """ "his meeting with …": the person the possessive refers to."""
    match = _POSSESSIVE_BEFORE_CUE.search(text, start, cue_start)
    if match is None or match.end() != cue_start:
        return None
    person = _referent(here, context, match.start())
    return None if person is None else Slot(match.start(), match.end(), (party_of(person),), "pronoun")


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(first <= at < last for first, last in spans)


def _office_holder(context: Context, office: str) -> Mention | None:
    """The person last named who holds an office like the one "the minister" names."""
    wanted = _OFFICE_WORDS.get(office.rsplit(maxsplit=1)[-1], ())
    for person in reversed((*context.earlier_people, *context.speakers)):
        if person.role and (not wanted or person.role in wanted):
            return person
    return None


def _referent(here: list[Mention], context: Context, at: int) -> Mention | None:
    """Who "he" or "his" at ``at`` is: a person named just before in the sentence,
    else the last person who spoke or led a sentence, else the last person named."""
    before = [person for person in here if person.start < at]
    if before:
        return before[-1]
    if context.speakers:
        return context.speakers[-1]
    return context.earlier_people[-1] if context.earlier_people else None


def _speaker(
    text: str, start: int, end: int, named: list[Slot], here: list[Mention], context: Context, at: int
) -> Party | None:
    """Who "we" or "our" stands for: the person the sentence quotes, else the last speaker."""
    quote_end = max(text.rfind("\u201d", start, end), text.rfind('"', start, end))
    if quote_end > at:
        after = [slot for slot in named if slot.start > quote_end and slot.parties[0].kind is ActorKind.PERSON]
        if after:
            return after[0].parties[0]
    person = _referent([], context, at) if quote_end > at else _referent(here, context, at)
    return party_of(person) if person is not None else None
