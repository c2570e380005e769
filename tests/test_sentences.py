import pytest

from bilateral.sentences import split


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
