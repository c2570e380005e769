"""The coder at its edges: the scope each event says, a sentence of hundreds of cues, the calendar's end."""

from __future__ import annotations

import time
from datetime import date

import pytest

from bilateral.actors import Gazetteer
from bilateral.code import code_text

ON = date(2025, 3, 14)


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("France and Germany signed a defence pact on Tuesday.", "international"),
        ("North Korea fired a ballistic missile on Tuesday.", "unilateral"),
        ("Kenyan police opened fire on rioters in Nairobi.", "domestic"),
    ],
)
def test_each_event_says_its_scope(gaz: Gazetteer, text: str, scope: str) -> None:
    assert [event.scope.value for event in code_text(text, gaz, on=ON)] == [scope]


def test_a_sentence_of_hundreds_of_cues_is_coded_once(gaz: Gazetteer) -> None:
    """Choosing among cues looks only at cues close behind each other (it was cubic in the cues of a sentence)."""
    events = code_text("France and Germany agreed to cooperate and " * 400, gaz, on=ON)
    assert [event.event for event in events] == ["AGREE"]


def test_a_month_at_the_calendar_s_end_is_coded(gaz: Gazetteer) -> None:
    """ "in December 9999" overflowed while its month's end was worked out (issue 17)."""
    (event,) = code_text("France and Germany signed a pact in December 9999.", gaz, on=ON)
    assert (event.when.start, event.when.end) == (date(9999, 12, 1), date(9999, 12, 31))


# Long sentences the fuzzer found superlinear (benchmarks/fuzz.py): a cue's condition searched once per cue,
# every later cue's clause link, every mention and every passive or "between" searched from the sentence start.
LONG_SENTENCES = [
    "France and Germany signed a treaty on Monday and ",
    "(Paris) France (and) Germany signed",
    "France was attacked by Germany and ",
    "talks between France and Germany, ",
]


@pytest.mark.parametrize("piece", LONG_SENTENCES)
def test_coding_one_long_sentence_grows_linearly(gaz: Gazetteer, piece: str) -> None:
    """Four times the sentence takes about four times as long (it took sixteen times, and 77 s for 175 KB)."""

    def seconds(repeats: int) -> float:
        began = time.perf_counter()
        code_text(piece * repeats, gaz, on=ON)
        return time.perf_counter() - began

    seconds(50)  # warm
    short, long = min(seconds(250) for _ in range(2)), min(seconds(1_000) for _ in range(2))
    assert long / short < 8, (short, long)
