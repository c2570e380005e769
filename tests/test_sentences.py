import re

import pytest

from bilateral.sentences import _BOUNDARY, split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. and S. Korea met. They talked.", ["The U.S. and S. Korea met.", "They talked."]),
        ('Mr. Kim said "We agree." Then he left.', ['Mr. Kim said "We agree."', "Then he left."]),
        ("Growth was 3.5 percent. Exports rose.", ["Growth was 3.5 percent.", "Exports rose."]),
        (
            "ANKARA, Nov. 24 (KUNA) -- Talks began. Pres. Erdogan spoke.",
            ["ANKARA, Nov. 24 (KUNA) -- Talks began.", "Pres. Erdogan spoke."],
        ),
        ("First line without a stop\nSecond line.", ["First line without a stop", "Second line."]),
        ("Did they sign? Yes! They did.", ["Did they sign?", "Yes!", "They did."]),
        ("  Padded sentence.  ", ["Padded sentence."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    spans = list(split(text))
    assert [text[start:end] for start, end in spans] == expected


# The boundary pattern before runs of end marks were tried from their first mark only.
_QUADRATIC_BOUNDARY = re.compile(r"\n|[.!?]+[\"'”’)\]]*(?=[ \t]+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")


@pytest.mark.parametrize(
    "text",
    ["Stop!!! Now.", "What?! Really?? Yes...  No.", 'He said "no!!" Then left.', "A.B. met C.D.. Then E.",
     "Wait... (Then) x", "End.\nNext!? 'Quoted' line.", "..!! ?? A", "Ha!' ) Ok. [Note]"],
)  # fmt: skip
def test_the_boundary_pattern_finds_what_it_found_before(text: str) -> None:
    assert [match.span() for match in _QUADRATIC_BOUNDARY.finditer(text)] == [
        match.span() for match in _BOUNDARY.finditer(text)
    ]


def test_a_long_run_of_end_marks_is_split_once() -> None:
    text = "France and Germany agreed" + "!" * 200_000 + " Then they left."  # took minutes when quadratic
    assert [text[start:end][-16:] for start, end in split(text)] == ["!" * 16, "Then they left."]
