"""Sentence splitting with character offsets into the repaired text.

A boundary is a ``.``, ``!`` or ``?`` (with any closing quotes or brackets)
followed by space and a capital, digit or opening quote, unless the word
before it is a known abbreviation or a single capital (``S. Korea``). Line
breaks always end a sentence: every line of a repaired article is a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bilateral.records import Article, Field, Sentence

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm sgt rep sen gov pres amb sec min dept
    st jr sr no nos vs etc inc ltd co corp gov't est approx fig al
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u u.s.a e.g i.e a.m p.m""".split()
)
_LAST_WORD = re.compile(r"([\w.']+)$")


def split(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each sentence in ``text``."""
    line_start = 0
    for line in text.split("\n"):
        yield from _split_line(line, line_start)
        line_start += len(line) + 1


def _split_line(line: str, offset: int) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _BOUNDARY.finditer(line):
        if _is_abbreviation(line, match.start()):
            continue
        yield from _trimmed(line, start, match.end(), offset)
        start = match.end()
    yield from _trimmed(line, start, len(line), offset)


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    word = _LAST_WORD.search(line, 0, dot)
    if word is None:
        return False
    token = word[1].lower().strip("'")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or "." in token


def _trimmed(line: str, start: int, end: int, offset: int) -> Iterator[tuple[int, int]]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if start < end:
        yield offset + start, offset + end


def sentences(article: Article) -> tuple[Sentence, ...]:
    """The sentences of an article's title and text."""
    found = [Sentence(Field.TITLE, start, end, article.title[start:end]) for start, end in split(article.title)]
    found += [Sentence(Field.TEXT, start, end, article.text[start:end]) for start, end in split(article.text)]
    return tuple(found)
