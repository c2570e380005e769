"""Sentence splitting with character offsets into the repaired text.

A boundary is a ``.``, ``!`` or ``?`` (with any closing quotes or brackets)
followed by space and a capital, digit or opening quote, unless the word
before it is a known abbreviation or a single capital (``S. Korea``). Line
breaks always end a sentence: every line of a repaired article is a paragraph.
"""

from __future__ import annotations

import re

from bilateral.records import Article, Field, Sentence

# A run of end marks is tried from its first mark only (the look-behind): tried from every
# mark, "!" * 20,000 took 20 s, quadratic in the run.
_BOUNDARY = re.compile(r"\n|(?<![.!?])[.!?]+[\"'”’)\]]*(?=[ \t]+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "rep",
        "sen",
        "gov",
        "pres",
        "amb",
        "sec",
        "min",
        "dept",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "gov't",
        "est",
        "approx",
        "fig",
        "al",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)


def split(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each sentence in ``text``, without surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match[0] != "\n" and _is_abbreviation(text, match.start()):
            continue
        _add_trimmed(spans, text, start, match.end())
        start = match.end()
    _add_trimmed(spans, text, start, len(text))
    return spans


def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(stripped)))


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".'"):
        start -= 1
    token = text[start:dot].lower().strip("'")
    if not token:
        return False
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or "." in token


def sentences(article: Article) -> tuple[Sentence, ...]:
    """The sentences of an article's title and text."""
    found = [Sentence(Field.TITLE, start, end, article.title[start:end]) for start, end in split(article.title)]
    found += [Sentence(Field.TEXT, start, end, article.text[start:end]) for start, end in split(article.text)]
    return tuple(found)
