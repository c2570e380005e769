"""Whether an act a sentence tells is history told in passing, not news of the article (eval/dev/GUIDE.md §1):
an old year near it ("first signed in 2004"), unless the sentence dates the act in the article's own time, or
settled past told with no time ("Scholz had promised to …", "recalled that Türkiye sent troops …").
"""

from __future__ import annotations

import re
from datetime import date

from bilateral.code import dates
from bilateral.records import ActorReading, EventDate, Precision, Sentence

_PLUPERFECT = re.compile(r"\bhad\s+(?:already\s+|earlier\s+|long\s+|\w+ly\s+)?(?:been\s+)?$", re.IGNORECASE)
_NO_TIME_GIVEN = frozenset({"publication date", "office-holder window", "undated"})  # "had promised", no time: history
_BACKGROUND_REACH = 90  # characters after a cue in which an old year makes the act history


def is_history(reading: ActorReading, sentence: Sentence, cue_start: int, cue_end: int, when: EventDate) -> bool:
    """Whether the act at ``cue_start``-``cue_end`` (in the sentence) is history: an old year near it, unless the
    sentence dates the act in the article's time, or settled past told with no time."""
    if _LAST_TIME.search(sentence.text, max(0, cue_start - 6), cue_start):
        return True  # "the two diplomats last met in April": the time before, not the news
    first = _clause_start(sentence.text, cue_start)
    around = sentence.text[first : cue_end + _BACKGROUND_REACH]
    published = reading.article.published
    years = dates.old_years(around, published, reading.window)
    if _dated_recently(when, published):  # "talks on Monday, the first since 2019": that year dates another thing
        years = [year for year in years if not _dates_another(around, cue_end - first, year)]
    if years:
        return True
    clause = _own_clause(sentence.text, first, cue_end)
    if (_THEN_IN_OFFICE.search(clause) or _AT_THE_TIME.search(clause)) and not _dated_recently(when, published):
        return True  # "under then prime minister Scott Morrison, called for …", "rejected the nominee at the time"
    habitual = when.method in _NO_TIME_GIVEN and bool(_HABITUAL.search(clause)) and not _LATELY.search(clause)
    return habitual or _told_as_history(sentence.text[:cue_start], when)


def _own_clause(text: str, first: int, cue_end: int) -> str:
    """The act's clause up to a little past its cue, cut where another clause starts ("…, which Kyiv has repeatedly
    requested" is not the act's habit)."""
    after = text[cue_end : cue_end + _BACKGROUND_REACH]
    cut = _ANOTHER_CLAUSE_AFTER.search(after)
    return text[first:cue_end] + (after[: cut.start()] if cut else after)


_ANOTHER_CLAUSE_AFTER = re.compile(r"[,;]|\b(?:which|who|that|when|after|before|while|as)\b")
_LATELY = re.compile(
    r"\b(?:(?:past|last|previous) (?:\w+ )?(?:days?|week|weekend|24 hours|48 hours)|this week|overnight)\b",
    re.IGNORECASE,
)  # "struck Kharkiv repeatedly over the past week": recent acts, news
_HABITUAL = re.compile(
    r"\b(?:(?:has|have|had) (?:repeatedly|often)|several times|many times|numerous times|"
    r"over the (?:past|last) (?:\w+ )?(?:years|decades))\b",
    re.IGNORECASE,
)  # "has repeatedly denied", "have expelled dozens of diplomats over the past two years": a habit, not one act (a habit
# told right before the verb, "regularly visits", is a stance: coder._HABITUAL drops it)


_LAST_TIME = re.compile(r"\blast\s+$", re.IGNORECASE)
_AT_THE_TIME = re.compile(r"\bat the time\b(?!\s+of\b)", re.IGNORECASE)
"""The writer looks back: "Chavez rejected the US nominee at the time" (not "at the time of writing")."""
_THEN_IN_OFFICE = re.compile(
    r"\bthen[- ](?:(?-i:[A-Z])[\w.]*[- ]){0,2}(?:(?:foreign|defen[cs]e|trade|finance|interior|vice|deputy|prime)[- ])?"
    r"(?:president|prime minister|premier|chancellor|minister|secretary of state|secretary|leader|king|emir|"
    r"ambassador|envoy|secretary-general)\b",
    re.IGNORECASE,
)  # "under then prime minister Scott Morrison", "by then-U.S. President Donald Trump": the act is history


def _dates_another(text: str, cue_end: int, year: re.Match[str]) -> bool:
    """Whether an old year after the act dates something else: "since 2019", or past a clause break or another verb
    ("…, lifting a ban it imposed in 2023"); not "invaded Ukraine in 2014"."""
    if year.start() < cue_end:
        return False
    return year[0].lower().startswith("since") or bool(_ANOTHER_CLAUSE.search(text, cue_end, year.start()))


_ANOTHER_CLAUSE = re.compile(r",|\b(?:that|which|who|it|they|when|after|before|[a-z]+ed)\b")  # "Tokyo imposed in 2019"


def _dated_recently(when: EventDate, published: date | None) -> bool:
    """Whether the sentence gives the act a day, week or month of the article's time ("talks on Monday, the first
    since 2019"): an older year near it then dates something else, not the act."""
    if when.method in _NO_TIME_GIVEN or when.start is None or published is None:
        return False
    return when.precision in _RECENT_PRECISIONS and abs((published - when.start).days) <= _RECENT_DAYS


_RECENT_PRECISIONS = frozenset({Precision.DAY, Precision.WEEK, Precision.MONTH})
_RECENT_DAYS = 366


def _told_as_history(before: str, when: EventDate) -> bool:
    """ "Scholz had promised to …" with no time: settled past, not news (eval/dev/GUIDE.md §1).

    Not in reported speech, where "had" is only the tense of "said": "she said she had spoken with …".
    """
    if when.method not in _NO_TIME_GIVEN:
        return False
    recalled = _RECALLED.search(before)
    if recalled is not None and not _NEW_CLAUSE.search(before, recalled.end()):
        return True  # "both leaders recalled that Türkiye sent troops to defend South Korea": remembered history
    return bool(_PLUPERFECT.search(before)) and not _REPORTING.search(before)


def _clause_start(text: str, before: int) -> int:
    """Where the clause of the word at ``before`` starts: "… in 1999, and said Japan signed …" starts at "said"."""
    breaks = [match.end() for match in _NEW_CLAUSE.finditer(text, 0, before)]
    return breaks[-1] if breaks else 0


_RECALLED = re.compile(r"\b(?:recall(?:ed|s|ing)?|remember(?:ed|s|ing)?)\s+(?:that|how)\b", re.IGNORECASE)
_NEW_CLAUSE = re.compile(r",\s*(?:and|but|while)\b|;|\b(?:said|says|added|told)\b", re.IGNORECASE)


_REPORTING = re.compile(r"\b(?:said|says|told|added|announced|stated|confirmed|noted)\b", re.IGNORECASE)
