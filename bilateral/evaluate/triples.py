"""(source country, target country, CAMEO root) triples, scored the PETRARCH way.

Per sentence the gold and the predicted triples are matched: a match is
*correct*, a gold triple left over is *missed* (PETRARCH's "uncoded"), a
predicted one left over is *extra*. A reciprocal pair counts once: gold
holding both (A, B, r) and (B, A, r), or a joint event (every party in
``actor``, ``recipient`` empty), becomes one undirected triple, which a
prediction matches in either direction.

A gold triple naming an actor with no known country ("---GOV", a militant
group) cannot be scored: it is left out of the recall, and a prediction that
agrees with it on the root and on the side that is known is not counted extra.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import combinations

from bilateral.evaluate.metrics import Tally
from bilateral.records import Event

# CAMEO international-organisation codes and the code our gazetteer gives the same body.
IGO_CODES = {
    "IGOUNO": "UN",
    "IGOEUREEC": "EU",
    "IGOEUR": "EU",
    "IGOWSTNAT": "NATO",
    "IGONAT": "NATO",
    "IGOCOPITP": "INTERPOL",
    "IGOAFRAU": "AU",
}
# CAMEO heads that name no state: other IGOs, militant groups, NGOs, multinationals.
NON_STATE = frozenset({"IGO", "IMG", "NGO", "NGM", "MNC"})


@dataclass(frozen=True, slots=True)
class Triple:
    """Who did what to whom; ``joint`` when the direction does not matter."""

    source: str | None
    target: str | None
    root: str
    joint: bool = False

    @property
    def scorable(self) -> bool:
        return self.source is not None and self.target is not None

    def fits(self, other: Triple) -> bool:
        """Same root and the same pair; direction counts only when both are directed."""
        if self.root != other.root:
            return False
        if self.joint or other.joint:
            return {self.source, self.target} == {other.source, other.target}
        return (self.source, self.target) == (other.source, other.target)

    def agrees(self, unscorable: Triple) -> bool:
        """A prediction consistent with a gold triple that names an unknown actor."""
        if self.root != unscorable.root:
            return False
        orders = (
            [(self.source, self.target), (self.target, self.source)] if self.joint else [(self.source, self.target)]
        )
        return any(
            unscorable.source in (None, source) and unscorable.target in (None, target) for source, target in orders
        )


def country_of(code: str, known: Collection[str]) -> str | None:
    """The country (or IGO) a CAMEO actor code names: ``TURGOV`` → ``TUR``; else ``None``."""
    code = code.strip().upper()
    for prefix, igo in IGO_CODES.items():
        if code.startswith(prefix):
            return igo
    head = code[:3]
    return head if head.isalpha() and head in known and head not in NON_STATE else None


def root_of(cameo: str) -> str:
    return cameo.strip()[:2]


def without_root(triple: Triple) -> Triple:
    """The triple's pair alone, for scoring who acted on whom whatever the act."""
    return Triple(triple.source, triple.target, "", triple.joint)


def is_cameo(code: str) -> bool:
    """Whether a code has a CAMEO root (01-20); PETRARCH's unit tests also use made-up ones (345, 901)."""
    root = root_of(code)
    return root.isdigit() and 1 <= int(root) <= 20


def collapse(triples: Iterable[Triple]) -> set[Triple]:
    """Deduplicate, and turn (A, B, r) with (B, A, r) into one joint triple."""
    unique = set(triples)
    collapsed: set[Triple] = set()
    for triple in unique:
        reverse = Triple(triple.target, triple.source, triple.root)
        if triple.joint or (reverse in unique and triple.source != triple.target):
            pair = sorted((triple.source or "", triple.target or ""))
            collapsed.add(Triple(pair[0] or None, pair[1] or None, triple.root, joint=True))
        else:
            collapsed.add(triple)
    return collapsed


def event_triples(event: Event) -> list[Triple]:
    """The triples an event asserts: actor × recipient, or every actor pair for a joint act."""
    actors = list(dict.fromkeys(party.country for party in event.actor if party.country))
    recipients = list(dict.fromkeys(party.country for party in event.recipient if party.country))
    root = root_of(event.cameo)
    if recipients:
        return [Triple(actor, recipient, root) for actor in actors for recipient in recipients]
    return [Triple(first, second, root, joint=True) for first, second in combinations(sorted(actors), 2)]


@dataclass(frozen=True, slots=True)
class Matching:
    """One sentence's triples sorted into correct, extra and missed."""

    correct: tuple[Triple, ...]
    extra: tuple[Triple, ...]
    missed: tuple[Triple, ...]

    @property
    def tally(self) -> Tally:
        return Tally(len(self.correct), len(self.extra), len(self.missed))


def match(gold: Iterable[Triple], predicted: Iterable[Triple]) -> Matching:
    """Correct (as the gold has it), extra and missed triples for one sentence."""
    gold_set = collapse(gold)
    scorable = sorted((triple for triple in gold_set if triple.scorable), key=_order)
    unscorable = [triple for triple in gold_set if not triple.scorable]
    correct: list[Triple] = []
    extra: list[Triple] = []
    for guess in sorted(collapse(predicted), key=_order):
        found = next((triple for triple in scorable if guess.fits(triple)), None)
        if found is not None:
            scorable.remove(found)
            correct.append(found)
        elif not any(guess.agrees(triple) for triple in unscorable):
            extra.append(guess)
    return Matching(tuple(correct), tuple(extra), tuple(scorable))


def _order(triple: Triple) -> tuple[bool, str, str, str]:
    return (triple.joint, triple.source or "", triple.target or "", triple.root)


def describe(triples: Iterable[Triple]) -> str:
    """``USA>CHN 04, BRA=USA 03``: a short form for listing mistakes."""
    parts = [
        f"{triple.source or '?'}{'=' if triple.joint else '>'}{triple.target or '?'} {triple.root}"
        for triple in sorted(collapse(triples), key=_order)
    ]
    return ", ".join(parts) or "none"


def quad_of(root: str) -> int:
    """GDELT's QuadClass of a CAMEO root: 01-05 verbal and 06-09 material cooperation, 10-14 and 15-20 conflict."""
    number = int(root) if root.isdigit() else 0
    return 1 if number <= 5 else 2 if number <= 9 else 3 if number <= 14 else 4
