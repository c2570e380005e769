"""The gazetteer's look-up: whole words, the right case, and what is not a country."""

from __future__ import annotations

import pytest

from bilateral.actors import Gazetteer


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("The US sent aid to Egypt.", ["USA", "EGY"]),
        ("Egypt received US$2 billion from Saudi Arabia.", ["EGY", "SAU"]),  # a currency, not a country
        ("A loan of HK$5 million went to Oman, not to a woman.", ["OMN"]),
        ("Lithuania expelled the russian envoy.", ["LTU", "RUS"]),  # as several Ukrainian outlets write it
    ],
)
def test_countries_found(gaz: Gazetteer, text: str, countries: list[str]) -> None:
    assert [gaz.entry(hit).country for hit in gaz.find(text)] == countries
