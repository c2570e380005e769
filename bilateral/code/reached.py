"""The state a one-country act reached, left or is aimed at, read from the towns and words after its cue.

"Russia shelled Kharkiv on Tuesday" reached Ukraine (a town the gazetteer of places knows); "withdrew from Kherson"
left it; "fired a missile toward Japan" is aimed at Japan, "into the sea, South Korea's military said" at no one.
"""

from __future__ import annotations

import re

from bilateral.code import dates
from bilateral.code.slots import party_of
from bilateral.places import place
from bilateral.records import ActorKind, Mention, Party, Sentence

_AIM = re.compile(r"\b(?:toward|towards|against|near|around|border with|into|at|over)\b", re.IGNORECASE)


def aimed_at(text: str, sentence: Sentence, party: Party) -> bool:
    """Whether a one-sided act is aimed at ``party``: "toward", "near", "around" … shortly before its name, in its
    clause ("fired into the sea, South Korea said" is not aimed at South Korea)."""
    at = text.find(party.text, sentence.start, sentence.end) if party.text else -1
    if at == -1:
        return False
    if _FRONTIER_AFTER.match(text, at + len(party.text)):
        return True  # "troops to the Colombian border"
    start = max(sentence.start, at - _AIM_REACH, text.rfind(",", sentence.start, at) + 1)
    return _AIM.search(text, start, at) is not None


_FRONTIER_AFTER = re.compile(r"\s+(?:border|frontier|coast(?!\s+guard)|coastline|waters|airspace)\b", re.IGNORECASE)


_AIM_REACH = 40  # characters: "drills near the border with Ukraine"


def place_reached(
    text: str, cue_end: int, until: int, taken: frozenset[str], mentions: list[Mention], event: str
) -> tuple[Party, ...]:
    """ "struck Odesa", "flew tents to the city of Adana", "withdrew from Kherson": the country of the town an act of
    type ``event`` reached or left, read by that type's patterns (:data:`REACHED`) in turn; none for other types.

    The verb's own object comes first ("shelled Kharkiv on Tuesday" reached Kharkiv, not "Tuesday"); a capitalised
    object that is no town ("attacked Hamas positions in Gaza") leaves the place named after a preposition. A name
    the gazetteer knows keeps its meaning ("in Lebanon" is the country, not Lebanon, Pennsylvania).
    """
    for match in (pattern.match(text, cue_end, until) for pattern in REACHED.get(event, ())):
        if match is None:
            continue
        named = next((mention for mention in mentions if mention.start <= match.start("name") < mention.end), None)
        if named is not None:
            return () if named.country in taken or named.country is None else (party_of(named),)
        name = match["name"]
        if name.split()[0].lower() in _NOT_TOWNS or len(name) < _SHORTEST_TOWN:
            continue  # "in March", "on Monday", "The …"
        found = place(name)
        head, _, kind = name.partition(" ")
        if found is None and kind in _AREA_KINDS:
            found = place(head)  # "the Gaza Strip", "Donetsk Oblast": the place the area is named after
        if found is not None and found.country not in taken:
            return (Party(name, found.name, found.country, ActorKind.COUNTRY),)
    return ()


_NOT_TOWNS = frozenset({*dates.MONTHS, *dates.WEEKDAYS, "the", "police", "army", "navy", "president", "government"})
_SHORTEST_TOWN = 4
_AREA_KINDS = frozenset({"Strip", "Oblast", "Province", "Region", "District", "Governorate", "Valley", "Heights"})
_OBJECT_AFTER = re.compile(r"\s+(?:the\s+)?(?P<name>[A-Z][\w'’-]+)")
_TOWN = (
    r"(?:the\s+(?:[a-z]+\s+){0,2}(?:city|town|port|region|province|village|capital|part|north|south|east|west)\s+"
    r"(?:of\s+)?)?(?:the\s+)?"
)  # "the port city of Odesa", "the east of the Gaza Strip"
_NAME = r"(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
_PLACE_AFTER = re.compile(r"[^.;]{0,50}?\b(?:to|in|on|at|of|near|into|over|targeting)\s+" + _TOWN + _NAME)
_PLACE_LEFT = re.compile(r"(?:[^.;]{0,30}?\b(?:from|out of)|\s+of)\s+" + _TOWN + _NAME)  # "pulled out| of Kherson"
REACHED = {
    "AID": (_OBJECT_AFTER, _PLACE_AFTER),
    "ASSAULT": (_OBJECT_AFTER, _PLACE_AFTER),
    "RETREAT": (_PLACE_LEFT, _OBJECT_AFTER),  # "withdrew troops from Kherson", "pulled out of Kherson"
    "SANCTION": (_PLACE_LEFT,),  # "recalled its ambassador from Tel Aviv"
}
"""Where a one-country act names the town it reached (aid, an attack) or left (a withdrawal, an envoy recalled): the
town's country is its recipient."""
