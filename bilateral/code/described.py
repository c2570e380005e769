"""Parties named by what they are rather than by name, resolved to a state named before: "the North" and "the
South" (the Koreas, once Korea is in the story), "the kingdom", "the island", "the Gulf state", "the emirate",
and "the city-state". ("The country" is left alone: in news it means the state a story is about as often as the
one named last.)

Which states are kingdoms, sultanates, emirates, island states and Gulf monarchies: Wikipedia, "List of current
monarchies" and "List of island countries" (facts, as of 2026).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bilateral.code.slots import Context, Slot
from bilateral.records import ActorKind, Mention, Party


def _codes(words: str) -> frozenset[str]:
    return frozenset(words.split())


_KINGDOMS = _codes("SAU JOR MAR BHR THA KHM BTN LSO SWZ TON")  # those news calls "the kingdom" (not Britain or Spain)
_ISLANDS = _codes(
    "TWN JPN LKA CUB PHL IDN MDV MLT CYP ISL NZL FJI PNG MDG MUS SYC JAM HTI DOM TTO BRB BHS CPV STP COM SLB VUT "
    "WSM KIR TUV NRU PLW MHL FSM TLS BHR SGP BRN GRD LCA VCT DMA ATG KNA"
)
_GULF = _codes("SAU ARE QAT KWT BHR OMN")
_KINDS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"\b[Tt]he North\b(?![- ]+(?:[A-Z]|of\b|and\b|by\b))"), frozenset({"PRK"})),
    (re.compile(r"\b[Tt]he South\b(?![- ]+(?:[A-Z]|of\b|and\b|by\b))"), frozenset({"KOR"})),
    (re.compile(r"(?i:\bthe gulf (?:state|nation|country|monarchy|kingdom|emirate)\b)(?!s|\s+of\b)"), _GULF),
    (
        re.compile(r"(?i:\bthe (?:hashemite |desert |oil-rich |island |nordic )?kingdom\b)(?!s|\s+of\b)"),
        _KINGDOMS,
    ),
    (re.compile(r"(?i:\bthe (?:oil-rich |gas-rich )?emirate\b)(?!s|\s+of\b)"), frozenset({"ARE", "QAT", "KWT"})),
    (re.compile(r"(?i:\bthe sultanate\b)(?!s|\s+of\b)"), frozenset({"OMN", "BRN"})),
    (re.compile(r"(?i:\bthe city-state\b)"), frozenset({"SGP"})),
    (
        re.compile(
            r"(?i:\bthe (?:self-ruled |self-governed |self-governing |democratic |tiny |small )?island"
            r"(?: nation| state| country| republic| democracy)?\b)(?!s|\s+of\b)"
        ),
        _ISLANDS,
    ),
)
_WORDS = ("the north", "the south", "kingdom", "island", "gulf", "emirate", "sultanate", "city-state")
"""A word each description holds, looked for before any pattern runs."""
_POSSESSIVE = re.compile(r"['’]s\b")
_TITLE = 40  # characters: "the kingdom's foreign minister, Prince Faisal bin Farhan": the title before a person
_PEOPLE_AFTER = re.compile(
    r"\s+(?:officials?|government|authorities|leaders?|king|crown prince|emir|foreign minister|ministry|navy|army|"
    r"forces|troops|coast guard|president|prime minister|state media)\b",
    re.IGNORECASE,
)  # "Saudi officials" name the state as an actor; "British jets" name a thing
_RECENT = 600  # characters: a description means a state named within the last few sentences
_FIXED = {"PRK": frozenset({"PRK", "KOR"}), "KOR": frozenset({"PRK"})}
"""The states "the North" and "the South" stand for, and the ones the story must have named first."""


def states(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions that name a state (countries, their people and agencies; not organisations or outlets)."""
    return [m for m in mentions if m.country and m.kind is not ActorKind.IGO and m.sector != "MED"]


