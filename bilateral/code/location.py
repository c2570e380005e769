"""Where an act happened: "in Ankara", "in the capital Seoul", a dateline, with coordinates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilateral.code.dates import MONTHS, WEEKDAYS
from bilateral.places import place
from bilateral.records import ActorKind, Mention

_IN_PLACE = re.compile(
    r"\bin (?:the (?:capital|city|port|town|region|province)(?: of)?,?\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,2})"
)
_NOT_PLACES = frozenset(name.title() for name in (*MONTHS, *WEEKDAYS))


@dataclass(frozen=True, slots=True)
class Where:
    name: str | None
    country: str | None
    latitude: float | None = None
    longitude: float | None = None


def where(text: str, start: int, end: int, cue_end: int, mentions: list[Mention], *, near: int) -> Where | None:
    """The place the sentence ``text[start:end]`` puts its act in, preferring one just after the cue."""
    found = [
        match
        for match in _IN_PLACE.finditer(text, start, end)
        if match["name"].rstrip(".").split()[0] not in _NOT_PLACES
    ]
    after = [match for match in found if cue_end <= match.start() <= cue_end + near]
    before = [match for match in found if match.start() < cue_end]
    candidates = after or before[-1:]
    if not candidates:
        return None
    chosen = candidates[0]
    at = chosen.start("name")
    name = chosen["name"].rstrip(".'’")
    named = next((m for m in mentions if m.start == at and m.kind is ActorKind.COUNTRY), None)
    if named is not None and named.form == "name":
        return Where(named.text, named.country)
    if named is None and any(m.start <= at < m.end for m in mentions):
        return None  # "in Hyundai's plant": an actor, not a place
    city = place(name, country=named.country if named else None)
    if city is None:
        return Where(name, named.country) if named else None
    return Where(city.name, city.country, city.latitude, city.longitude)


def dateline(mentions: list[Mention]) -> Where | None:
    """An upper-case capital opening the article ("ANKARA, Nov 24 -") is where it was filed."""
    first = next((mention for mention in mentions if mention.sector != "MED"), None)  # past "(KUNA)" credits
    if first is None or first.form != "capital" or not first.text.isupper():
        return None
    city = place(first.text.title(), country=first.country)
    if city is None:
        return Where(first.text.title(), first.country)
    return Where(city.name, city.country, city.latitude, city.longitude)
