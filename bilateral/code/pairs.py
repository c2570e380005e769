"""Two or more states joined by hyphens before a joint act's noun: "India-Pakistan talks", "a Japan-South Korea
summit", "US-Russia-Ukraine talks", "Sino-Pakistani drills" (the combining forms are read in
:mod:`bilateral.actors.recognise`)."""

from __future__ import annotations

import re
from bisect import bisect_left

from bilateral.code.lexicon import CueSpec
from bilateral.code.slots import Slot
from bilateral.records import Mention

_PAIRABLE = frozenset({"symmetric", "paired"})
_HYPHENS = frozenset({"-", "\u2013"})
_MODIFIERS = re.compile(r"\s+(?:(?!\w+(?:ed|s)\s)[\w-]+\s+){0,2}")  # "trade", "naval", "joint": no verb, no plural
_SPORT = re.compile(
    r"\b(?:fans|stadium|world cup|cricket|football|soccer|tournament|semi-?finals?|quarter-?finals?|innings|"
    r"wickets?)\b",
    re.IGNORECASE,
)
_NOT_HELD_BEFORE = re.compile(
    r"\b(?:no|hopes? (?:for|of)|planned|proposed|possible|potential|future|stalled|frozen|resumption of|revive|"
    r"revival of|calls? for|called for|push(?:ed|es)? for|prospects? (?:of|for))\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_NOT_HELD_AFTER = re.compile(
    r"[^.;]{0,60}?\b(?:was|were|has been|have been|had been|remains?|remained|is|are)\s+(?:\w+\s+)?"
    r"(?:frozen|suspended|cancell?ed|called off|postponed|stalled|shelved|on hold|put on hold|deadlocked)\b",
    re.IGNORECASE,
)


def hyphened(text: str, spec: CueSpec, before: list[Slot], cue_start: int) -> list[Slot]:
    """ "India-Pakistan talks", "the US-China trade truce", "US-Russia-Ukraine talks": the states joined by hyphens
    right before a joint act's noun (or an agreement)."""
    if len(before) < 2 or not (spec.shape in _PAIRABLE or spec.event == "AGREE"):
        return []
    if not _joined(text, before[-2].end, before[-1].start, before[-1].end, cue_start):
        return []
    chain = before[-2:]
    for slot in reversed(before[:-2]):
        if text[slot.end : chain[0].start] not in _HYPHENS:
            break
        chain.insert(0, slot)
    countries = [slot.countries for slot in chain]
    if not all(countries) or len(frozenset().union(*countries)) < len(chain):
        return []
    return chain


def held(text: str, start: int, end: int, chain: list[Slot], cue_end: int) -> bool:
    """The joint act of states joined by hyphens, where it was held: not "hopes for India-Pakistan talks", "the
    India-Pakistan dialogue was frozen", nor a match between national teams."""
    if not chain or _SPORT.search(text, start, end):
        return False
    if _NOT_HELD_BEFORE.search(text, max(start, chain[0].start - 40), chain[0].start):
        return False
    return not _NOT_HELD_AFTER.match(text, cue_end, end)


def pair_before(text: str, mentions: list[Mention], cue_start: int) -> bool:
    """Whether two mentions joined by a hyphen lead the noun at ``cue_start`` (what a "paired" cue needs)."""
    at = bisect_left([mention.end for mention in mentions], cue_start + 1)
    return at >= 2 and _joined(text, mentions[at - 2].end, mentions[at - 1].start, mentions[at - 1].end, cue_start)


def _joined(text: str, first_end: int, second_start: int, second_end: int, cue_start: int) -> bool:
    return text[first_end:second_start] in _HYPHENS and bool(_MODIFIERS.fullmatch(text, second_end, cue_start))
