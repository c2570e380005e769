"""What one sentence says about all the acts it tells: their date and their contexts."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bilateral.code import dates
from bilateral.code.spans import RELATIVE_CLAUSE, Spans
from bilateral.phrases import Match
from bilateral.records import ActorReading, EventDate, Mention, Sentence

DATELINE = re.compile(r"^[A-Z][A-Z .'/-]+,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*(?:\([^)]*\))?\s*[-–—]+\s*")
"""A wire dateline ("BERLIN, Sept 14 -"): the day and place of the report, not of the act."""
_PLACE_DATELINE = re.compile(r"[A-Z][A-Z .'/-]{2,}(?:,\s*[^-–—:]{0,30}?)?\s*(?:\([^)]*\))?\s*(?:[-–—]+|:)\s+")


def dateline_end(sentence: Sentence, inside: Sequence[Mention]) -> int:
    """Where a dateline opening the sentence ends, dated or not ("BERLIN, Sept 14 -", "JAKARTA -", "BRUSSELS (AP) —",
    "BEIRUT:"), as an offset into the sentence; 0 where there is none. A head in capitals that names a party other than
    a city ("NATO – the alliance – condemned", "RUSSIA EXPELS ESTONIAN AMBASSADOR - MINISTRY") is a subject or a
    title, not a dateline."""
    dated = DATELINE.match(sentence.text)
    if dated is not None:
        return dated.end()
    head = _PLACE_DATELINE.match(sentence.text) if sentence.text[1:2].isupper() else None
    if head is None:
        return 0
    place = sentence.start + len(head[0].split(",")[0])  # "SANDAKAN, Malaysia —": the city's country may follow
    named = [mention for mention in inside if mention.start < place]
    return head.end() if all(mention.form == "capital" for mention in named) else 0


class Facts:
    """What one sentence says about all its events: topics and date, each found when an event first asks."""

    __slots__ = ("_reading", "_sentence", "_spans", "_topics", "_when")

    def __init__(self, spans: Callable[[], Spans[tuple[str, ...]]], sentence: Sentence, reading: ActorReading) -> None:
        self._spans = spans  # the article's context words
        self._sentence = sentence
        self._reading = reading
        self._topics: tuple[str, ...] | None = None
        self._when: EventDate | None = None

    @property
    def topics(self) -> tuple[str, ...]:
        if self._topics is None:
            self._topics = contexts(self._spans().within(self._sentence.start, self._sentence.end))
        return self._topics

    @property
    def when(self) -> EventDate:
        if self._when is None:
            article = self._reading.article
            self._when = dates.resolve(main_clause(self._sentence.text), article.published, self._reading.window)
        return self._when


def main_clause(text: str) -> str:
    """The sentence without its dateline and relative clauses ("Lee, who took office in June, is …").

    A dateline ("BERLIN, Sept 14 -") gives the day of the report, not of the act.
    """
    return RELATIVE_CLAUSE.sub(",", DATELINE.sub("", text))


def contexts(matches: list[Match[tuple[str, ...]]]) -> tuple[str, ...]:
    """The contexts the words of a sentence point to, in order of first mention."""
    return tuple(dict.fromkeys(label for match in matches for label in match.value))
