"""One-country events: a country's own agents acting at home.

An event is an act between countries (DESIGN.md), but a country's police, army,
courts or rebels acting on people at home ("Egyptian police arrested protesters",
"rebels in Mali shelled the town") is what conflict monitors record too, as
GDELT and ICEWS do. Such an act is coded with that country on both sides, and
only when all of these hold:

* the act is one of force, coercion, protest or their easing (``TYPES``): a
  statement, visit or agreement inside one country is domestic politics;
* the actor is a sub-state agent attached to the country named next to it
  ("Iraqi police", "Sudan's government", "rebels in Mali"), or an office
  holder; a bare country name alone ("Turkey will allow …") is not enough;
* the sentence names no other country, so a two-country reading was not
  simply missed.
"""

from __future__ import annotations

import re

from bilateral.records import ActorKind, Mention, Party

TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "RETREAT", "CONCEDE", "SANCTION"})
ARMED_MOVEMENT = (
    "REB"  # the sector of an armed movement (actors/data/organisations.tsv): any act it does at home counts
)
AT_HOME = {"SANCTION": ("COERCE", "172")}  # a ban at home is coercion, not sanctions between states
_STATE = (
    r"government|authorities|regime|junta|police|riot police|security forces|forces|army|military|troops|soldiers|"
    r"troopers|paramilitar(?:y|ies)|army bulldozers|bulldozers|tanks|helicopters|gunships|aircraft|warplanes|jets|"
    r"artillery|navy|air force|courts?|supreme court|constitutional court|tribunal|judges?|prosecutors?|parliament|"
    r"interior ministry|intelligence|border guards?|coast guard|officials|officers|president|prime minister|premier|"
    r"lawmakers|legislators|leaders|diplomats"
)
_NON_STATE = (
    r"rebels?|rebel forces|guerrillas?|guerillas|militants?|militias?|militiamen|insurgents?|separatists?|fighters|"
    r"gunmen|extremists|jihadists|opposition|opposition leaders|protesters|demonstrators|students|workers|strikers|"
    r"settlers|mobs?|rioters|crowds?|villagers|activists"
)
AGENT = re.compile(
    r"(?:'s|’s)?\s+(?:[a-z]+\s+)?(?:" + _STATE + "|" + _NON_STATE + r")\b",
)
_AGENT_IN = re.compile(r"\b(?:" + _STATE + "|" + _NON_STATE + r")\s+(?:in|of|from)\s+(?:the\s+)?$", re.IGNORECASE)
_TARGET = re.compile(
    r"\b(?:(?:opposition|political|anti-government|pro-democracy|islamist|student)\s+)?"
    r"(?:protesters|demonstrators|demonstration|protest|opposition|opponents|dissidents|activists|civilians|"
    r"villagers|residents|refugees|detainees|prisoners|journalists?|newspapers?|students|strikers|workers|rebels?|"
    r"guerrillas?|militants?|insurgents?|fighters|separatists|supporters|candidates|curfew|state of emergency|"
    r"emergency|positions|camps?|strongholds?|bases?|villages?|towns?|city|homes)\b",
    re.IGNORECASE,
)
_BY_OFFICE = frozenset({"ASSAULT", "COERCE", "0831"})  # force, coercion, and stepping down (by event or CAMEO code)


def is_agent(text: str, mention: Mention, sentence_start: int, event: str, code: str) -> bool:
    """Whether the mention names a sub-state agent: "Iraqi police", "Sudan's government", "rebels in Mali".

    An office holder counts only for force, coercion and resigning: a leader who "conceded defeat" is in an
    election.
    """
    if mention.kind is ActorKind.PERSON:
        return (event in _BY_OFFICE or code in _BY_OFFICE) and (mention.office is not None or mention.role is not None)
    if mention.kind is ActorKind.ORGANISATION:
        return mention.sector in ("GOV", "MIL", ARMED_MOVEMENT)
    if mention.kind is not ActorKind.COUNTRY:
        return False
    if event == "PROTEST" and mention.form == "adjective":
        return True  # "Thousands of Iraqi Kurds demonstrated": a country's people acting together
    return bool(AGENT.match(text, mention.end)) or located(text, sentence_start, mention.start)


def phrase(text: str, mention: Mention) -> str:
    """The agent as the text names it: "Sudanese rebels" rather than "Sudanese"."""
    match = AGENT.match(text, mention.end) if mention.kind is ActorKind.COUNTRY else None
    return text[mention.start : match.end()] if match else mention.text


def located(text: str, sentence_start: int, at: int) -> bool:
    """ "police in Peru", "rebels of Mali": an agent noun owned by the place named at ``at``.

    Not when another country word owns the noun: in "Russian troops in Syria" the troops are Russia's.
    """
    match = _AGENT_IN.search(text, max(sentence_start, at - 40), at)
    if match is None or match.end() != at:
        return False
    lead = text[max(sentence_start, match.start() - 30) : match.start()].split()
    return not lead or lead[-1].lower() == "the" or not lead[-1][:1].isupper()


def recipient(text: str, cue_end: int, sentence_end: int, country: str, mentions: list[Mention]) -> Party:
    """Who at home the act falls on: a later mention of the country, else the group the sentence names."""
    later = [mention for mention in mentions if mention.start >= cue_end and mention.country == country]
    if later:
        mention = later[0]
        return Party(mention.text, mention.name, country, mention.kind, mention.sector, mention.office)
    target = _TARGET.search(text, cue_end, sentence_end)
    return Party(target[0] if target else "(at home)", None, country, ActorKind.COUNTRY)