def described(text: str, start: int, end: int, here: Sequence[Mention], context: Context) -> list[Slot]:
    """The slots of the sentence ``text[start:end]`` that describe a state named before, or a fixed group of states
    ("the Baltic states"); ``here``: the sentence's own mentions of states."""
    sentence = text[start:end]
    lowered = sentence.lower()
    groups = _groups(sentence, start) if any(word in lowered for word in _GROUP_WORDS) else []
    if not any(word in lowered for word in _WORDS):
        return groups  # most sentences describe no state: no pattern to run
    matches = sorted(
        ((match, allowed) for pattern, allowed in _KINDS for match in pattern.finditer(sentence)),
        key=lambda found: (found[0].start(), -found[0].end()),
    )
    found: list[Slot] = []
    for match, allowed in matches:
        at = start + match.start()
        if found and at < found[-1].end:
            continue  # "the island kingdom": one description, the longest
        if any(mention.start <= at < mention.end for mention in here) or _person_after(text, start + match.end(), here):
            continue  # "the North Korean leader": a name; "the kingdom's Crown Prince Mohammed": the prince
        code = _referent(text, allowed, [m for m in here if m.end <= at], context, at)
        if code is not None:
            party = Party(match[0], None, code, ActorKind.COUNTRY)
            found.append(Slot(at, start + match.end(), (party,), "described"))
    return sorted(found + groups, key=lambda slot: slot.start)  # "the island and the Baltic states": both


def _groups(sentence: str, start: int) -> list[Slot]:
    """ "the Baltic states", "the Nordic countries": each member state a party of one slot."""
    return [
        Slot(
            start + match.start(),
            start + match.end(),
            tuple(Party(match[0], None, code, ActorKind.COUNTRY) for code in sorted(members)),
            "described",
        )
        for pattern, members in _GROUPS
        for match in pattern.finditer(sentence)
    ]


_GROUPS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"(?i:\bthe (?:three )?baltic (?:states|countries|nations|republics)\b)"), _codes("EST LVA LTU")),
    (re.compile(r"(?i:\bthe (?:five )?nordic (?:states|countries|nations)\b)"), _codes("DNK FIN ISL NOR SWE")),
    (re.compile(r"(?i:\bthe benelux (?:states|countries|nations)\b)"), _codes("BEL NLD LUX")),
    (
        re.compile(r"(?i:\bthe (?:five )?central asian (?:states|countries|nations|republics)\b)"),
        _codes("KAZ KGZ TJK TKM UZB"),
    ),
)
"""Groups of states news names as a group, with their members (Wikipedia, "Baltic states", "Nordic countries",
"Benelux", "Central Asia": facts, as of 2026)."""
_GROUP_WORDS = ("baltic", "nordic", "benelux", "central asian")


def _person_after(text: str, at: int, here: Sequence[Mention]) -> bool:
    """Whether a possessive at ``at`` is followed closely by a person, who then stands for the state."""
    if not _POSSESSIVE.match(text, at):
        return False
    return any(m.kind is ActorKind.PERSON and 0 <= m.start - at <= _TITLE for m in here)


def _referent(text: str, allowed: frozenset[str], before: list[Mention], context: Context, at: int) -> str | None:
    """The state a description at ``at`` stands for: the one state of the kind it describes named as an actor so
    far, named lately; none where two of the kind were named ("Saudi Arabia and Bahrain … the kingdom") or where a
    thing of another state was ("British jets"), for the story does not say which."""
    mentions = (*context.states, *before)
    for code, needs in _FIXED.items():
        if allowed == {code}:
            return code if needs.intersection(mention.country for mention in mentions) else None
    actors = [m for m in mentions if m.form != "adjective" or _PEOPLE_AFTER.match(text, m.end)]
    kind = {mention.country for mention in actors if mention.country in allowed}
    if len(kind) != 1:
        return None
    code = kind.pop()
    latest = max(mention.end for mention in actors if mention.country == code)
    return code if at - latest <= _RECENT else None
