"""Folding for matching: lower case, no diacritics, hyphens as spaces.

Every character maps to exactly one character, so offsets found in folded
text are offsets into the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_SPECIAL = {
    "ı": "i",
    "İ": "i",
    "ł": "l",
    "Ł": "l",
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ß": "s",
    "æ": "a",
    "Æ": "a",
    "œ": "o",
    "Œ": "o",
    "-": " ",
    "‐": " ",
    "‑": " ",
    "–": " ",
    "’": "'",
    "‘": "'",
    "`": "'",
    "´": "'",
}


def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


@cache
def _fold_cached(char: str) -> str:
    return _fold_char(char)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(match: re.Match[str]) -> str:
    return _fold_cached(match[0])


def fold(text: str) -> str:
    """Fold text for matching; ``len(fold(text)) == len(text)``."""
    # str.lower keeps length for every character but İ, which _SPECIAL folds.
    lowered = text.replace("İ", "i").lower().replace("-", " ").replace("`", "'")
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(_fold_match, lowered)
