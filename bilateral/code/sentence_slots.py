"""Which stretches of a sentence name a party: its *slots*.

A slot is an actor mention (adjacent mentions of one country merge: "Turkish President Recep Tayyip Erdogan"), a
pronoun resolved to the last person named ("he"), a reference to the article's two countries ("the two
presidents"), or a state described rather than named ("the kingdom"). :mod:`bilateral.code.roles` gives them
their roles for each cue.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bilateral.code import bodies
from bilateral.code.described import described, states
from bilateral.code.domestic import located
from bilateral.code.references import references
from bilateral.code.slots import Context, Slot, party_of
from bilateral.records import ActorKind, Mention

_KIND_RANK = {ActorKind.PERSON: 0, ActorKind.ORGANISATION: 1, ActorKind.IGO: 2, ActorKind.COUNTRY: 3}
_TITLE_WORDS = (
    r"(?:[A-Z][\w.&'-]*|president|vice|prime|minister|ministers|foreign|defen[cs]e|secretary|general|chief|head|"
    r"of|for|the|ambassador|envoy|spokes(?:person|man|woman)|officials?|leader|chancellor|premier|deputy|state|"
    r"affairs|national|company|corporation|firm|group|agency|ministry|administration|acquisition|program|programme|"
    r"petrochemical|carmaker|automaker|giant|executives?|delegation|counterpart)"
)
_SAME_PARTY_GAP = re.compile(r"^(?:'s|’s)?\s*,?\s*(?:" + _TITLE_WORDS + r"\s+){0,5}$")
_LOCATION_BEFORE = re.compile(r"\bin\s+(?:the\s+)?(?:capital\s*,?\s*|city of\s+)?$", re.IGNORECASE)
AGENT_AFTER = re.compile(
    r"\s+(?:(?:junior|senior|top|deputy|acting|former|new|suicide|nationalist|separatist|rebel|opposition|riot|"
    r"security|special|border|state|federal|interim|military|naval|foreign|tank|artillery|air|drone|missile|rocket|"
    r"mortar|maritime|paramilitary)\s+)?"
    r"(?:government|governments|officials?|authorities|president|presidency|prime minister|premier|chancellor|king|"
    r"leaders?|ministers?|ministry|foreign|defen[cs]e|counterparts?|delegations?|diplomats?|ambassadors?|envoys?|embassy|"
    r"side|military|army|navy|air force|forces|troops|soldiers|coast guard|police|warships?|jets?|drones?|missiles?|"
    r"aircraft|vessels?|ships?|spokes(?:man|woman|person)|state media|companies|company|firms?|investors?|"
    r"negotiators?|lawmakers|parliament|court|regulators?|central bank|intelligence|security|navy|administration|"
    r"officers?|guards?|border guards?|state|delegates|acting|farmers|protesters|demonstrators|activists|"
    r"students|workers|rebels?|rebel forces|guerrillas?|guerillas|militants?|militias?|militiamen|insurgents?|"
    r"separatists?|fighters|gunmen|settlers|helicopters|gunships|tanks|bulldozers|paramilitar(?:y|ies)|riot police|"
    r"armed groups?|"
    r"high commissioner|navies|coastguard|fighter jets|warplanes|air strikes?|airstrikes?|strikes|shelling|"
    r"artillery|rockets?|shells|bombers|peacekeepers|peacekeeping troops|fire|gunfire|bombardment|barrage|raids?|"
    r"air raids?)\b",
    re.IGNORECASE,
)
_PEOPLE = re.compile(r"^[A-Z][a-z]+(?<!s)s$")  # "Palestinians blamed …": a people, not a modifier
_STANCE_BEFORE = re.compile(r"\b(?:anti|pro)-$", re.IGNORECASE)
_BACKED_AFTER = re.compile(r"-(?:backed|allied|aligned|friendly|sponsored|funded|trained|supported)\b", re.IGNORECASE)
_PLACE_ENDINGS = ("in ", "capital ", "capital, ", "city of ")
_COUNTERPART_AFTER = re.compile(r"\s+counterparts?\b", re.IGNORECASE)


def slots(text: str, start: int, end: int, mentions: list[Mention], context: Context) -> list[Slot]:
    """The slots of the sentence ``text[start:end]`` (offsets into the article text)."""
    found: list[Slot] = []
    people = list(context.earlier_people)
    for index, mention in enumerate(mentions):
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        titled = (
            following is not None
            and following.kind is ActorKind.PERSON
            and bodies.title_between(text, mention.end, following.start)
        )
        if (
            mention.sector == "MED"
            or mention.country is None
            or (mention.kind is ActorKind.IGO and not titled and bodies.not_the_body(text, start, mention))
            or _STANCE_BEFORE.search(text, max(0, mention.start - 6), mention.start)
            or _BACKED_AFTER.match(text, mention.end)
        ):
            continue  # sources; "the former UN chief" is a person; "anti-Syria", "Iran-backed" are stances
        if found and found[-1].mention is not None and bodies.igo_title(text, found[-1], mention):
            previous = found[-1]  # "NATO Secretary General Jens Stoltenberg" speaks for NATO
            holder = replace(party_of(mention), country=previous.parties[0].country)
            found[-1] = Slot(previous.start, mention.end, (holder,), previous.via, mention)
        elif found and found[-1].mention is not None and _same_party(text, found[-1], mention):
            previous = found[-1]
            best = mention if _KIND_RANK[mention.kind] < _KIND_RANK[previous.parties[0].kind] else previous.mention
            assert best is not None
            found[-1] = Slot(previous.start, mention.end, (party_of(best),), previous.via, best)  # a name: an agent
        else:
            via = "counterpart" if _COUNTERPART_AFTER.match(text, mention.end) else "name"
            place = mention.form != "adjective" and is_place(text, mention.start)  # "in Seoul", not "in Israeli fire"
            agent = (not place or located(text, start, mention.start)) and (
                mention.form != "adjective"
                or bool(AGENT_AFTER.match(text, mention.end))
                or bool(_PEOPLE.match(mention.text))
            )
            found.append(Slot(mention.start, mention.end, (party_of(mention),), via, mention, agent))
        if mention.kind is ActorKind.PERSON:
            people.append(mention)
    found += references(text, start, end, found, people, context)
    taken = [(slot.start, slot.end) for slot in found]
    found += [
        replace(slot, agent=not is_place(text, slot.start))  # "in the kingdom": a place
        for slot in described(text, start, end, states(mentions), context)
        if not any(first <= slot.start < last for first, last in taken)
    ]
    return sorted(found, key=lambda slot: slot.start)


def _same_party(text: str, previous: Slot, mention: Mention) -> bool:
    gap = text[previous.end : mention.start]
    return mention.country in previous.countries and bool(_SAME_PARTY_GAP.match(gap)) and " and " not in gap


def is_place(text: str, at: int) -> bool:
    """Whether the name at ``at`` follows "in": a place, not a party ("met in Seoul")."""
    before = text[max(0, at - 24) : at].lower()
    if not before.endswith(_PLACE_ENDINGS):
        return False
    match = _LOCATION_BEFORE.search(before)
    return match is not None and match.end() == len(before)
