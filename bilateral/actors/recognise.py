"""Actor mentions in an article, with offices resolved by date.

Offices are read against the publication date, or, for an undated article,
against the window in which every office holder it names held office
together (:func:`infer_window`). A country word right before an office noun
names that country's holder ("the Turkish foreign minister"); a name right
after one is that holder ("Prime Minister Kim Boo-kyum"). A surname alone
("Lee") counts only after the full name appeared in the same article. An official the
people files do not hold counts when a country word and a title name them
(:mod:`bilateral.actors.officials`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from bilateral.actors.data import Entry, OfficeNoun
from bilateral.actors.fold import fold
from bilateral.actors.gazetteer import Gazetteer, Hit
from bilateral.actors.officials import officials
from bilateral.records import ActorKind, ActorReading, Article, DateWindow, Field, Mention, Tenure
from bilateral.sentences import sentences

Period = tuple[date, date]
_COUNTERPART = re.compile(r"\s+(counterparts?)\b")
_GLUE = frozenset({" ", "'s ", "’s "})


def recognise(article: Article, gazetteer: Gazetteer, *, on: date | None = None) -> ActorReading:
    """Find the actors of ``article``; ``on`` overrides its publication date."""
    texts = {Field.TITLE: article.title, Field.TEXT: article.text}
    hits = {field: gazetteer.find(text) for field, text in texts.items()}
    named = {
        entry.key: entry
        for found in hits.values()
        for hit in found
        if hit.target.kind is ActorKind.PERSON
        for entry in (gazetteer.entry(hit),)
    }
    surnames = {
        field: _surname_hits(texts[field], hits[field], named.values(), anywhere=field is Field.TITLE)
        for field in texts
    }
    day = on or article.published
    window = None if day else infer_window(named.values(), titles=_titles(texts, hits, gazetteer))
    period: Period | None = (day, day) if day else (window.start, window.end or date.max) if window else None
    mentions: list[Mention] = []
    for field, text in texts.items():
        found = [*_mentions(_Scope(field, text, hits[field], gazetteer, period), surnames[field])]
        found = sorted(officials(field, text, hits[field], gazetteer, found), key=_start)
        found = sorted(found + _combined(field, text, found, gazetteer), key=_start)
        mentions += sorted(found + _counterparts(text, found, gazetteer, period), key=_start)
    return ActorReading(article, tuple(mentions), window, sentences(article))


_COMBINING = {"sino": "CHN", "indo": "IND", "franco": "FRA", "anglo": "GBR", "russo": "RUS", "pak": "PAK",
              "turco": "TUR", "italo": "ITA", "nippo": "JPN"}  # fmt: skip
"""Combining forms of English for a country, used only joined to another country's name ("Sino-Russian", "Indo-US",
"Pak-Afghan"): Merriam-Webster's entries for the forms, and South Asian usage for "Pak"."""
_COMBINED = re.compile(r"\b(" + "|".join(_COMBINING) + r")[-\u2013]$", re.IGNORECASE)
_BOTH_COMBINING = re.compile(
    r"\b(" + "|".join(_COMBINING) + r")[-\u2013](" + "|".join(_COMBINING) + r")\b(?![-\u2013])", re.IGNORECASE
)
_PEOPLE_AFTER = re.compile(
    r"\s+(?:community|communities|diaspora|population|voters|residents|famil(?:y|ies)|businessm[ae]n|entrepreneurs?|"
    r"actors?|actress(?:es)?|writers?|authors?|singers?|artists?|descent|origin|heritage)\b",
    re.IGNORECASE,
)  # "the Indo-Canadian community": people of one origin, not two states


