"""Directed country pairs of an event: the unit of GDELT rows and of graph edges."""

from __future__ import annotations

from itertools import permutations

from bilateral.records import Event, Party


def by_country(parties: tuple[Party, ...]) -> dict[str, Party]:
    """The first party named for each country (or IGO code), in the order the event lists them."""
    found: dict[str, Party] = {}
    for party in parties:
        if party.country and party.country not in found:
            found[party.country] = party
    return found


def directed_pairs(event: Event) -> list[tuple[str, str | None]]:
    """(actor country, recipient country) pairs of ``event``.

    Every actor country with every recipient country; a joint act (several
    actor countries, no recipient) in both directions between each two of
    them; an act with no other country, one pair with no recipient. Parties
    of one country on both sides make no pair with themselves.
    """
    actors, recipients = list(by_country(event.actor)), list(by_country(event.recipient))
    pairs: list[tuple[str, str | None]] = [
        (actor, recipient) for actor in actors for recipient in recipients if actor != recipient
    ]
    if not recipients:
        pairs = list(permutations(actors, 2))
    if not pairs:
        return [(actor, None) for actor in actors[:1]]
    return pairs
