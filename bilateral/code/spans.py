"""Spans within a sentence: the asides and the fears that tell no act of their own, and sets of spans a cue or a
match is tested against by bisection rather than by a scan."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from typing import Generic, TypeVar

from bilateral.phrases import Match
from bilateral.records import Sentence

T = TypeVar("T")

# "…, who asked not to be named, …": what an aside says is not the sentence's act.
_WHO = r",\s*(?:who|which|whose)\b[^,]*"
_ASIDE = re.compile(
    _WHO + r"(?:,|$)|\bon condition of anonymity\b"
    r"|,\s*(?:all|both|each|themselves)?\s*(?:members?|allies|partners|neighbou?rs) of [^,]*,"
    r"|\s[\u2014\u2013]\s*(?:who|which|whose)\b[^\u2014\u2013]*[\u2014\u2013]"  # "— who …, —": the same aside in dashes
)  # ", all members of NATO and the EU,": an apposition names no party
RELATIVE_CLAUSE = re.compile(_WHO + ",")


def aside_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """The spans of the sentence's asides ("…, who asked not to be named, …"), as article offsets."""
    text = sentence.text
    if "," not in text and "\u2014" not in text and "\u2013" not in text and "anonymity" not in text:
        return []  # every aside starts at a comma or a dash, but "on condition of anonymity"
    return [(sentence.start + match.start(), sentence.start + match.end()) for match in _ASIDE.finditer(text)]


def unasserted_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """The spans of what the sentence only fears, doubts, hopes or supposes ("over concerns that Moscow is planning to
    invade", "speculation that …", "expressed hope that China will support …", "if NATO decides to deploy …"), what
    analysts think, what an agreement provides ("Under the deal, Malaysia will remove tariffs …") and page furniture
    ("Also read: …"), as article offsets: no act in them is told as done."""
    text = sentence.text
    whole = _NOT_TOLD_AT_ALL.match(text)
    if whole is not None:
        return [(sentence.start, sentence.end)]  # a link to another story, or what a deal provides
    lowered = text.lower()
    guessing = any(word in lowered for word in _GUESSERS)  # most sentences quote no analyst: substring tests first
    spans = [
        (sentence.start + match.start(), sentence.end)
        for match in (_ANALYSTS.finditer(text) if guessing else ())
        if not _BODY_BEFORE.search(text, max(0, match.start() - _BODY_REACH), match.start())
    ]  # "Analysts say Ethiopia's push … could draw in Egypt": an opinion, not an act ("UN experts said" is the UN's)
    if " that" not in text and " if " not in text and "unless " not in text and not text.startswith("If "):
        return spans  # most sentences fear and suppose nothing: substring tests, not a pattern
    return spans + [
        (sentence.start + match.start("what"), sentence.start + match.end())
        for pattern in (_UNASSERTED, _HOPED)
        for match in pattern.finditer(sentence.text)
    ]  # the fear itself ("voiced concerns that …") may be an act: only what is feared is not


_NOT_TOLD_AT_ALL = re.compile(
    r"(?:Also read|Read also|Read more|See also|Related|Related stories|Top stories|Trending|Most read|More news|"
    r"Recommended|Analysis|Opinion|Explainer|Watch|Video|Listen|Podcast)\s*:"
    r"|Under\s+(?:the|that|this|its|their)\s+(?:new\s+|proposed\s+)?(?:deal|agreement|accord|pact|package|plan|treaty|"
    r"arrangement|terms|deals|agreements)\b[^,;]*,\s+(?:[\w'’.-]+\s+){1,6}?(?:will|would|shall|is to|are to|can|may|"
    r"must)\b"
    r"|(?:The|That|This)\s+(?:new\s+)?(?:agreement|deal|accord|pact|treaty)\s+(?:lets|allows|requires|obliges|commits|"
    r"provides for|permits|states|stipulates|calls for)\b"
)  # "Also read: Bolivia recalls ambassador …", "Under the deal, …", "The agreement lets the two governments …"
_BODY_BEFORE = re.compile(
    r"(?:\b[A-Z]{2,}\b|\b[A-Z]\.[A-Z]\.|['’]s|\bpanel of|\bUN-appointed|\bcouncil|\bagency|\bcommission)[\w\s-]*$"
)  # "UN experts", "a UN panel of experts", "the agency's experts": a body's, whose findings are its own
_BODY_REACH = 40  # characters before "experts" where the body is named
_GUESSERS = ("analyst", "expert", "observer", "commentator", "scholar", "economist")
_ANALYSTS = re.compile(
    r"\b(?:[Aa]nalysts|[Ee]xperts|[Oo]bservers|[Cc]ommentators|[Ss]cholars|[Ee]conomists)\s+"
    r"(?:say|said|says|believe|believed|expect|expected|warn|warned|predict|predicted|think|suggest|suggested|"
    r"fear|feared|note|noted)\b"
)  # "Analysts say …", "Military experts say …", "some warn it could …": a guess, not an act


_UNASSERTED = re.compile(
    r"(?:\b(?:fears?|concerns?|worries|speculation|rumou?rs?|suspicions?|doubts?)\s+that|\b(?:if|unless))\b"
    r"(?P<what>[^,;.]*)",
    re.IGNORECASE,
)
_HOPED = re.compile(
    r"\b(?:hopes?|hoped|hoping)\s+that\b(?P<what>[^,;.]*?)"
    r"(?=\s+(?:faded|dimmed|vanished|evaporated|waned|grew|rose|after|before|when|while|but|as)\b|[,;.]|$)",
    re.IGNORECASE,
)  # "expressed hope that China will support …"; not past "The hopes that … faded after Washington imposed …"


class Covered:
    """Spans sorted by start, asked whether any overlaps a range: a bisection, not a scan of every span."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [start for start, _ in spans]
        self._reach = list(accumulate((end for _, end in spans), max))  # the furthest end of the first i spans

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # the spans that start before ``end``
        return before > 0 and self._reach[before - 1] > start


class Spans(Generic[T]):
    """Matches over the whole article, looked up by sentence."""

    def __init__(self, matches: list[Match[T]]) -> None:
        self._matches = matches
        self._starts = [match.start for match in matches]

    def within(self, start: int, end: int) -> list[Match[T]]:
        return self._matches[bisect_left(self._starts, start) : bisect_left(self._starts, end)]


_SPORTS = re.compile(
    r"\b(?:match|matches|goals?|coach|squad|striker|midfielder|qualifier|qualifiers|World Cup|tournament|league|"
    r"stadium|kick-off|scored|defeated|beat|crushed|fans)\b"
)
_SPORTS_WORDS = 4  # an article with this many sports words reports a game, not relations


def sports_report(text: str) -> bool:
    """Whether an article reports a game rather than relations (national teams are no parties)."""
    return len(_SPORTS.findall(text)) >= _SPORTS_WORDS