def _combined(field: Field, text: str, found: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "Sino-Russian drills", "Indo-Pakistani talks": a combining form joined to a country names a country too
    (alone, "Indo-Pacific" names none)."""
    spans = [
        (match.start(1), match.end(1))
        for mention in found
        if mention.kind is ActorKind.COUNTRY
        and (match := _COMBINED.search(text, max(0, mention.start - 7), mention.start)) is not None
        and not _PEOPLE_AFTER.match(text, mention.end)
    ]
    for match in _BOTH_COMBINING.finditer(text):  # "Indo-Pak talks"
        if not _PEOPLE_AFTER.match(text, match.end()):
            spans += [(match.start(1), match.end(1)), (match.start(2), match.end(2))]
    added = []
    for first, last in sorted(set(spans)):
        code = _COMBINING[text[first:last].lower()]
        entry = gazetteer.country(code)
        added.append(
            Mention(field, first, last, text[first:last], ActorKind.COUNTRY, entry.name if entry else None, code,
                    form="adjective", source="combining form")
        )  # fmt: skip
    return added


def _titles(texts: dict[Field, str], hits: dict[Field, list[Hit]], gazetteer: Gazetteer) -> dict[str, set[str]]:
    """Person → the offices the text puts right before their name ("Prime Minister Kishida")."""
    titles: dict[str, set[str]] = {}
    for field, text in texts.items():
        for before, hit in pairwise(hits[field]):
            office = before.target.office
            if hit.target.kind is ActorKind.PERSON and office is not None and text[before.end : hit.start] == " ":
                titles.setdefault(gazetteer.entry(hit).key, set()).add(office.office)
    return titles


def _start(mention: Mention) -> int:
    return mention.start


def _counterparts(text: str, mentions: list[Mention], gazetteer: Gazetteer, period: Period | None) -> list[Mention]:
    """ "his South Korean counterpart": the holder, in that country, of the office of the person just named."""
    found: list[Mention] = []
    for index, mention in enumerate(mentions):
        match = _COUNTERPART.match(text, mention.end)
        if mention.kind is not ActorKind.COUNTRY or mention.country is None or match is None:
            continue
        colleague = next(
            (m for m in reversed(mentions[:index]) if m.role and m.role != "igo_head" and m.country != mention.country),
            None,
        )
        if colleague is None or colleague.role is None:
            continue
        name, title = None, colleague.office
        if period is not None:
            holders = gazetteer.holders(mention.country, colleague.role, start=period[0], end=period[1])
            if len({entry.key for entry, _ in holders}) == 1:
                name, title = holders[0][0].name, holders[0][1].title
        start, end = match.start(1), match.end(1)
        found.append(
            Mention(
                mention.field,
                start,
                end,
                text[start:end],
                ActorKind.PERSON,
                name,
                mention.country,
                sector="GOV",
                office=title,
                role=colleague.role,
                form="counterpart",
                source="offices.tsv",
            )
        )
    return found


def infer_window(people: Iterable[Entry], *, titles: dict[str, set[str]] | None = None) -> DateWindow | None:
    """The period in which the most of ``people`` held office at the same time.

    ``titles`` maps a person to the offices the text gives them ("Prime Minister
    Kishida"): only those tenures count, where the person held one.
    """
    spans = {
        entry.name: [
            (tenure.start, tenure.end or date.max) for tenure in _tenures(entry, (titles or {}).get(entry.key))
        ]
        for entry in people
        if entry.tenures
    }
    if not spans:
        return None
    edges = sorted({edge for intervals in spans.values() for start, end in intervals for edge in (start, _after(end))})
    best: list[tuple[date, date, tuple[str, ...]]] = []
    best_count = 0
    for start, stop in pairwise(edges):
        holders = tuple(
            name for name, intervals in spans.items() if any(s <= start and stop <= _after(e) for s, e in intervals)
        )
        if len(holders) > best_count:
            best, best_count = [(start, stop, holders)], len(holders)
        elif len(holders) == best_count and holders:
            best.append((start, stop, holders))
    if not best:
        return None
    last = best[-1][1] - timedelta(days=1)
    because = tuple(dict.fromkeys(name for _, _, holders in best for name in holders))
    return DateWindow(best[0][0], None if last >= date.max - timedelta(days=1) else last, because)


def _tenures(entry: Entry, offices: set[str] | None) -> list[Tenure]:
    titled = [tenure for tenure in entry.tenures if offices and tenure.office in offices]
    return titled or entry.tenures


def _after(day: date) -> date:
    return day if day == date.max else day + timedelta(days=1)


def _is_person(hit: Hit) -> bool:
    return hit.target.kind is ActorKind.PERSON


def _surname_hits(text: str, hits: list[Hit], people: Iterable[Entry], *, anywhere: bool) -> dict[int, Entry]:
    """Start offset → person, for bare surnames after the person's full name."""
    taken = [(hit.start, hit.end) for hit in hits]
    folded = fold(text)
    found: dict[int, Entry] = {}
    for entry in people:
        if not entry.short:
            continue
        first = (
            0
            if anywhere
            else min(
                (
                    hit.start
                    for hit in hits
                    if hit.target.entry is not None and hit.target.alias in {a.text for a in entry.aliases}
                ),
                default=len(text),
            )
        )
        needle = fold(entry.short)
        position = folded.find(needle, first)
        while position != -1:
            end = position + len(needle)
            bounded = (position == 0 or not folded[position - 1].isalnum()) and (
                end == len(folded) or not folded[end].isalnum()
            )
            free = all(end <= start or position >= stop for start, stop in taken)
            if bounded and free and text[position].isupper():
                found[position] = entry
            position = folded.find(needle, end)
    return found


@dataclass(frozen=True, slots=True)
class _Scope:
    """One field of one article, with its hits and the period offices are read for."""

    field: Field
    text: str
    hits: list[Hit]
    gazetteer: Gazetteer
    period: Period | None

    def left(self, index: int) -> Hit | None:
        """The hit right before ``hits[index]``, joined by a space or a possessive."""
        if index == 0:
            return None
        previous = self.hits[index - 1]
        return previous if self.text[previous.end : self.hits[index].start] in _GLUE else None

    def mention(
        self, start: int, end: int, kind: ActorKind, *, name: str | None, country: str | None,
        sector: str | None = None, office: str | None = None, role: str | None = None, form: str, source: str,
    ) -> Mention:  # fmt: skip
        return Mention(
            self.field, start, end, self.text[start:end], kind, name, country,
            sector=sector, office=office, role=role, form=form, source=source,
        )  # fmt: skip

    def person(self, start: int, end: int, entry: Entry, *, form: str, titled: OfficeNoun | None = None) -> Mention:
        tenure = _tenure(entry, self.period, titled)
        return self.mention(
            start, end, ActorKind.PERSON, name=entry.name, country=self.gazetteer.acts_for(entry, tenure),
            sector="GOV" if tenure else None,
            office=tenure.title if tenure else None,
            role=tenure.office if tenure else None,
            form=form, source=entry.source,
        )  # fmt: skip


def _mentions(scope: _Scope, surnames: dict[int, Entry]) -> Iterator[Mention]:
    for index, hit in enumerate(scope.hits):
        target = hit.target
        if target.office is not None:
            yield from _office_mention(scope, index, target.office)
            continue
        entry = scope.gazetteer.entry(hit)
        if entry.kind is ActorKind.PERSON:
            titled = scope.left(index)
            office = titled.target.office if titled is not None else None
            yield scope.person(hit.start, hit.end, entry, form=target.form, titled=office)
        elif not _names_a_thing(scope.text, hit):
            yield Mention(
                scope.field, hit.start, hit.end, scope.text[hit.start : hit.end], entry.kind, entry.name,
                entry.country, entry.sector, None, None, target.form, entry.source,
            )  # fmt: skip
    for start, entry in surnames.items():
        assert entry.short is not None
        yield scope.person(start, start + len(entry.short), entry, form="surname")


def _names_a_thing(text: str, hit: Hit) -> bool:
    """Whether a country word is part of the name of a treaty or a place, not the state: "the Vienna Convention",
    "the Minsk agreements", "the Paris climate accord" (a capital before a document), "the Korean Peninsula", "the
    Taiwan Strait", "the Gulf of Oman", "the Sea of Japan", "a Belgrade football club", "Ukrainian flags", "US
    dollars"."""
    money = _CURRENCY_AFTER.match(text, hit.end) and _AMOUNT_BEFORE.search(text, max(0, hit.start - 24), hit.start)
    if money or _FLAG_AFTER.match(text, hit.end):
        return True  # "120 million US dollars", "waving EU and Ukrainian flags": money and cloth, not a party
    if hit.target.kind is not ActorKind.COUNTRY:
        return False
    if hit.target.form == "capital" and (_DOCUMENT_AFTER.match(text, hit.end) or _CLUB_AFTER.match(text, hit.end)):
        return True
    waters = _WATERS_BEFORE.search(text, max(0, hit.start - _WATERS_REACH), hit.start)
    return waters is not None or _PLACE_AFTER.match(text, hit.end) is not None


_DOCUMENT_AFTER = re.compile(
    r"\s+(?:(?:climate|peace|nuclear|ceasefire|cease-fire|trade|security)\s+)?(?:conventions?|accords?|agreements?|"
    r"protocols?|treaty|declaration|process|format|principles|memorandum|communiqu[eé]|charter|statute|consensus)\b",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(r"\s+(?:Peninsula|Strait|Straits|Sea)\b")  # "the Taiwan Strait", "the South China Sea"
_CLUB_AFTER = re.compile(r"\s+(?:football|soccer|basketball|hockey)\s+(?:club|team|fans)\b", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(r"\d(?:[\d,.]*\d)?\s*(?:(?:million|billion|trillion|bn|mn|m)\s+)?$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(
    r"\s+(?:dollars?|yuan|renminbi|rupees?|yen|pounds? sterling|euros?|rubles?|roubles?|dinars?|riyals?|"
    r"dirhams?|lira|pesos?|francs?|shekels?|rand|naira|cedis?|shillings?|taka|ringgit|baht|rupiah)\b",
    re.IGNORECASE,
)
_FLAG_AFTER = re.compile(r"(?:\s*,\s*[A-Z][\w-]*|\s+and\s+[A-Z][\w-]*){0,4}\s+flags?\b")
_WATERS_REACH = 20  # characters: "Straits of the "
_WATERS_BEFORE = re.compile(r"\b(?:Gulf|Sea|Bay|Strait|Straits)\s+of\s+(?:the\s+)?$")  # "the Gulf of Oman"


def _office_mention(scope: _Scope, index: int, noun: OfficeNoun) -> Iterator[Mention]:
    """An office noun names a person when a country word stands before it."""
    hits, text, gazetteer = scope.hits, scope.text, scope.gazetteer
    following = hits[index + 1] if index + 1 < len(hits) else None
    if following is not None and text[hits[index].end : following.start] == " " and _is_person(following):
        return  # "President Recep Tayyip Erdoğan": the name carries the mention
    preceding = scope.left(index)
    if preceding is None or preceding.target.entry is None:
        return
    owner = gazetteer.entry(preceding)
    if owner.kind not in (ActorKind.COUNTRY, ActorKind.IGO) or owner.country is None:
        return
    name, title = None, noun.title
    if scope.period is not None:
        holders = gazetteer.holders(owner.country, noun.office, start=scope.period[0], end=scope.period[1])
        if len({entry.key for entry, _ in holders}) == 1:
            name, title = holders[0][0].name, holders[0][1].title
    hit = hits[index]
    yield scope.mention(
        hit.start, hit.end, ActorKind.PERSON, name=name, country=owner.country, sector="GOV",
        office=title, role=noun.office, form="office", source="offices.tsv",
    )  # fmt: skip


def _tenure(entry: Entry, period: Period | None, titled: OfficeNoun | None) -> Tenure | None:
    if period is None:
        return None
    covering = [tenure for tenure in entry.tenures if tenure.covers(period[0]) and tenure.covers(period[1])]
    if titled is not None:
        covering.sort(key=lambda tenure: tenure.office != titled.office)
    return covering[0] if covering else None
