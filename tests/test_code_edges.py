"""The coder at its edges: the scope each event says, a sentence of hundreds of cues, the calendar's end."""

from __future__ import annotations

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
